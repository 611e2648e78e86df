"""The cpu-bound scenario's task, and its timing: a module of its own, so
the python command (and a fork of the snippets' server) time it without
importing what the scenarios need."""
import time


def task(n):
    """One unit of CPU-bound work: pure Python, holds the GIL throughout."""
    return sum(i * i for i in range(n))


def loop_speed(n, repeats):
    """The best of `repeats` timings of `task(n)`, in seconds: the same code
    run in the embedded interpreter and in the executable, to say how fast
    each runs Python here."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        task(n)
        best = min(best, time.perf_counter() - start)
    return best
