"""The sandboxed server's own confinement, made with the kernel's calls
(through libc: Python's os module has no unshare, capset or ioprio):
a user namespace in which it holds capabilities, a PID namespace for the
blocks with an init that reaps their orphans, and what a block gives up
before it runs."""
import ctypes
import os
import platform
import resource
import signal

from .forkserver import reset_signals

_libc = ctypes.CDLL(None, use_errno=True)
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWPID = 0x20000000
PR_SET_DUMPABLE = 4
_PR_SET_NO_NEW_PRIVS = 38
_CAPABILITY_VERSION_3 = 0x20080522
_LIMITS = sorted(getattr(resource, name) for name in dir(resource) if name.startswith("RLIMIT_"))
_IOPRIO_GET = {"x86_64": 252, "aarch64": 31}.get(platform.machine())
_IOPRIO_WHO_PROCESS = 1


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def check(result, what):
    """A libc call's result: 0, or an OSError naming the call and errno."""
    if result != 0:
        number = ctypes.get_errno()
        raise OSError(number, f"{what}: {os.strerror(number)}")


def prctl(option, value):
    """prctl(2) with one argument; its result (0, or -1 and errno)."""
    return _libc.prctl(option, value, 0, 0, 0)


def own_namespaces():
    """A user namespace mapping only our own uid and gid (the server holds
    capabilities there), then a PID namespace for the blocks, with its init."""
    uid, gid = os.getuid(), os.getgid()
    check(_libc.unshare(_CLONE_NEWUSER), "unshare(CLONE_NEWUSER)")
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
        with open(f"/proc/self/{name}", "w") as handle:
            handle.write(text)
    check(_libc.unshare(_CLONE_NEWPID), "unshare(CLONE_NEWPID)")
    init = os.fork()
    if init == 0:
        _reap_forever()
    return init


def _reap_forever():
    """The blocks' namespace's init: reaps the orphans re-parented to it. As
    init it receives no signal from inside the namespace it has no handler
    for, and it holds capabilities a block lacks, so a block can neither
    kill nor trace it."""
    try:
        prctl(PR_SET_DUMPABLE, 0)
        reset_signals()
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.closerange(3, 65536)
        while True:
            try:
                while os.waitpid(-1, os.WNOHANG)[0] > 0:
                    pass
            except ChildProcessError:
                pass
            signal.sigwait({signal.SIGCHLD})
    finally:
        os._exit(0)


def drop_capabilities():
    """The block keeps none of the server's capabilities, and can gain none."""
    check(prctl(_PR_SET_NO_NEW_PRIVS, 1), "prctl(PR_SET_NO_NEW_PRIVS)")
    check(_libc.capset(ctypes.byref(_CapHeader(_CAPABILITY_VERSION_3, 0)), (_CapData * 2)()), "capset")


def treatment(pid):
    """What another process of the same user may change in a process: its
    priority, scheduling policy, CPUs, resource limits and I/O priority."""
    io = _libc.syscall(_IOPRIO_GET, _IOPRIO_WHO_PROCESS, pid) if _IOPRIO_GET else None
    return (os.getpriority(os.PRIO_PROCESS, pid), os.sched_getscheduler(pid), os.sched_getaffinity(pid),
            [resource.prlimit(pid, limit) for limit in _LIMITS], io)

