"""Running the Python blocks of a document, one block a real ``__main__``.

Each block is written to a file of its own and compiled with its line
numbers shifted to where it stands in the document (``offset``: the line of
its opening fence), so tracebacks and reasons point at the document without
a file padded with the lines above it. The host rewrites the file's path to
the document's name.
"""
import ast
import builtins
import doctest
import gc
import importlib.util
import json
import keyword
import linecache
import os
import re
import resource
import socket
import sys
import time
import traceback
import types
import urllib.error

# Import names whose PyPI distribution has another name (or that are
# commonly met in tutorials), so the report can say what to install.
DISTRIBUTIONS = {
    "aiohttp": "aiohttp", "aiofiles": "aiofiles", "asyncpg": "asyncpg", "aioredis": "aioredis",
    "aiomysql": "aiomysql", "motor": "motor", "uvloop": "uvloop", "httpx": "httpx", "requests": "requests",
    "numpy": "numpy", "pandas": "pandas", "psutil": "psutil", "redis": "redis", "pymysql": "PyMySQL",
    "yaml": "PyYAML", "PIL": "Pillow", "cv2": "opencv-python", "bs4": "beautifulsoup4",
    "sklearn": "scikit-learn", "gevent": "gevent", "greenlet": "greenlet", "trio": "trio",
    "anyio": "anyio", "celery": "celery", "flask": "Flask", "fastapi": "fastapi", "uvicorn": "uvicorn",
    "sqlalchemy": "SQLAlchemy", "matplotlib": "matplotlib", "scipy": "scipy", "numba": "numba",
    "cython": "Cython", "joblib": "joblib", "ray": "ray", "dask": "dask", "tornado": "tornado",
    "twisted": "Twisted", "websockets": "websockets", "pytest": "pytest", "memory_profiler": "memory-profiler",
}

NETWORK_ERROR_NAMES = {
    "ClientConnectorError", "ClientConnectionError", "ClientOSError", "ServerDisconnectedError",
    "ConnectError", "ConnectTimeout", "NewConnectionError", "MaxRetryError", "ConnectionError",
    "ProxyError", "SSLError", "gaierror", "herror",
}

# A command line: a program name, then options or arguments, no operators
# ("gunicorn -w 4 app:app", "uvicorn main:app --reload").
COMMAND_LINE = re.compile(r"^\s*[A-Za-z_][\w.-]*(\s+(-{1,2}[\w-]+(=\S+)?|[\w./:@-]+))+\s*$")

# C in a python fence: address-of, arrows, statements ended by ";" or "{".
PSEUDO_CODE = re.compile(r"(\(\s*&\w|,\s*&\w|\w->\w|;\s*$|\)\s*\{\s*$)")

SHELL_START = re.compile(r"^\s*(\$ |>\s|pip3? |python3? |conda |apt(-get)? |brew |cd |ls |export |sudo |git |curl |wget |npm |mkdir |#!/)")


def _frame_line(error, path):
    """The deepest line of the block in the exception's traceback."""
    line = None
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == path:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _missing(names):
    missing = []
    for name in names:
        try:
            if importlib.util.find_spec(name) is None:
                missing.append(name)
        except (ImportError, ValueError):
            missing.append(name)
    return missing


def _install_hint(name):
    top = name.split(".")[0]
    if top in getattr(sys, "stdlib_module_names", ()):
        return f"needs {top}: part of the standard library but missing from this Python build"
    if top in DISTRIBUTIONS:
        return f"needs {top}: not installed here (run with --install, or pip install {DISTRIBUTIONS[top]})"
    return f"needs module '{top}': not installed here (--with DISTRIBUTION installs it, if PyPI has it; or the document defines it elsewhere)"


def _is_network_error(error):
    if isinstance(error, (socket.gaierror, socket.herror, ConnectionError, urllib.error.URLError)):
        return True
    if isinstance(error, TimeoutError) and "connect" in str(error).lower():
        return True
    names = {cls.__name__ for cls in type(error).__mro__}
    return bool(names & NETWORK_ERROR_NAMES)


