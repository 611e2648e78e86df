"""producer-consumer: P producers, C consumers, M items through a bounded
queue (sections 1.4, 1.5 scene 3, 5.2.3).

Producer k makes items k, k+P, k+2P, ...; consumers tally what they take
(count, sum, sum of squares), so an item lost or taken twice changes the
result. A None tells a consumer to stop.
"""
import asyncio
import collections
import multiprocessing
import queue
import threading


def _tally(items):
    count = total = squares = 0
    for item in items:
        count += 1
        total += item
        squares += item * item
    return count, total, squares


def _describe(tallies):
    count = sum(t[0] for t in tallies)
    total = sum(t[1] for t in tallies)
    squares = sum(t[2] for t in tallies)
    return f"{count} items, sum {total}, sum of squares {squares}"


def _drain(get):
    """Items from get() until the None that ends them."""
    while True:
        item = get()
        if item is None:
            return
        yield item


def _run_threads(producers, consumers, produce, consume):
    tallies = [None] * consumers

    def consumer(index):
        tallies[index] = consume()

    makers = [threading.Thread(target=produce, args=(k,)) for k in range(producers)]
    takers = [threading.Thread(target=consumer, args=(k,)) for k in range(consumers)]
    for thread in makers + takers:
        thread.start()
    for thread in makers:
        thread.join()
    return takers, tallies


def queue_threads(producers, consumers, items, capacity, **_):
    """queue.Queue(maxsize) between threads: put blocks when full, get when empty."""
    channel = queue.Queue(maxsize=capacity)

    def produce(k):
        for item in range(k, items, producers):
            channel.put(item)

    takers, tallies = _run_threads(producers, consumers, produce, lambda: _tally(_drain(channel.get)))
    for _ in range(consumers):
        channel.put(None)
    for thread in takers:
        thread.join()
    return _describe(tallies)


def condition_threads(producers, consumers, items, capacity, **_):
    """A deque guarded by a threading.Condition, bounded by hand."""
    buffer = collections.deque()
    condition = threading.Condition()

    def put(item):
        with condition:
            while len(buffer) >= capacity:
                condition.wait()
            buffer.append(item)
            condition.notify_all()

    def get():
        with condition:
            while not buffer:
                condition.wait()
            item = buffer.popleft()
            condition.notify_all()
            return item

    def produce(k):
        for item in range(k, items, producers):
            put(item)

    takers, tallies = _run_threads(producers, consumers, produce, lambda: _tally(_drain(get)))
    for _ in range(consumers):
        put(None)
    for thread in takers:
        thread.join()
    return _describe(tallies)


def asyncio_queue(producers, consumers, items, capacity, **_):
    """asyncio.Queue(maxsize) between coroutines on one thread."""
    async def produce(channel, k):
        for item in range(k, items, producers):
            await channel.put(item)

    async def consume(channel):
        count = total = squares = 0
        while True:
            item = await channel.get()
            if item is None:
                return count, total, squares
            count += 1
            total += item
            squares += item * item

    async def main():
        channel = asyncio.Queue(maxsize=capacity)
        takers = [asyncio.create_task(consume(channel)) for _ in range(consumers)]
        await asyncio.gather(*(produce(channel, k) for k in range(producers)))
        for _ in range(consumers):
            await channel.put(None)
        return await asyncio.gather(*takers)

    return _describe(asyncio.run(main()))


def _mp_produce(channel, k, items, producers):
    for item in range(k, items, producers):
        channel.put(item)


def _mp_consume(channel, results):
    results.put(_tally(_drain(channel.get)))


def mp_queue(producers, consumers, items, capacity, start_method, **_):
    """multiprocessing.Queue(maxsize) between processes (items are pickled)."""
    context = multiprocessing.get_context(start_method)
    channel = context.Queue(maxsize=capacity)
    results = context.Queue()
    makers = [context.Process(target=_mp_produce, args=(channel, k, items, producers)) for k in range(producers)]
    takers = [context.Process(target=_mp_consume, args=(channel, results)) for _ in range(consumers)]
    for process in makers + takers:
        process.start()
    for process in makers:
        process.join()
    for _ in range(consumers):
        channel.put(None)
    tallies = [results.get() for _ in range(consumers)]
    for process in makers + takers:
        process.join()
        if process.exitcode != 0:
            raise RuntimeError(f"worker process exited with {process.exitcode}")
    return _describe(tallies)
