"""The sandboxed fork server: pyvs starts it inside bubblewrap (no network,
the filesystem read-only but for the blocks' folder, /tmp and /dev/shm,
unprivileged) and sends it one block at a time.

At start the server makes a user namespace of its own, in which it holds
capabilities, and a PID namespace for the blocks, whose init (a fork of the
server) reaps the orphans re-parented to it. Each block is forked into that
namespace and drops every capability: it cannot see, signal or trace the
server, the init or pyvs. The server supervises the block from outside its
namespace, as pyvs supervises a child: the exit status, wall time, CPU,
memory, the most processes and threads the block had at once, its timeout
and limits, and what it left running come from the server, not from the
block. The block's own verdict (how its code ended) comes over a pipe the
block's code does not know, as a record carrying a token it does not know;
anything else written there is ignored. The server writes one JSON line per
block on the report pipe pyvs gave with the block, then closes it.
"""
import ctypes
import gc
import json
import os
import platform
import resource
import select
import shutil
import signal
import socket
import sys
import time

from .forkserver import exit_after, received, reset_signals, run_forked
from .reply import hide, write_line

_libc = ctypes.CDLL(None, use_errno=True)
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWPID = 0x20000000
_PR_SET_DUMPABLE = 4
_PR_SET_NO_NEW_PRIVS = 38
_CAPABILITY_VERSION_3 = 0x20080522
_PAGE = os.sysconf("SC_PAGE_SIZE")
_MAX_RECORDS = 1 << 20
_LIMITS = sorted(getattr(resource, name) for name in dir(resource) if name.startswith("RLIMIT_"))
_IOPRIO_GET = {"x86_64": 252, "aarch64": 31}.get(platform.machine())
_IOPRIO_WHO_PROCESS = 1


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _check(result, what):
    if result != 0:
        number = ctypes.get_errno()
        raise OSError(number, f"{what}: {os.strerror(number)}")


def _own_namespaces():
    """A user namespace mapping only our own uid and gid (the server holds
    capabilities there), then a PID namespace for the blocks, with its init."""
    uid, gid = os.getuid(), os.getgid()
    _check(_libc.unshare(_CLONE_NEWUSER), "unshare(CLONE_NEWUSER)")
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
        with open(f"/proc/self/{name}", "w") as handle:
            handle.write(text)
    _check(_libc.unshare(_CLONE_NEWPID), "unshare(CLONE_NEWPID)")
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
        _libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
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


