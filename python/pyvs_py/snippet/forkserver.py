"""The fork server: CPython started once, a child forked per block."""
import atexit
import gc
import json
import os
import resource
import socket
import sys
import threading
import time
import traceback

from .blocks import run_file
from .reply import hide, write_reply

def reset_signals():
    """A forked child's signals as a fresh process has them."""
    import signal
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGPIPE, signal.SIGCHLD, signal.SIGQUIT):
        signal.signal(number, signal.SIG_DFL)


def run_forked(job, reply, exiting=None):
    """In the forked child: the block, as a fresh worker would run it.
    `reply(verdict, wall, cpu, threads_cpu)` reports it (threads_cpu: what
    threads other than the main one used); `exiting(threads)`, when
    given, is told which non-daemon threads the interpreter waits for at exit."""
    reset_signals()
    os.chdir(job["folder"])
    sys.argv = [job["display"]]
    block = job["block"]
    usage0 = resource.getrusage(resource.RUSAGE_SELF)
    children0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    main0 = time.thread_time()
    start = time.perf_counter()
    setup = [(part["path"], part["offset"]) for part in block.get("setup") or ()]
    verdict = json.loads(run_file(block["path"], job["display"], block["expectError"], block["requires"],
                                  block.get("transcript") or "", block["offset"], setup))
    wall = time.perf_counter() - start
    main_cpu = time.thread_time() - main0
    usage1 = resource.getrusage(resource.RUSAGE_SELF)
    children1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    own, children = (sum(getattr(after, field) - getattr(before, field) for field in ("ru_utime", "ru_stime"))
                     for before, after in ((usage0, usage1), (children0, children1)))
    reply(verdict, wall, own + children, max(0.0, own - main_cpu))
    # What the interpreter does at exit: wait for the block's threads, run
    # its atexit functions (multiprocessing joins its children there).
    if exiting is not None:
        waiting = [thread.name for thread in threading.enumerate()
                   if thread is not threading.main_thread() and not thread.daemon and thread.is_alive()]
        if waiting:
            exiting(waiting)
    threading._shutdown()
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()


def exit_after(step):
    """In a forked child: runs `step`, then ends the process as Python would
    end it — its sys.exit code, or 70 after an uncaught exception (printed)."""
    code = 0
    try:
        step()
    except SystemExit as error:
        code = error.code if isinstance(error.code, int) else 1
    except BaseException:
        traceback.print_exc()
        code = 70
    finally:
        os._exit(code)


def received(server):
    """Each job sent on the server's socket, with the descriptors that came
    with it (stdout, stderr, report), until the socket closes."""
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(server, 1 << 20, 3)
        except OSError:
            return
        if not message:
            return
        yield json.loads(message), fds


def serve(fd):
    """The fork server: for each block received on socket `fd` (its JSON,
    with the child's stdout, stderr and report pipes attached), forks twice
    so the block's process is re-parented to pyvs, and answers its pid."""
    server = socket.socket(fileno=fd)
    for job, fds in received(server):
        sys.stdout.flush()
        sys.stderr.flush()
        read_end, write_end = os.pipe()
        gc.freeze()  # as the sandboxed server does
        middle = os.fork()
        if middle == 0:
            os.close(read_end)
            child = os.fork()
            if child == 0:
                def step():
                    os.close(write_end)
                    server.close()
                    os.setpgid(0, 0)
                    for target, source in zip((1, 2, 3), fds):
                        os.dup2(source, target)
                    for source in fds:
                        if source not in (1, 2, 3):
                            os.close(source)
                    reply_fd = hide(3)
                    run_forked(job, lambda verdict, wall, cpu, threads_cpu: write_reply(verdict, wall, cpu, reply_fd))
                exit_after(step)
            try:
                os.setpgid(child, child)  # set on both sides, so it is set before pyvs learns the pid
            except OSError:
                pass
            os.write(write_end, str(child).encode())
            os._exit(0)
        os.close(write_end)
        os.waitpid(middle, 0)
        answer = os.read(read_end, 32)
        os.close(read_end)
        for source in fds:
            os.close(source)
        server.send(answer or b"0")
