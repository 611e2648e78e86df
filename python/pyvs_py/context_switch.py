"""context-switch: two parties hand a token back and forth N times (section
6.6): threads through two semaphores, coroutines through asyncio.sleep(0).
Every variant returns the round trips it counted (handoffs that arrived,
two a round trip) and the seconds per switch."""
import asyncio
import threading
import time


def _answer(handoffs, seconds):
    return {"result": f"{handoffs // 2} round trips",
            "metrics": {"per_switch_s": seconds / max(1, handoffs)}}


def threads(round_trips, **_):
    """Two threads: each waits on its semaphore and releases the other's."""
    ping, pong = threading.Semaphore(0), threading.Semaphore(0)
    arrived = [0, 0]  # handoffs each side received

    def other():
        for _ in range(round_trips):
            ping.acquire()
            arrived[1] += 1
            pong.release()

    start = time.perf_counter()
    thread = threading.Thread(target=other)
    thread.start()
    for _ in range(round_trips):
        ping.release()
        pong.acquire()
        arrived[0] += 1
    thread.join()
    return _answer(sum(arrived), time.perf_counter() - start)


def coroutines(round_trips, **_):
    """Two tasks on one event loop, each giving way with asyncio.sleep(0)."""
    async def one():
        given = 0
        for _ in range(round_trips):
            await asyncio.sleep(0)
            given += 1
        return given

    async def main():
        start = time.perf_counter()
        given = await asyncio.gather(one(), one())
        return sum(given), time.perf_counter() - start

    return _answer(*asyncio.run(main()))