def classify_syntax(error, source, display, offset=0):
    """A block that does not compile: shell, a fragment, or a real error.
    `error.lineno` is already the document's line; the block starts after `offset`."""
    line = error.lineno or 0
    local = line - offset
    lines = source.splitlines()
    code_lines = [text for text in lines if text.strip()]
    first = code_lines[0] if code_lines else ""
    where = f"{display} line {line}"
    if SHELL_START.match(first) or (0 < local <= len(lines) and SHELL_START.match(lines[local - 1])):
        return {"status": "skipped", "reason": f"looks like shell commands, not Python ({where})"}
    bad_line = lines[local - 1] if 0 < local <= len(lines) else first
    if _is_command(bad_line):
        return {"status": "skipped", "reason": f"a shell command, not Python: {bad_line.strip()[:60]} ({where})"}
    bad = lines[local - 1].strip() if 0 < local <= len(lines) else ""
    message = error.msg or "invalid syntax"
    if PSEUDO_CODE.search(bad):
        return {"status": "skipped", "reason": f"pseudo-code (C syntax), not Python: {bad[:60]} ({where})"}
    fragment = ("outside function" in message or "outside async function" in message
                or message.startswith("unexpected indent") or message.startswith("expected an indented block")
                or "..." in bad or bad.startswith("…"))
    if fragment:
        return {"status": "skipped", "reason": f"a fragment, not a runnable program: {message} ({where})"}
    return {"status": "failed", "reason": f"{type(error).__name__}: {message} ({where})"}


def _is_command(line):
    """A line that reads as a shell command and is not Python."""
    words = line.split()
    if not words or keyword.iskeyword(words[0]) or not COMMAND_LINE.match(line):
        return False
    try:
        compile(line.strip(), "<line>", "exec")
        return False
    except SyntaxError:
        return True


def _unimported_module(error):
    """For a NameError on a module name the block never imported, that name."""
    name = getattr(error, "name", None)
    if not isinstance(error, NameError) or not name:
        match = re.match(r"name '(\w+)' is not defined", str(error))
        name = match.group(1) if match else None
    if not name:
        return None
    if name in DISTRIBUTIONS or name in getattr(sys, "stdlib_module_names", ()):
        return name
    return None


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
        line = _frame_line(error, self.path)
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
            if _is_network_error(args.exc_value):
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


def _definitions_only(tree):
    """Names a block defines when it only defines things (and runs nothing)."""
    names = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # a docstring
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Constant):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names += [target.id for target in targets if isinstance(target, ast.Name)]
        else:
            return None
    return names


def _report_exception(error, path, display):
    """Prints the traceback as Python would for the block alone: pyvs's own
    frames (this module, runpy) left out, the file named as the document."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != path:
        tb = tb.tb_next
    text = "".join(traceback.format_exception(type(error), error, tb or error.__traceback__))
    sys.stderr.write(text.replace(path, display))
    sys.stderr.flush()


def _shifted(error, offset):
    """A SyntaxError of the block, its lines made the document's."""
    if error.lineno:
        error.lineno += offset
    if getattr(error, "end_lineno", None):
        error.end_lineno += offset
    return error


def remember_lines(path, source, offset):
    """Tracebacks read source lines through linecache: give it the block at
    its document lines, in memory (the file on disk holds the block alone)."""
    lines = ["\n"] * offset + [line if line.endswith("\n") else line + "\n" for line in source.splitlines(True)]
    linecache.cache[path] = (len(source), None, lines, path)


def execute(make_run, source, path, display, expect_error, requires, offset=0):
    """Compiles one block at its document lines, runs what `make_run(tree)`
    returns, and says what happened."""
    missing = _missing(requires)
    if missing:
        hints = "; ".join(_install_hint(name) for name in missing)
        return {"status": "skipped", "reason": f"requires {', '.join(missing)} — {hints}"}
    try:
        compile(source, path, "exec")  # stricter than ast.parse: also 'await' outside a function
        tree = ast.parse(source, path)
    except SyntaxError as error:
        _shifted(error, offset)
        sys.stderr.write("".join(traceback.format_exception_only(type(error), error)).replace(path, display))
        result = classify_syntax(error, source, display, offset)
        if expect_error and result["status"] == "failed":
            return {"status": "ok", "reason": f"raised SyntaxError as expected ({display} line {error.lineno})"}
        return result
    ast.increment_lineno(tree, offset)
    run = make_run(tree)
    watch = OffMainErrors(path, display)
    try:
        with watch:
            run()
            off_main = watch.found()
    except TranscriptMismatch as error:
        return {"status": "failed", "reason": str(error)}
    except SystemExit as error:
        code = error.code
        if code in (None, 0):
            return {"status": "ok", "reason": "called sys.exit(0)"}
        if expect_error:
            return {"status": "ok", "reason": f"exited with status {code} as expected"}
        return {"status": "failed", "reason": f"exited with status {code} (sys.exit)"}
    except BaseException as error:  # the block's own error, reported
        line = _frame_line(error, path)
        where = f" ({display} line {line})" if line else ""
        _report_exception(error, path, display)
        message = f"{type(error).__name__}: {error}".strip().rstrip(":")
        if expect_error:
            return {"status": "ok", "reason": f"raised {type(error).__name__} as expected{where}"}
        if isinstance(error, ModuleNotFoundError) and error.name:
            return {"status": "skipped", "reason": _install_hint(error.name) + where}
        if _is_network_error(error):
            return {"status": "skipped", "reason": f"needs network: {message[:200]}{where}"}
        module = _unimported_module(error)
        if module:
            return {"status": "skipped",
                    "reason": f"a fragment: uses {module} without importing it{where}"}
        return {"status": "failed", "reason": f"{message[:300]}{where}"}
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    if off_main and len(watch.network) == len(off_main):
        return {"status": "skipped", "reason": "needs network: " + off_main[0][:250]}
    if off_main:
        if expect_error:
            return {"status": "ok", "reason": f"raised as expected: {off_main[0]}"}
        more = f" (and {len(off_main) - 1} more)" if len(off_main) > 1 else ""
        return {"status": "failed", "reason": off_main[0] + more}
    if expect_error:
        return {"status": "failed", "reason": "expected an error; the block ran without one"}
    defined = _definitions_only(tree)
    if defined is not None:
        shown = ", ".join(defined[:8]) + (", …" if len(defined) > 8 else "")
        noun = "name" if len(defined) == 1 else "names"
        return {"status": "ok", "reason": f"defined {len(defined)} {noun} ({shown}); nothing else ran" if defined else "nothing to run"}
    return {"status": "ok", "reason": ""}


