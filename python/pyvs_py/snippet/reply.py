"""What a block's process reports to pyvs, written one way by every mode:
JSON lines on a descriptor, and the process's own peak memory (VmHWM; not
ru_maxrss, which exec carries over from the process that spawned it)."""
import json
import os


def own_peak_rss():
    """This process's own peak resident memory in bytes (0 when /proc does not say)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def write_line(fd, record):
    """One JSON record and a newline, in one write."""
    os.write(fd, (json.dumps(record) + "\n").encode())


def write_reply(verdict, wall, cpu, fd=3):
    """The worker's reply (WorkerReply's JSON), as the Swift worker writes it."""
    write_line(fd, {"wall_s": wall, "cpu_s": cpu, "loops": 1, "calls": 1, "snippet": verdict, "peak_rss_bytes": own_peak_rss()})
