"""race: W workers × N increments of one counter (sections 3 and 5.2.1).

Unsafe variants report the updates they lost; safe ones must end at
exactly W×N. Every variant returns {"result": final, "metrics": {"lost": n}}.
"""
import asyncio
import multiprocessing
import threading

from ._workers import run_processes

_counter = 0


def _answer(final, workers, increments):
    return {"result": final, "metrics": {"lost": workers * increments - final}}


def _on_threads(count, work):
    threads = [threading.Thread(target=work) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def threads_unlocked(workers, increments, **_):
    """The document's thread_increment: `global_counter += 1`, no lock."""
    global _counter
    _counter = 0

    def work():
        global _counter
        for _ in range(increments):
            _counter += 1

    _on_threads(workers, work)
    return _answer(_counter, workers, increments)


def threads_lock(workers, increments, **_):
    """The document's thread_increment_safe: the same under a Lock."""
    global _counter
    _counter = 0
    lock = threading.Lock()

    def work():
        global _counter
        for _ in range(increments):
            with lock:
                _counter += 1

    _on_threads(workers, work)
    return _answer(_counter, workers, increments)


def _value_unlocked(value, increments):
    for _ in range(increments):
        value.value += 1


def _value_locked(value, increments):
    for _ in range(increments):
        with value.get_lock():
            value.value += 1


def _on_processes(start_method, workers, target, increments):
    context = multiprocessing.get_context(start_method)
    value = context.Value("i", 0)
    run_processes(context, workers, target, (value, increments))
    return value.value


def value_unlocked(workers, increments, start_method, **_):
    """The document's process_increment: Value += 1 in processes, no lock."""
    return _answer(_on_processes(start_method, workers, _value_unlocked, increments), workers, increments)


def value_lock(workers, increments, start_method, **_):
    """The same with Value.get_lock() around each increment."""
    return _answer(_on_processes(start_method, workers, _value_locked, increments), workers, increments)


def coroutines(workers, increments, **_):
    """The document's coroutine_increment: one thread, no await inside the loop."""
    counter = {"value": 0}

    async def increment():
        for _ in range(increments):
            counter["value"] += 1

    async def main():
        await asyncio.gather(*(increment() for _ in range(workers)))

    asyncio.run(main())
    return _answer(counter["value"], workers, increments)
