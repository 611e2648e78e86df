"""massive: T concurrent tasks that each sleep d seconds (section 6.4.2, and
the memory table of a million tasks the documents cite). Every variant
returns how many of its tasks woke, and what they cost in memory: the rise
of the process's peak resident memory over the resident memory before the
first task, per task. The thread variant states its peak resident and
virtual memory per thread alive at once (a thread's stack is reserved
address space, mostly not resident)."""
import asyncio
import threading
import time


def _status():
    """VmRSS, VmHWM, VmSize and VmPeak of this process, in bytes."""
    figures = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "VmSize", "VmPeak"):
                figures[key] = int(value.split()[0]) * 1024
    return figures


def _start():
    """Resets the peak resident memory (clear_refs 5), then the resident and
    virtual memory before the first task."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pass
    return _status()


def _answer(tasks, woke, before, most_alive=None):
    """``most_alive``: the most threads alive at once, for the thread row."""
    if woke != tasks:
        raise RuntimeError(f"{woke} of {tasks} tasks woke")
    after = _status()
    per = most_alive or tasks
    metrics = {"resident_per_task_bytes": max(0, after["VmHWM"] - before["VmRSS"]) / per}
    if most_alive:
        metrics["virtual_per_task_bytes"] = max(0, after["VmPeak"] - before["VmSize"]) / most_alive
    return {"result": f"{tasks} tasks woke", "metrics": metrics}


def asyncio_tasks(tasks, sleep_ms, **_):
    """asyncio.gather of T coroutines, each awaiting asyncio.sleep(d)."""
    delay = sleep_ms / 1000

    async def sleeper():
        await asyncio.sleep(delay)
        return 1

    async def main():
        return sum(await asyncio.gather(*(sleeper() for _ in range(tasks))))

    before = _start()
    return _answer(tasks, asyncio.run(main()), before)


def threads(tasks, sleep_ms, **_):
    """A threading.Thread per task, each calling time.sleep(d). When the
    first threads end before the last start (a short d), the figures are
    per thread alive at the busiest moment: an ended thread's stack is
    reused by the next one."""
    delay = sleep_ms / 1000
    lock = threading.Lock()
    alive = [0, 0]  # now, most at once
    woke = []

    def sleeper():
        with lock:
            alive[0] += 1
            alive[1] = max(alive[1], alive[0])
        time.sleep(delay)
        with lock:
            alive[0] -= 1
            woke.append(1)

    before = _start()
    started = [threading.Thread(target=sleeper) for _ in range(tasks)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join()
    return _answer(tasks, len(woke), before, alive[1])
