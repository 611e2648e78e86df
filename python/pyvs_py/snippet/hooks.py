"""Errors off the main thread: hooks on threading, and on multiprocessing,
concurrent.futures and asyncio once a block imports them."""
import gc
import os
import sys
import traceback

from .classify import frame_line, is_network_error

class _AfterImport:
    """A meta path finder that runs a hook on a module once it is imported
    (the module is found and loaded by the other finders as usual)."""

    def __init__(self, hooks):
        self.hooks = hooks

    def find_spec(self, name, path, target=None):
        hook = self.hooks.pop(name, None)
        if hook is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                break
        else:
            return None
        if spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        loader = spec.loader

        class Hooked:
            def create_module(self, spec):
                return loader.create_module(spec)

            def exec_module(self, module):
                loader.exec_module(module)
                hook(module)
        spec.loader = Hooked()
        return spec


class OffMainErrors:
    """Errors a block's own code never saw: an uncaught exception in a thread
    it started, a multiprocessing child that exits non-zero, a pool task or
    future whose exception nobody retrieved, an asyncio task whose exception
    was never retrieved. Installed around one block; `found()` lists them."""

    def __init__(self, path, display):
        self.path, self.display = path, display
        self.errors = []
        self.processes = []
        self.network = []  # the errors that were a missing network
        self.reports = None  # where forked children write their exception
        self.stopped = set()  # processes the block terminated or killed itself
        self.unretrieved = {}
        self.saved = []
        self.finder = None

    def _describe(self, error):
        line = frame_line(error, self.path)
        where = f" ({self.display} line {line})" if line else ""
        return f"{type(error).__name__}: {error}".strip().rstrip(":")[:200] + where

    def _patch(self, owner, name, replacement):
        self.saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, replacement)

    def __enter__(self):
        import threading
        original_hook = threading.excepthook

        def thread_hook(args):
            if args.exc_type is SystemExit:
                return original_hook(args)
            name = args.thread.name if args.thread is not None else "a thread"
            self.errors.append(f"uncaught in thread {name}: {self._describe(args.exc_value)}")
            if is_network_error(args.exc_value):
                self.network.append(self.errors[-1])
            # Printed as threading does, but through linecache (the default
            # hook, in C, reads the block's file on disk, whose lines are not
            # the document's).
            sys.stderr.write(f"Exception in thread {name}:\n")
            sys.stderr.write("".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)))
            sys.stderr.flush()
        self._patch(threading, "excepthook", thread_hook)
        # The other modules are patched when the block imports them (importing
        # them for every block would cost 40-70 ms a block).
        hooks = {"multiprocessing.process": self._watch_processes, "multiprocessing.pool": self._watch_pool,
                 "concurrent.futures._base": self._watch_futures, "asyncio.base_events": self._watch_asyncio}
        pending = {}
        for name, hook in hooks.items():
            if name in sys.modules:
                hook(sys.modules[name])
            else:
                pending[name] = hook
        self.finder = _AfterImport(pending)
        sys.meta_path.insert(0, self.finder)
        return self

    def __exit__(self, *exc):
        if self.finder in sys.meta_path:
            sys.meta_path.remove(self.finder)
        if self.reports:
            import shutil
            shutil.rmtree(self.reports, ignore_errors=True)
        for owner, name, value in reversed(self.saved):
            setattr(owner, name, value)
        return False

    def _watch_processes(self, module):
        import tempfile
        original_start, original_terminate, original_kill, original_run = (
            module.BaseProcess.start, module.BaseProcess.terminate, module.BaseProcess.kill, module.BaseProcess.run)
        processes, stopped, describe = self.processes, self.stopped, self._describe
        reports = self.reports = tempfile.mkdtemp(prefix="pyvs-children-")

        def run(process):
            # In a forked child: its uncaught exception, for the parent's reason.
            try:
                return original_run(process)
            except BaseException as error:
                if not isinstance(error, SystemExit):
                    with open(os.path.join(reports, str(os.getpid())), "w", encoding="utf-8") as handle:
                        handle.write(describe(error))
                raise
        self._patch(module.BaseProcess, "run", run)

        def start(process):
            processes.append(process)
            return original_start(process)

        def stopping(original):  # terminate and kill: the block stops the child itself
            def stop(process):
                stopped.add(id(process))
                return original(process)
            return stop
        self._patch(module.BaseProcess, "start", start)
        self._patch(module.BaseProcess, "terminate", stopping(original_terminate))
        self._patch(module.BaseProcess, "kill", stopping(original_kill))

    def _watch_pool(self, module):
        apply_set, map_set, apply_get = module.ApplyResult._set, module.MapResult._set, module.ApplyResult.get
        unretrieved = self.unretrieved

        def remember(result):
            if not result._success and result._error_callback is None:
                unretrieved.setdefault(id(result), result._value)

        def set_apply(result, i, obj):
            apply_set(result, i, obj)
            remember(result)

        def set_map(result, i, success_result):
            map_set(result, i, success_result)
            if result._event.is_set():
                remember(result)

        def get(result, timeout=None):
            try:
                return apply_get(result, timeout)
            finally:
                unretrieved.pop(id(result), None)
        self._patch(module.ApplyResult, "_set", set_apply)
        self._patch(module.MapResult, "_set", set_map)
        self._patch(module.ApplyResult, "get", get)

    def _watch_futures(self, module):
        set_exception, result, exception = module.Future.set_exception, module.Future.result, module.Future.exception
        unretrieved = self.unretrieved

        def set_failed(future, error):
            unretrieved.setdefault(id(future), error)
            return set_exception(future, error)

        def retrieved(original):
            def read(future, timeout=None):
                unretrieved.pop(id(future), None)
                return original(future, timeout)
            return read
        self._patch(module.Future, "set_exception", set_failed)
        self._patch(module.Future, "result", retrieved(result))
        self._patch(module.Future, "exception", retrieved(exception))

    def _watch_asyncio(self, module):
        original_handler = module.BaseEventLoop.call_exception_handler
        errors, describe = self.errors, self._describe

        def handler(loop, context):
            error = context.get("exception")
            if error is not None and "never retrieved" in context.get("message", ""):
                errors.append(f"an asyncio task's exception was never retrieved: {describe(error)}")
            return original_handler(loop, context)
        self._patch(module.BaseEventLoop, "call_exception_handler", handler)

    def _child_report(self, process):
        if not self.reports or not process.pid:
            return None
        try:
            with open(os.path.join(self.reports, str(process.pid)), encoding="utf-8") as handle:
                return handle.read()
        except OSError:
            return None

    def found(self):
        """The errors seen, once the block's leftovers are collected."""
        if "asyncio" in sys.modules:
            gc.collect()  # an unretrieved asyncio task reports when it is freed
        errors = list(self.errors)
        for process in self.processes:
            code = process.exitcode
            if "PoolWorker" in process.name or id(process) in self.stopped:
                continue  # a pool's workers are terminated by the pool
            if code is not None and code != 0:
                how = f"died of signal {-code}" if code < 0 else f"exited with status {code}"
                said = self._child_report(process)
                errors.append(f"multiprocessing child {process.name} {how}: {said}" if said
                              else f"multiprocessing child {process.name} {how} (its traceback is on stderr)")
        for value in self.unretrieved.values():
            if isinstance(value, BaseException):
                errors.append(f"a pool task or future failed and nobody retrieved its exception: {self._describe(value)}")
        return errors
