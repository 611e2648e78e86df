"""process-start: start a process and wait for it, N times in a row
(section 5.1.1, and the 1-10 ms the chapter gives for creating a process),
beside a thread started and joined, the start a process is said to cost
more than. Every variant returns how many of its starts ran to the end (a
process's exit status 0, each one read, not assumed; a thread's target
having returned), and the seconds per start."""
import multiprocessing
import os
import subprocess
import sys
import threading
import time


def _nothing():
    pass


def _answer(succeeded, starts, seconds):
    return {"result": f"{succeeded} of {starts} started ran to the end",
            "metrics": {"per_process_s": seconds / starts}}


def _processes(method, starts):
    context = multiprocessing.get_context(method)
    succeeded = 0
    start = time.perf_counter()
    for _ in range(starts):
        process = context.Process(target=_nothing)
        process.start()
        process.join()
        succeeded += process.exitcode == 0
    return _answer(succeeded, starts, time.perf_counter() - start)


def prepare_process_forkserver(**_):
    """The forkserver itself starts once, before the measured region."""
    multiprocessing.get_context("forkserver").Process(target=_nothing).start()


def _as_script(method, starts):
    """As if the parent were `python script.py`: its __main__ has a file,
    which a forkserver or spawn child runs again before its target (pyvs's
    own __main__ has none, and its targets live in this module)."""
    main = sys.modules["__main__"]
    missing = object()
    saved = getattr(main, "__file__", missing)
    main.__file__ = os.path.join(os.path.dirname(__file__), "_script_main.py")
    try:
        return _processes(method, starts)
    finally:
        if saved is missing:
            del main.__file__
        else:
            main.__file__ = saved


def prepare_process_forkserver_script(**_):
    prepare_process_forkserver()


def process_forkserver_script(starts, **_):
    return _as_script("forkserver", starts)


def process_spawn_script(starts, **_):
    return _as_script("spawn", starts)


def process_fork(starts, **_):
    return _processes("fork", starts)


def process_forkserver(starts, **_):
    return _processes("forkserver", starts)


def process_spawn(starts, **_):
    return _processes("spawn", starts)


def subprocess_true(starts, **_):
    """subprocess.run of a trivial program."""
    succeeded = 0
    start = time.perf_counter()
    for _ in range(starts):
        succeeded += subprocess.run(["/bin/true"]).returncode == 0
    return _answer(succeeded, starts, time.perf_counter() - start)


def thread_start(starts, **_):
    """threading.Thread started and joined: each target records that it ran."""
    ran = []
    start = time.perf_counter()
    for _ in range(starts):
        thread = threading.Thread(target=ran.append, args=(1,))
        thread.start()
        thread.join()
    return _answer(len(ran), starts, time.perf_counter() - start)
