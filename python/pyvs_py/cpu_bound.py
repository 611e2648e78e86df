"""cpu-bound: T tasks of ``sum(i * i for i in range(n))``.

The reference document's CPU-bound test (section 2, test 1; section 4;
section 6.2.2) run in every Python concurrency model. Each variant returns
the sum of the per-task results, an exact int.
"""
import asyncio
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor


def task(n):
    """One unit of CPU-bound work: pure Python, holds the GIL throughout."""
    return sum(i * i for i in range(n))


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
