"""context-switch: two parties hand a token back and forth N times (section
6.6): threads through two semaphores, coroutines through asyncio.sleep(0).
Every variant returns "N round trips" and the seconds per switch (two
switches a round trip)."""
import asyncio
import threading
import time


def _answer(round_trips, seconds):
    return {"result": f"{round_trips} round trips",
            "metrics": {"per_switch_s": seconds / (2 * round_trips)}}


def threads(round_trips, **_):
    """Two threads: each waits on its semaphore and releases the other's."""
    ping, pong = threading.Semaphore(0), threading.Semaphore(0)

    def other():
        for _ in range(round_trips):
            ping.acquire()
            pong.release()

    start = time.perf_counter()
    thread = threading.Thread(target=other)
    thread.start()
    for _ in range(round_trips):
        ping.release()
        pong.acquire()
    thread.join()
    return _answer(round_trips, time.perf_counter() - start)


def coroutines(round_trips, **_):
    """Two tasks on one event loop, each giving way with asyncio.sleep(0)."""
    async def one():
        for _ in range(round_trips):
            await asyncio.sleep(0)

    async def main():
        start = time.perf_counter()
        await asyncio.gather(one(), one())
        return time.perf_counter() - start

    return _answer(round_trips, asyncio.run(main()))
