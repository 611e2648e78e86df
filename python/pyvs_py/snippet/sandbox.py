"""The sandboxed fork server: pyvs starts it inside bubblewrap (no network,
the filesystem read-only but for the blocks' folder, /tmp and /dev/shm,
unprivileged) and sends it one block at a time.

At start the server makes a user namespace of its own, in which it holds
capabilities, and a PID namespace for the blocks with its own /proc, of
which the server is the init: it reaps the orphans re-parented to it. Each
block is forked there and drops every capability: it sees the server as
its parent, pid 1, but cannot signal or trace it, and sees nothing of pyvs.
The server supervises the block as pyvs supervises a child: the exit
status, wall time, CPU, memory, the most processes and threads the block
had at once, its timeout and limits, and what it left running come from
the server, not from the block. The block's own verdict (how its code
ended) comes over a pipe the block's code does not know, as a record
carrying a token it does not know; anything else written there is ignored.
The server writes one JSON line per block on the report pipe pyvs gave
with the block, then closes it.
"""
import os
import shutil
import socket
import sys
import time

from .forkserver import received
from .namespaces import own_namespaces, treatment
from .reply import write_line
from .spare import Spare
from .watch import REPORT_VERSION, Records, Tree, supervise


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
    own_namespaces()
    tree = Tree({os.getpid()})
    keep = {os.path.join(folder, name) for folder in ("/tmp", "/dev/shm") for name in os.listdir(folder)}
    sys.stdout.flush()
    sys.stderr.flush()

    def fresh():
        made = Spare()
        tree.outsiders.add(made.pid)
        return made

    def retire(old):
        old.discard()
        tree.outsiders.discard(old.pid)

    server_treatment = treatment(os.getpid())
    spare = fresh()
    for job, fds in received(server):
        report_fd = fds[2]
        try:
            _prepare_folder(job)
        except OSError as error:
            write_line(report_fd, {"version": REPORT_VERSION, "ending": {"kind": "failed", "message": f"cannot prepare the block's folder: {error}"}})
            for source in fds:
                os.close(source)
            server.send(b"0")
            continue
        read_end, write_end = os.pipe()
        token = os.urandom(16).hex()
        if not spare.intact(server_treatment):
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
        report = supervise(child, Records(read_end, token), job["limits"], start, tree)
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
