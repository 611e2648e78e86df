"""shared-memory: W worker processes each add 1 to every element of one
shared array, R times over (section 5.1.2). Every element must end at W×R.
Returns "L elements, sum S, each between a and b" and the updates made.
"""
import multiprocessing
from multiprocessing import shared_memory

from ._workers import run_processes


def _describe(values, workers, rounds):
    values = list(values)
    return {"result": f"{len(values)} elements, sum {sum(values)}, each between {min(values)} and {max(values)}",
            "metrics": {"updates": workers * rounds * len(values)}}


def _array_worker(array, rounds):
    for _ in range(rounds):
        with array.get_lock():
            for index in range(len(array)):
                array[index] += 1


def array_lock(workers, length, rounds, start_method, **_):
    """multiprocessing.Array('q') with its own lock, held for a whole pass."""
    context = multiprocessing.get_context(start_method)
    array = context.Array("q", length)
    run_processes(context, workers, _array_worker, (array, rounds))
    return _describe(array[:], workers, rounds)


def _shm_worker(name, lock, length, rounds):
    block = shared_memory.SharedMemory(name=name)
    try:
        cells = block.buf.cast("q")
        for _ in range(rounds):
            with lock:
                for index in range(length):
                    cells[index] += 1
        cells.release()
    finally:
        block.close()


def shared_memory_lock(workers, length, rounds, start_method, **_):
    """shared_memory.SharedMemory, attached by name, a multiprocessing.Lock per pass."""
    context = multiprocessing.get_context(start_method)
    block = shared_memory.SharedMemory(create=True, size=length * 8)
    try:
        cells = block.buf.cast("q")
        for index in range(length):
            cells[index] = 0
        run_processes(context, workers, _shm_worker, (block.name, context.Lock(), length, rounds))
        answer = _describe(cells.tolist(), workers, rounds)
        cells.release()
        return answer
    finally:
        block.close()
        block.unlink()
