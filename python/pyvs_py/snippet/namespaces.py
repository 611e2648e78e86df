"""The sandboxed server's own confinement, made with the kernel's calls
(through libc: Python's os module has no unshare, mount, capset or
ioprio): a user namespace in which it holds capabilities, a PID namespace
for the blocks of which the server is the init, with its own /proc, and
what a block gives up before it runs."""
import ctypes
import os
import platform
import resource

from .forkserver import reset_signals

_libc = ctypes.CDLL(None, use_errno=True)
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWPID = 0x20000000
_CLONE_NEWNS = 0x00020000
_MS_NOSUID, _MS_NODEV, _MS_NOEXEC = 0x2, 0x4, 0x8
_MS_REC, _MS_PRIVATE = 0x4000, 0x40000
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
    capabilities there), a PID namespace for the blocks, and a mount
    namespace with that PID namespace's own /proc, so a block's
    `os.getpid()` names the process /proc/self is. The server goes on as
    the namespace's init (a fork of the process that made it, which waits
    for it): blocks are its children, orphans come to it, and a block can
    neither signal it (init receives no signal from inside its namespace
    that it has no handler for) nor trace it (it holds capabilities a block
    lacks, and is not dumpable)."""
    uid, gid = os.getuid(), os.getgid()
    check(_libc.unshare(_CLONE_NEWUSER), "unshare(CLONE_NEWUSER)")
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
        with open(f"/proc/self/{name}", "w") as handle:
            handle.write(text)
    check(_libc.unshare(_CLONE_NEWPID), "unshare(CLONE_NEWPID)")
    init = os.fork()
    if init != 0:
        _wait_for(init)
    check(_libc.unshare(_CLONE_NEWNS), "unshare(CLONE_NEWNS)")
    # Mounts made here stay here; then the namespace's own proc over the host's.
    check(_libc.mount(b"none", b"/", None, _MS_REC | _MS_PRIVATE, None), "mount(/, private)")
    check(_libc.mount(b"proc", b"/proc", b"proc", _MS_NOSUID | _MS_NODEV | _MS_NOEXEC, None), "mount(/proc)")
    check(prctl(PR_SET_DUMPABLE, 0), "prctl(PR_SET_DUMPABLE)")
    reset_signals()


def _wait_for(init):
    """The process that made the namespaces: it waits for their init (the
    server) and ends as it ended."""
    code = 70
    try:
        _, status = os.waitpid(init, 0)
        code = os.waitstatus_to_exitcode(status)
    finally:
        os._exit(code if 0 <= code < 256 else 128 - code)


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

