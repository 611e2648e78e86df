"""The sandboxed server's watch over one block: the processes of the
blocks' namespace sampled as pyvs samples a child's tree (ChildProcess:
the first sample after 20 ms, every 20 ms while the tree grows — more
processes, or 1 % more memory, than at any sample before — and twice as
far apart, up to 0.2 s, while it does not; the tree's PSS read as the
summed RSS reaches new highs, by ChildProcess's rules too), the block's
limits and timeout enforced on the whole tree, and the block's own
verdict read from its private pipe."""
import json
import os
import select
import signal
import time

_PAGE = os.sysconf("SC_PAGE_SIZE")
# At most this much of what arrives on the verdict pipe is kept.
_MAX_RECORDS = 1 << 20
# The sample intervals, as ChildProcess's sampleInterval and quietSampleInterval.
SAMPLE_INTERVAL = 0.02
QUIET_SAMPLE_INTERVAL = 0.2
# When the tree's PSS is read again (ChildProcess.Rules): past a new high
# of the summed RSS by 10 % while the tree grows (at most every 0.25 s, the
# first after 0.15 s), or by 2 % once it is quiet.
PSS_RISE_FRACTION = 0.10
PSS_SETTLED_FRACTION = 0.02
FIRST_PSS_SECONDS = 0.15
PSS_EVERY_SECONDS = 0.25
# What the block left running gets this long to end by itself (a resource
# tracker does), as ChildProcess gives its pipes to drain.
LEFTOVER_GRACE = 0.5
# The report's format; pyvs refuses another.
REPORT_VERSION = 2


class Tree:
    """The processes of the blocks' namespace but the server (its init) and
    the next block's process, forked ahead."""

    def __init__(self, outsiders):
        self.outsiders = set(outsiders)
        self.watched = None

    def members(self):
        found = []
        for name in os.listdir("/proc"):
            if name.isdigit() and int(name) not in self.outsiders:
                found.append(int(name))
        return found

    @staticmethod
    def stat(pid):
        """(state, threads, resident bytes, parent) of one process, or None once it is gone."""
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return fields[0], int(fields[17]), int(fields[21]) * _PAGE, int(fields[1])

    def sample(self):
        """(live pids, their threads, their summed RSS), zombies left out;
        the zombies that are our children (orphans re-parented to the
        server, the namespace's init) are reaped, but for the block being
        watched, whose status its watch collects."""
        threads = rss = 0
        alive = []
        for pid in self.members():
            seen = self.stat(pid)
            if seen is None or seen[0] in (b"Z", b"X"):
                if seen is not None and seen[3] == os.getpid() and pid != self.watched:
                    try:
                        os.waitpid(pid, os.WNOHANG)
                    except ChildProcessError:
                        pass
                continue
            threads += seen[1]
            rss += seen[2]
            alive.append(pid)
        return alive, threads, rss

    @staticmethod
    def proportional(pid):
        """A process's proportional set size in bytes (smaps_rollup's Pss:
        each page it shares divided by the processes sharing it), 0 once it
        is gone."""
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                for line in handle:
                    if line.startswith(b"Pss:"):
                        return int(line.split()[1]) * 1024
        except (OSError, ValueError, IndexError):
            pass
        return 0

    def kill_all(self):
        """SIGKILL to every process of the namespace, until none is left."""
        for _ in range(200):
            alive = self.sample()[0]
            if not alive:
                return
            for pid in alive:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            time.sleep(0.002)


class Records:
    """What arrives on the verdict pipe: JSON lines; only those carrying the
    block's token count."""

    def __init__(self, fd, token):
        self.fd, self.token = fd, token
        self.data = bytearray()
        self.open = True

    def read(self):
        try:
            chunk = os.read(self.fd, 65536)
        except BlockingIOError:
            return
        if not chunk:
            self.open = False
        elif len(self.data) < _MAX_RECORDS:
            self.data += chunk

    def drain(self):
        os.set_blocking(self.fd, False)
        while self.open:
            before = len(self.data)
            self.read()
            if len(self.data) == before:
                break

    def found(self):
        verdict = exiting = None
        for line in bytes(self.data).split(b"\n"):
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if not isinstance(record, dict) or record.get("token") != self.token:
                continue
            if record.get("event") == "verdict" and verdict is None:
                verdict = record
            elif record.get("event") == "exiting" and exiting is None:
                exiting = record
        return verdict, exiting


