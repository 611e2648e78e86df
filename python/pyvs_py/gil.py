"""The GIL study: the cpu-bound kernel (and work that releases the GIL) on
1..N threads, with the CPU time of every thread measured where it runs.

Every function takes the study's parameters as keyword arguments and
returns ``{"result": exact result, "thread_cpu_s": summed thread CPU}``;
the result is exact so the host can check it.
"""
import hashlib
import sys
import threading
import time
import zlib

from .cpu_bound import in_processes, task


def _on_threads(count, work):
    """Runs work(index) on `count` threads; returns the results, the summed
    CPU time of the threads, and how long after the first was started the
    last one began to run."""
    results = [None] * count
    cpu = [0.0] * count
    begun = [0.0] * count
    errors = []

    def run(index):
        begun[index] = time.perf_counter()
        start = time.thread_time()
        try:
            results[index] = work(index)
        except BaseException as error:  # reported to the host below
            errors.append(error)
        cpu[index] = time.thread_time() - start

    pool = [threading.Thread(target=run, args=(k,)) for k in range(count)]
    started = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    if errors:
        raise errors[0]
    return results, sum(cpu), max(begun) - started


def _answer(result, cpu, **metrics):
    return {"result": result, "thread_cpu_s": cpu, "metrics": metrics}


def _kernel_on_threads(n, count):
    results, cpu, startup = _on_threads(count, lambda _: task(n))
    return _answer(sum(results), cpu, thread_start_s=startup)


def threads(n, threads, **_):
    """Pure-Python kernel on `threads` threads: the GIL lets one run at a time."""
    return _kernel_on_threads(n, threads)


def release_sleep(sleep_us, threads, **_):
    """time.sleep releases the GIL: the waits overlap, no CPU is used."""
    results, cpu, startup = _on_threads(threads, lambda _: time.sleep(sleep_us / 1e6) or 1)
    return _answer(sum(results), cpu, thread_start_s=startup)


_PREPARED = {}


def _prepared(kind, size):
    """The input buffer and its expected answer: compressible but not
    trivial text with a counter."""
    if (kind, size) not in _PREPARED:
        chunk = b"".join(b"pyvs %08d the GIL study\n" % i for i in range(4096))
        data = (chunk * (size // len(chunk) + 1))[:size]
        answer = hashlib.sha256(data).hexdigest() if kind == "sha256" else len(zlib.compress(data, 6))
        _PREPARED[(kind, size)] = (data, answer)
    return _PREPARED[(kind, size)]


def prepare_release_sha256(hash_bytes, **_):
    _prepared("sha256", hash_bytes)


def prepare_release_zlib(zlib_bytes, **_):
    _prepared("zlib", zlib_bytes)


def release_sha256(hash_bytes, threads, **_):
    """hashlib releases the GIL while hashing buffers over 2 KB."""
    data, expected = _prepared("sha256", hash_bytes)
    results, cpu, startup = _on_threads(threads, lambda _: hashlib.sha256(data).hexdigest())
    if any(digest != expected for digest in results):
        raise RuntimeError("sha256 digests differ between threads")
    return _answer(len(results), cpu, thread_start_s=startup)


def release_zlib(zlib_bytes, threads, **_):
    """zlib.compress releases the GIL while it compresses."""
    data, expected = _prepared("zlib", zlib_bytes)
    results, cpu, startup = _on_threads(threads, lambda _: len(zlib.compress(data, 6)))
    if any(length != expected for length in results):
        raise RuntimeError("compressed sizes differ between threads")
    return _answer(len(results), cpu, thread_start_s=startup)


def native(native_n, threads, release, **_):
    """A native Swift function (the built-in module pyvs_native) called from
    Python threads, releasing the GIL around its loop or holding it. Its loop
    is longer than the Python kernel's (Swift is ~100× faster), so starting
    the threads stays a small part of the region."""
    import pyvs_native
    function = pyvs_native.sum_squares if release else pyvs_native.sum_squares_holding_gil
    results, cpu, startup = _on_threads(threads, lambda _: function(native_n))
    return _answer(sum(results), cpu, thread_start_s=startup)


def _process_main(n, connection):
    start = time.thread_time()
    value = task(n)
    connection.send((value, time.thread_time() - start))
    connection.close()


def processes(n, threads, start_method, **_):
    """One process per worker: each has its own interpreter and GIL."""
    answers = in_processes(start_method, threads, _process_main, (n,))
    return _answer(sum(value for value, _ in answers), sum(cpu for _, cpu in answers))


def with_switch_interval(switch_interval_us, n, threads, **_):
    """The pure-Python kernel on threads with sys.setswitchinterval."""
    seconds = switch_interval_us / 1e6
    previous = sys.getswitchinterval()
    sys.setswitchinterval(seconds)
    try:
        answer = _kernel_on_threads(n, threads)
    finally:
        sys.setswitchinterval(previous)
    answer["metrics"]["switch_interval_s"] = seconds
    return answer
