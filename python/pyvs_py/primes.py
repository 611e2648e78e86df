"""primes: T tasks of counting the primes below n by trial division.

The reference document's compare_cpu_bound (section 4): serial, a
ThreadPoolExecutor and a ProcessPoolExecutor over the same tasks. Each
variant returns the total count (9592 per task below 100 000).
"""
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def is_prime(num):
    if num < 2:
        return False
    for i in range(2, int(num ** 0.5) + 1):
        if num % i == 0:
            return False
    return True


def count_primes(n):
    """The document's cpu_intensive_task."""
    return sum(1 for i in range(n) if is_prime(i))


def serial(n, tasks, **_):
    return sum(count_primes(n) for _ in range(tasks))


def thread_pool(n, tasks, workers, **_):
    """ThreadPoolExecutor: the GIL lets one thread count at a time."""
    with ThreadPoolExecutor(max_workers=workers) as executor:
        return sum(executor.map(count_primes, [n] * tasks))


def process_pool(n, tasks, workers, start_method, **_):
    """ProcessPoolExecutor: one interpreter (and GIL) per process."""
    context = multiprocessing.get_context(start_method)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as executor:
        return sum(executor.map(count_primes, [n] * tasks))