def supervise(child, records, limits, start, tree):
    """Watches the block until it and what it started have ended; returns
    the report pyvs gets."""
    deadline = start + limits["timeout"]
    tree.watched = child
    pidfd = os.pidfd_open(child)
    poller = select.poll()
    poller.register(records.fd, select.POLLIN)
    poller.register(pidfd, select.POLLIN)
    peak = {"processes": 0, "threads": 0, "rss": 0}
    interval = SAMPLE_INTERVAL
    next_sample = start + interval
    forced = None
    pss_read_at, pss_read_time, peak_pss = 0, start, None
    while True:
        wait = max(0.0, min(next_sample, deadline) - time.perf_counter())
        for fd, _ in poller.poll(wait * 1000):
            if fd == records.fd:
                records.read()
                if not records.open:
                    poller.unregister(records.fd)
        waited, status, usage = os.wait4(child, os.WNOHANG)
        now = time.perf_counter()
        if waited == child:
            break
        if now >= next_sample:
            alive, threads, rss = tree.sample()
            processes = len(alive)
            quiet = processes <= peak["processes"] and rss <= peak["rss"] + peak["rss"] // 100
            peak["processes"] = max(peak["processes"], processes)
            peak["threads"] = max(peak["threads"], threads)
            peak["rss"] = max(peak["rss"], rss)
            interval = min(interval * 2, QUIET_SAMPLE_INTERVAL) if quiet else SAMPLE_INTERVAL
            next_sample = now + interval
            risen = rss > pss_read_at * (1 + PSS_RISE_FRACTION)
            due = now - pss_read_time >= (FIRST_PSS_SECONDS if peak_pss is None else PSS_EVERY_SECONDS)
            if (risen and (quiet or due)) or (quiet and rss > pss_read_at * (1 + PSS_SETTLED_FRACTION)):
                pss_read_at, pss_read_time = rss, now
                peak_pss = max(peak_pss or 0, sum(tree.proportional(pid) for pid in alive))
            if forced is None and rss > limits["memory_limit_bytes"]:
                forced = {"kind": "memory", "limit_bytes": limits["memory_limit_bytes"]}
            elif forced is None and processes > limits["max_processes"]:
                forced = {"kind": "processes", "limit": limits["max_processes"]}
            if forced is not None:
                tree.kill_all()
        if forced is None and now >= deadline:
            forced = {"kind": "timeout", "after_s": limits["timeout"]}
            tree.kill_all()
    os.close(pidfd)
    wall = now - start
    records.drain()
    # What the block left running gets half a second to end by itself (a
    # resource tracker does); what is still there then was left behind.
    give_up = time.perf_counter() + LEFTOVER_GRACE
    while True:
        leftovers = tree.sample()[0]
        if not leftovers or time.perf_counter() > give_up or forced is not None:
            break
        time.sleep(0.01)
    if leftovers:
        tree.kill_all()
    if forced is None:
        if os.WIFSIGNALED(status):
            forced = {"kind": "signalled", "signal": os.WTERMSIG(status)}
        else:
            forced = {"kind": "exited", "code": os.WEXITSTATUS(status)}
    verdict, exiting = records.found()
    return {
        "version": REPORT_VERSION, "ending": forced, "wall_s": wall, "user_s": usage.ru_utime, "sys_s": usage.ru_stime,
        "tree_peak_rss_bytes": max(peak["rss"], usage.ru_maxrss * 1024), "tree_peak_pss_bytes": peak_pss,
        "pss_read_at_rss_bytes": pss_read_at if peak_pss is not None else None,
        "peak_processes": max(1, peak["processes"]), "peak_threads": max(1, peak["threads"]),
        "leftovers": 0 if forced["kind"] in ("timeout", "memory", "processes") else len(leftovers),
        "verdict": verdict, "exiting": exiting,
    }
