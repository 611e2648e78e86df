"""massive: T concurrent tasks that each sleep d seconds (section 6.4.2, and
the memory table of a million tasks the documents cite). Every variant
returns how many of its tasks woke, and what they cost in memory: the rise
of the process's peak resident memory over the resident memory before the
first task, per task. The thread variant states its rise in resident and in
virtual memory per thread at the moment every thread has started, when all
are alive (a thread's stack is reserved address space, mostly not
resident)."""
import asyncio
import threading
import time


def _status():
    """VmRSS, VmHWM and VmSize of this process, in bytes."""
    figures = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "VmSize"):
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


def _answer(tasks, woke, before, living=None):
    """``living``: (threads alive, status then) once every thread started."""
    if woke != tasks:
        raise RuntimeError(f"{woke} of {tasks} tasks woke")
    metrics = {"resident_per_task_bytes": max(0, _status()["VmHWM"] - before["VmRSS"]) / tasks}
    if living is not None and living[0] == tasks:
        # Every thread alive at once: what each holds. When the first ended
        # before the last started (a sleep shorter than starting them all),
        # there is no such moment, and only the peak per task is stated.
        then = living[1]
        metrics["resident_per_task_bytes"] = max(0, then["VmRSS"] - before["VmRSS"]) / tasks
        metrics["virtual_per_task_bytes"] = max(0, then["VmSize"] - before["VmSize"]) / tasks
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
    """A threading.Thread per task, each calling time.sleep(d)."""
    delay = sleep_ms / 1000
    woke = []

    def sleeper():
        time.sleep(delay)
        woke.append(1)  # list.append is atomic under the GIL

    before = _start()
    started = [threading.Thread(target=sleeper) for _ in range(tasks)]
    for thread in started:
        thread.start()
    living = (tasks - len(woke), _status())
    for thread in started:
        thread.join()
    return _answer(tasks, len(woke), before, living)
