"""process-start: start a process and wait for it, N times in a row
(section 5.1.1, and the 1-10 ms the chapter gives for creating a process).
Every variant returns how many processes ended with status 0, and the
seconds per process."""
import multiprocessing
import subprocess
import time


def _nothing():
    pass


def _answer(starts, seconds):
    return {"result": f"{starts} processes started and ended with status 0",
            "metrics": {"per_process_s": seconds / starts}}


def _processes(method, starts):
    context = multiprocessing.get_context(method)
    start = time.perf_counter()
    for _ in range(starts):
        process = context.Process(target=_nothing)
        process.start()
        process.join()
        if process.exitcode != 0:
            raise RuntimeError(f"a {method} process exited with {process.exitcode}")
    return _answer(starts, time.perf_counter() - start)


def prepare_process_forkserver(**_):
    """The forkserver itself starts once, before the measured region."""
    multiprocessing.get_context("forkserver").Process(target=_nothing).start()


def process_fork(starts, **_):
    return _processes("fork", starts)


def process_forkserver(starts, **_):
    return _processes("forkserver", starts)


def process_spawn(starts, **_):
    return _processes("spawn", starts)


def subprocess_true(starts, **_):
    """subprocess.run of a trivial program."""
    start = time.perf_counter()
    for _ in range(starts):
        subprocess.run(["/bin/true"], check=True)
    return _answer(starts, time.perf_counter() - start)
