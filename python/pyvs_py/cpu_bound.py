"""cpu-bound: T tasks of ``sum(i * i for i in range(n))``.

The reference document's CPU-bound test (section 2, test 1; section 4;
section 6.2.2) run in every Python concurrency model. Each variant returns
the sum of the per-task results, an exact int.
"""
import asyncio
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor

from ._workers import on_threads
from .loop import task


def serial(n, tasks, **_):
    return sum(task(n) for _ in range(tasks))


def threads(n, tasks, **_):
    """One threading.Thread per task; the GIL lets one run at a time."""
    results = [0] * tasks

    def run(index):
        results[index] = task(n)

    pool = [threading.Thread(target=run, args=(k,)) for k in range(tasks)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return sum(results)


def _process_main(n, connection):
    connection.send(task(n))
    connection.close()


def in_processes(start_method, count, target, args):
    """Runs ``target(*args, connection)`` in `count` processes and returns
    what each sent back on its Pipe, in order."""
    context = multiprocessing.get_context(start_method)
    readers, children = [], []
    for _ in range(count):
        reader, writer = context.Pipe(duplex=False)
        child = context.Process(target=target, args=(*args, writer))
        child.start()
        writer.close()
        readers.append(reader)
        children.append(child)
    answers = [reader.recv() for reader in readers]
    for child in children:
        child.join()
        if child.exitcode != 0:
            raise RuntimeError(f"worker process exited with {child.exitcode}")
    return answers


def processes(n, tasks, start_method, **_):
    """One multiprocessing.Process per task, results sent back on a Pipe."""
    return sum(in_processes(start_method, tasks, _process_main, (n,)))


def pool(n, tasks, workers, start_method, **_):
    """multiprocessing.Pool.map over the tasks with `workers` processes."""
    context = multiprocessing.get_context(start_method)
    with context.Pool(workers) as process_pool:
        return sum(process_pool.map(task, [n] * tasks))


def executor(n, tasks, workers, start_method, **_):
    """concurrent.futures.ProcessPoolExecutor.map with `workers` processes."""
    context = multiprocessing.get_context(start_method)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool_executor:
        return sum(pool_executor.map(task, [n] * tasks))


def asyncio_gather(n, tasks, **_):
    """asyncio.gather of coroutines that never await: one thread, in turn."""
    async def one():
        return task(n)

    async def main():
        return sum(await asyncio.gather(*(one() for _ in range(tasks))))

    return asyncio.run(main())


def interpreters_api():
    """PEP 734's interpreters: ``concurrent.interpreters`` (3.14), else the
    ``interpreters-pep-734`` backport (3.13); with the function that makes a
    queue the interpreters can share. None when neither is importable."""
    try:
        from concurrent import interpreters
        return interpreters, interpreters.create_queue
    except ImportError:
        pass
    try:
        from interpreters_backport import interpreters
        from interpreters_backport.interpreters import queues
        return interpreters, queues.create
    except ImportError:
        return None


# Run in each interpreter before a queue is shared with it: 3.13's backport
# cannot hand over a queue to an interpreter that has not imported its type.
_PREPARE = "try:\n    import _interpqueues\nexcept ImportError:\n    pass\n"


def subinterpreters(n, tasks, workers, **_):
    """`workers` interpreters, each with its own GIL, driven by one thread
    each; the tasks are shared among them and each sends its result back on
    a shared queue. Creating the interpreters is part of the region, as
    starting the processes is for the process rows."""
    api = interpreters_api()
    if api is None:
        raise RuntimeError("needs concurrent.interpreters (CPython 3.14) or the interpreters-pep-734 backport (3.13)")
    interpreters, create_queue = api
    results = create_queue()
    pool = [interpreters.create() for _ in range(workers)]
    try:
        def drive(index):
            interpreter = pool[index]
            interpreter.exec(_PREPARE)
            interpreter.prepare_main(results=results, n=n)
            for _ in range(index, tasks, workers):
                interpreter.exec("results.put(sum(i * i for i in range(n)))")

        on_threads(workers, drive)
        answers = [results.get() for _ in range(tasks)]
    finally:
        for interpreter in pool:
            interpreter.close()
    return sum(answers)