class TranscriptMismatch(Exception):
    """A >>> session printed something other than the document shows."""


class _TranscriptRunner(doctest.DocTestRunner):
    """doctest's runner, keeping each failure's document line and a short
    description for the report (its own report goes to stderr)."""

    def __init__(self, offset, display, echo):
        super().__init__(verbose=False, optionflags=doctest.ELLIPSIS)
        self.offset, self.display, self.echo = offset, display, echo
        self.problems = []

    def report_success(self, out, test, example, got):
        self.echo.write(got)  # what the session printed, as the interpreter would show it

    def _line(self, example):
        return self.offset + example.lineno + 1

    def report_failure(self, out, test, example, got):
        self.echo.write(got)
        want, shown = example.want.strip(), got.strip()
        self.problems.append(f"line {self._line(example)}: the document shows {_short(want)!r}, it printed {_short(shown)!r}")
        super().report_failure(out, test, example, got)

    def report_unexpected_exception(self, out, test, example, exc_info):
        error = exc_info[1]
        self.problems.append(f"line {self._line(example)}: {type(error).__name__}: {str(error)[:150]}".rstrip(": "))
        super().report_unexpected_exception(out, test, example, exc_info)


def _short(text, limit=60):
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[:limit - 1] + "…"


def transcript(raw, display, offset, namespace):
    """Runs a >>> session as doctest does: each example's output compared
    with what the document shows after it (ELLIPSIS allowed); differences
    are reported with doctest's diff on stderr and raise TranscriptMismatch.
    What the examples printed goes to stdout as well."""
    test = doctest.DocTestParser().get_doctest(raw, namespace, display, display, offset)
    runner = _TranscriptRunner(offset, display, sys.stdout)
    runner.run(test, out=sys.stderr.write, clear_globs=False)
    if runner.problems:
        more = f" (and {len(runner.problems) - 1} more)" if len(runner.problems) > 1 else ""
        raise TranscriptMismatch(runner.problems[0] + more)


def _main_module(path):
    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__builtins__ = builtins
    return main


def _as_main(path, run):
    """Runs run(namespace) with a fresh module as sys.modules['__main__'], as
    runpy.run_path does: multiprocessing's spawn finds the file through it."""
    main = _main_module(path)
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = main
    try:
        run(main.__dict__)
    finally:
        sys.modules["__main__"] = saved


def run_file(path, display, expect_error, requires, transcript_path="", offset=0):
    """One block in its own process: the file runs as the real __main__
    (a >>> session as doctest runs it, from `transcript_path`)."""
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    remember_lines(path, source, offset)
    if transcript_path:
        with open(transcript_path, encoding="utf-8") as handle:
            raw = handle.read()

        def make_run(tree):
            return lambda: _as_main(path, lambda namespace: transcript(raw, display, offset, namespace))
    else:
        def make_run(tree):
            code = compile(tree, path, "exec")
            return lambda: _as_main(path, lambda namespace: exec(code, namespace))
    result = execute(make_run, source, path, display, expect_error, list(requires), offset)
    return json.dumps(result)


def _marker(index):
    sys.stdout.flush()
    sys.stderr.flush()
    for fd in (1, 2):
        os.write(fd, b"\x1epyvs-block %d\x1e\n" % index)


