"""The GIL study: the cpu-bound kernel (and work that releases the GIL) on
1..N threads, with the CPU time of every thread measured where it runs.

Every function returns ``(result, [cpu seconds of each thread])``; the
result is exact so the host can check it.
"""
import hashlib
import threading
import time
import zlib

from .cpu_bound import in_processes, task


def _on_threads(count, work):
    """Runs work(index) on `count` threads; returns results and thread CPU times."""
    results = [None] * count
    cpu = [0.0] * count
    errors = []

    def run(index):
        start = time.thread_time()
        try:
            results[index] = work(index)
        except BaseException as error:  # reported to the host below
            errors.append(error)
        cpu[index] = time.thread_time() - start

    pool = [threading.Thread(target=run, args=(k,)) for k in range(count)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    if errors:
        raise errors[0]
    return results, cpu


def threads(n, threads):
    """Pure-Python kernel on `threads` threads: the GIL lets one run at a time."""
    results, cpu = _on_threads(threads, lambda _: task(n))
    return sum(results), cpu


def release_sleep(seconds, threads):
    """time.sleep releases the GIL: the waits overlap, no CPU is used."""
    results, cpu = _on_threads(threads, lambda _: time.sleep(seconds) or 1)
    return sum(results), cpu


_PREPARED = {}


def prepare(kind, size):
    """Builds the input buffer and its expected answer once, before the
    measured region: compressible but not trivial text with a counter."""
    if (kind, size) not in _PREPARED:
        chunk = b"".join(b"pyvs %08d the GIL study\n" % i for i in range(4096))
        data = (chunk * (size // len(chunk) + 1))[:size]
        answer = hashlib.sha256(data).hexdigest() if kind == "sha256" else len(zlib.compress(data, 6))
        _PREPARED[(kind, size)] = (data, answer)
    return _PREPARED[(kind, size)]


def release_sha256(size, threads):
    """hashlib releases the GIL while hashing buffers over 2 KB."""
    data, expected = prepare("sha256", size)
    results, cpu = _on_threads(threads, lambda _: hashlib.sha256(data).hexdigest())
    if any(digest != expected for digest in results):
        raise RuntimeError("sha256 digests differ between threads")
    return len(results), cpu


def release_zlib(size, threads):
    """zlib.compress releases the GIL while it compresses."""
    data, expected = prepare("zlib", size)
    results, cpu = _on_threads(threads, lambda _: len(zlib.compress(data, 6)))
    if any(length != expected for length in results):
        raise RuntimeError("compressed sizes differ between threads")
    return len(results), cpu


def native(n, threads, release):
    """A native Swift function (the built-in module pyvs_native) called from
    Python threads, releasing the GIL around its loop or holding it."""
    import pyvs_native
    function = pyvs_native.sum_squares if release else pyvs_native.sum_squares_holding_gil
    results, cpu = _on_threads(threads, lambda _: function(n))
    return sum(results), cpu


def _process_main(n, connection):
    start = time.thread_time()
    value = task(n)
    connection.send((value, time.thread_time() - start))
    connection.close()


def processes(n, threads, start_method):
    """One process per worker: each has its own interpreter and GIL."""
    answers = in_processes(start_method, threads, _process_main, (n,))
    return sum(value for value, _ in answers), [cpu for _, cpu in answers]


def with_switch_interval(seconds, n, threads_count):
    """The pure-Python kernel on threads with sys.setswitchinterval(seconds)."""
    import sys
    previous = sys.getswitchinterval()
    sys.setswitchinterval(seconds)
    try:
        return threads(n, threads_count)
    finally:
        sys.setswitchinterval(previous)
