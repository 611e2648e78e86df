"""process-pool: Pool.map over N items, each costing a loop (section 5.1.3).

f(i) = sum(j*j for j in range(cost)) + i; every variant returns
"N results in order, checksum C" with C = sum((i+1) * f(i)), which changes
when a result is missing or out of place.
"""
import multiprocessing

_COST = None  # set in each worker by the initializer


def item(i, cost):
    return sum(j * j for j in range(cost)) + i


def _item_pair(pair):
    return item(*pair)


def _init(cost):
    global _COST
    _COST = cost


def _item_initialized(i):
    return item(i, _COST)


def _describe(results):
    checksum = sum((index + 1) * value for index, value in enumerate(results))
    return f"{len(results)} results in order, checksum {checksum}"


def serial(items, cost, **_):
    return _describe([item(i, cost) for i in range(items)])


def pool_chunk1(items, cost, workers, start_method, **_):
    """Pool.map with chunksize=1: one item per message to a worker."""
    with multiprocessing.get_context(start_method).Pool(workers) as pool:
        return _describe(pool.map(_item_pair, [(i, cost) for i in range(items)], chunksize=1))


def pool_auto(items, cost, workers, start_method, **_):
    """Pool.map with its automatic chunksize (about items / (4 × workers))."""
    with multiprocessing.get_context(start_method).Pool(workers) as pool:
        return _describe(pool.map(_item_pair, [(i, cost) for i in range(items)]))


def pool_initializer(items, cost, workers, start_method, **_):
    """Pool(initializer=...): the cost is sent once per worker, not per item."""
    with multiprocessing.get_context(start_method).Pool(workers, initializer=_init, initargs=(cost,)) as pool:
        return _describe(pool.map(_item_initialized, range(items)))