def _drop_capabilities():
    """The block keeps none of the server's capabilities, and can gain none."""
    _check(_libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(PR_SET_NO_NEW_PRIVS)")
    _check(_libc.capset(ctypes.byref(_CapHeader(_CAPABILITY_VERSION_3, 0)), (_CapData * 2)()), "capset")


class _Tree:
    """The processes of the blocks' namespace: every process of the sandbox
    but bubblewrap's init, the server and the blocks' init."""

    def __init__(self, outsiders):
        self.outsiders = set(outsiders)

    def members(self):
        found = []
        for name in os.listdir("/proc"):
            if name.isdigit() and int(name) not in self.outsiders:
                found.append(int(name))
        return found

    @staticmethod
    def stat(pid):
        """(state, threads, resident bytes) of one process, or None once it is gone."""
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return fields[0], int(fields[17]), int(fields[21]) * _PAGE

    def sample(self):
        """(live pids, their threads, their summed RSS), zombies left out."""
        threads = rss = 0
        alive = []
        for pid in self.members():
            seen = self.stat(pid)
            if seen is None or seen[0] in (b"Z", b"X"):
                continue
            threads += seen[1]
            rss += seen[2]
            alive.append(pid)
        return alive, threads, rss

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


class _Records:
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


def _supervise(child, records, limits, start, tree):
    """Watches the block until it and what it started have ended; returns
    the report pyvs gets."""
    deadline = start + limits["timeout"]
    pidfd = os.pidfd_open(child)
    poller = select.poll()
    poller.register(records.fd, select.POLLIN)
    poller.register(pidfd, select.POLLIN)
    peak = {"processes": 0, "threads": 0, "rss": 0}
    interval, next_sample = 0.005, start + 0.005
    forced = None
    last = None
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
            if processes:
                peak["processes"] = max(peak["processes"], processes)
                peak["threads"] = max(peak["threads"], threads)
                peak["rss"] = max(peak["rss"], rss)
            quiet = last == (processes, rss // (1 << 20))
            last = (processes, rss // (1 << 20))
            interval = min(interval * 2, 0.2) if quiet else 0.02
            next_sample = now + interval
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
    give_up = time.perf_counter() + 0.5
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
        "ending": forced, "wall_s": wall, "user_s": usage.ru_utime, "sys_s": usage.ru_stime,
        "tree_peak_rss_bytes": max(peak["rss"], usage.ru_maxrss * 1024), "peak_processes": max(1, peak["processes"]),
        "peak_threads": max(1, peak["threads"]), "leftovers": 0 if forced["kind"] in ("timeout", "memory", "processes") else len(leftovers),
        "verdict": verdict, "exiting": exiting,
    }


def _treatment(pid):
    """What another process of the same user may change in a process: its
    priority, scheduling policy, CPUs, resource limits and I/O priority."""
    io = _libc.syscall(_IOPRIO_GET, _IOPRIO_WHO_PROCESS, pid) if _IOPRIO_GET else None
    return (os.getpriority(os.PRIO_PROCESS, pid), os.sched_getscheduler(pid), os.sched_getaffinity(pid),
            [resource.prlimit(pid, limit) for limit in _LIMITS], io)


class _Spare:
    """The next block's process, forked while the block before it runs, so
    the fork costs that block's idle core rather than the time between
    blocks. It makes itself untraceable, closes what the server holds open,
    drops its capabilities, then waits on a socket of its own for its job.
    The block running meanwhile sees it and, as the same user, may signal
    it or change how it is scheduled: `intact` checks it is as it was
    forked before it gets a job (the server forks another when it is not)."""

    def __init__(self):
        # Objects the server made stay out of the child's collections: a
        # collection in the child would touch (and copy) every page of them.
        gc.freeze()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.pid = os.fork()
        if self.pid == 0:
            ours.close()
            _block(theirs)
        theirs.close()
        self.socket = ours

    def intact(self, treatment):
        """Alive, not stopped, and treated as the server is (`treatment`)."""
        seen = _Tree.stat(self.pid)
        if seen is None or seen[0] not in (b"R", b"S", b"D"):
            return False
        try:
            return _treatment(self.pid) == treatment
        except OSError:  # gone meanwhile
            return False

    def start(self, job, fds, token):
        """Hands the block its job and its stdout, stderr and verdict pipe;
        False when the spare is gone."""
        try:
            socket.send_fds(self.socket, [json.dumps({"job": job, "token": token}).encode()], fds)
            return True
        except OSError:
            return False
        finally:
            self.socket.close()

    def discard(self):
        self.socket.close()
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass


def _block(jobs):
    """In the block's process: no capabilities; then, once its job comes, its
    descriptors only, and the block as a fresh worker runs it."""
    def step():
        # Untraceable while it waits (the block running now is the same
        # user); nothing of the server's open but its socket: what the server
        # holds for the running block (its report pipe) must close with it.
        _check(_libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0), "prctl(PR_SET_DUMPABLE)")
        os.closerange(3, jobs.fileno())
        os.closerange(jobs.fileno() + 1, 65536)
        _drop_capabilities()
        os.setpgid(0, 0)
        message, fds, _, _ = socket.recv_fds(jobs, 1 << 20, 3)
        if not message or len(fds) != 3:
            os._exit(0)  # the server ended
        jobs.close()
        _libc.prctl(_PR_SET_DUMPABLE, 1, 0, 0, 0)  # as any process of its user
        given = json.loads(message)
        job, token = given["job"], given["token"]
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        for target, source in zip((1, 2), fds):
            os.dup2(source, target)
        # The verdict pipe moves to a descriptor of no fixed number; every
        # other descriptor the server had (its socket, pyvs's report pipe) closes.
        private = hide(fds[2])
        os.closerange(3, private)
        os.closerange(private + 1, 65536)
        os.environ["HOME"] = job["folder"]

        def send(record):
            write_line(private, dict(record, token=token))

        def reply(verdict, wall, cpu, threads_cpu):
            send({"event": "verdict", "verdict": verdict, "wall_s": wall, "cpu_s": cpu, "threads_cpu_s": threads_cpu})

        run_forked(job, reply, exiting=lambda threads: send({"event": "exiting", "threads": threads}))
    exit_after(step)


def _clean(folder, keep):
    """Removes what the last block left in a shared folder (/tmp, /dev/shm)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        path = os.path.join(folder, name)
        if path in keep:
            continue
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                os.unlink(path)
            except OSError:
                pass


def _prepare_folder(job):
    """The block's working folder, made here (inside the sandbox: pyvs writes
    nothing where a block can write), holding the block's files: sent in
    the job, or copied from the folder pyvs wrote them to, which the
    sandbox can only read."""
    folder = job["folder"]
    if os.path.lexists(folder):
        shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    def inside(name):
        if not name or "/" in name or name in (".", ".."):
            raise OSError(f"not a file name: {name!r}")
        return os.path.join(folder, name)

    for name, text in (job.get("files") or {}).items():
        with open(inside(name), "w", encoding="utf-8") as handle:
            handle.write(text)
    for name, source in (job.get("copies") or {}).items():  # files too large for a message
        shutil.copyfile(source, inside(name))


def serve_sandboxed(fd):
    """The sandboxed server's loop: a block per message on socket `fd` (its
    JSON, with its stdout, stderr and report pipes attached)."""
    server = socket.socket(fileno=fd)
    init = _own_namespaces()
    tree = _Tree({1, os.getpid(), init} | {int(name) for name in os.listdir("/proc") if name.isdigit()})
    keep = {os.path.join(folder, name) for folder in ("/tmp", "/dev/shm") for name in os.listdir(folder)}
    sys.stdout.flush()
    sys.stderr.flush()

    def fresh():
        made = _Spare()
        tree.outsiders.add(made.pid)
        return made

    def retire(old):
        old.discard()
        tree.outsiders.discard(old.pid)

    treatment = _treatment(os.getpid())
    spare = fresh()
    for job, fds in received(server):
        report_fd = fds[2]
        try:
            _prepare_folder(job)
        except OSError as error:
            write_line(report_fd, {"ending": {"kind": "failed", "message": f"cannot prepare the block's folder: {error}"}})
            for source in fds:
                os.close(source)
            server.send(b"0")
            continue
        read_end, write_end = os.pipe()
        token = os.urandom(16).hex()
        if not spare.intact(treatment):
            retire(spare)
            spare = fresh()
        start = time.perf_counter()
        if not spare.start(job, [fds[0], fds[1], write_end], token):
            retire(spare)  # it died waiting: a new one, now
            spare = fresh()
            start = time.perf_counter()
            spare.start(job, [fds[0], fds[1], write_end], token)
        child = spare.pid
        tree.outsiders.discard(child)
        os.close(write_end)
        for source in fds[:2]:
            os.close(source)
        server.send(str(child).encode())
        spare = fresh()  # the next block's
        report = _supervise(child, _Records(read_end, token), job["limits"], start, tree)
        os.close(read_end)
        try:
            write_line(report_fd, report)
        except OSError:
            pass
        os.close(report_fd)
        # The block's folder and what it left in /tmp and /dev/shm go.
        shutil.rmtree(job["folder"], ignore_errors=True)
        _clean("/tmp", keep)
        _clean("/dev/shm", keep)