def run_session(job_path, events_fd):
    """Every block in order in one interpreter and one __main__ namespace.
    Events go to `events_fd` as JSON lines: start, then the block's result."""
    with open(job_path, encoding="utf-8") as handle:
        job = json.load(handle)
    path, display = job["path"], job["display"]
    main = _main_module(path)
    sys.modules["__main__"] = main

    def emit(event):
        os.write(events_fd, (json.dumps(event) + "\n").encode())

    for block in job["blocks"]:
        _marker(block["index"])
        emit({"event": "start", "index": block["index"]})
        source = block["source"]
        usage0 = resource.getrusage(resource.RUSAGE_SELF)
        start = time.perf_counter()
        if block.get("transcript"):
            def make_run(tree, raw=block["transcript"], line=block.get("line", 0)):
                return lambda: transcript(raw, display, line, main.__dict__)
        else:
            def make_run(tree):
                code = compile(tree, path, "exec")
                return lambda: exec(code, main.__dict__)
        result = execute(make_run, source, path, display, block.get("expect_error", False),
                         block.get("requires", []), block.get("line", 0))
        wall = time.perf_counter() - start
        usage1 = resource.getrusage(resource.RUSAGE_SELF)
        result.update({
            "event": "end", "index": block["index"], "wall_s": wall,
            "cpu_s": (usage1.ru_utime - usage0.ru_utime) + (usage1.ru_stime - usage0.ru_stime),
            "peak_rss_bytes": usage1.ru_maxrss * 1024,
        })
        emit(result)
        if job.get("exit_first") and result["status"] == "failed":
            break
    _marker(0)
    return json.dumps({"blocks": len(job["blocks"])})


def _reply(verdict, wall, cpu):
    """The worker's reply (WorkerReply's JSON) on fd 3, as a worker writes it."""
    peak = 0
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1]) * 1024
    reply = {"wall_s": wall, "cpu_s": cpu, "loops": 1, "calls": 1, "snippet": verdict, "peak_rss_bytes": peak}
    os.write(3, (json.dumps(reply) + "\n").encode())


def _run_forked(job):
    """In the forked child: the block, as a fresh worker would run it."""
    import atexit
    import signal
    import threading
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGPIPE, signal.SIGCHLD, signal.SIGQUIT):
        signal.signal(number, signal.SIG_DFL)
    os.chdir(job["folder"])
    sys.argv = [job["display"]]
    block = job["block"]
    usage0 = resource.getrusage(resource.RUSAGE_SELF)
    children0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    verdict = json.loads(run_file(block["path"], job["display"], block["expectError"], block["requires"],
                                  block.get("transcript") or "", block["offset"]))
    wall = time.perf_counter() - start
    usage1 = resource.getrusage(resource.RUSAGE_SELF)
    children1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(getattr(after, field) - getattr(before, field)
              for before, after in ((usage0, usage1), (children0, children1)) for field in ("ru_utime", "ru_stime"))
    _reply(verdict, wall, cpu)
    # What the interpreter does at exit: wait for the block's threads, run
    # its atexit functions (multiprocessing joins its children there).
    threading._shutdown()
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()


def serve(fd):
    """The fork server: for each block received on socket `fd` (its JSON,
    with the child's stdout, stderr and report pipes attached), forks twice
    so the block's process is re-parented to pyvs, and answers its pid."""
    import socket
    server = socket.socket(fileno=fd)
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(server, 1 << 20, 3)
        except OSError:
            break
        if not message:
            break
        job = json.loads(message)
        sys.stdout.flush()
        sys.stderr.flush()
        read_end, write_end = os.pipe()
        middle = os.fork()
        if middle == 0:
            os.close(read_end)
            child = os.fork()
            if child == 0:
                code = 0
                try:
                    os.close(write_end)
                    server.close()
                    os.setpgid(0, 0)
                    for target, source in zip((1, 2, 3), fds):
                        os.dup2(source, target)
                    for source in fds:
                        if source not in (1, 2, 3):
                            os.close(source)
                    _run_forked(job)
                except SystemExit as error:
                    code = error.code if isinstance(error.code, int) else 1
                except BaseException:
                    traceback.print_exc()
                    code = 70
                finally:
                    os._exit(code)
            try:
                os.setpgid(child, child)  # set on both sides, so it is set before pyvs learns the pid
            except OSError:
                pass
            os.write(write_end, str(child).encode())
            os._exit(0)
        os.close(write_end)
        os.waitpid(middle, 0)
        answer = os.read(read_end, 32)
        os.close(read_end)
        for source in fds:
            os.close(source)
        server.send(answer or b"0")
