"""The block's process, forked ahead: it gives up what the server holds
(its capabilities, its descriptors, being traceable), waits for its job,
then runs the block as a fresh worker."""
import gc
import json
import os
import signal
import socket

from .forkserver import exit_after, run_forked
from .namespaces import PR_SET_DUMPABLE, check, drop_capabilities, prctl, treatment
from .reply import hide, write_line
from .watch import Tree


class Spare:
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

    def intact(self, expected):
        """Alive, not stopped, and treated as the server is (`expected`)."""
        seen = Tree.stat(self.pid)
        if seen is None or seen[0] not in (b"R", b"S", b"D"):
            return False
        try:
            return treatment(self.pid) == expected
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
        check(prctl(PR_SET_DUMPABLE, 0), "prctl(PR_SET_DUMPABLE)")
        os.closerange(3, jobs.fileno())
        os.closerange(jobs.fileno() + 1, 65536)
        drop_capabilities()
        os.setpgid(0, 0)
        message, fds, _, _ = socket.recv_fds(jobs, 1 << 20, 3)
        if not message or len(fds) != 3:
            os._exit(0)  # the server ended
        jobs.close()
        prctl(PR_SET_DUMPABLE, 1)  # as any process of its user
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
