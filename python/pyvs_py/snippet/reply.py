"""What a block's process reports to pyvs, written one way by every mode:
JSON lines on a descriptor, and the process's own peak memory (VmHWM; not
ru_maxrss, which exec carries over from the process that spawned it)."""
import fcntl
import json
import os
import random


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


def hide(fd):
    """`fd` moved to a descriptor of no fixed number, closed on exec; what is
    written to `fd` from now on goes nowhere. A block that writes to the
    descriptors it inherited (fd 3, say) cannot garble pyvs's record."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, random.randrange(300, 900))
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fd)
    os.close(null)
    return moved
