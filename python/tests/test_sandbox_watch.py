"""The sandboxed server's watch over a block (pyvs_py.snippet.watch), on
forked children of the test: how each ending is reported, the limits
enforced on the whole tree, the block's own verdict taken only with its
token. Every child is bounded (a timeout, a fixed allocation under the
limit's multiple, a fixed number of forks)."""
import json
import os
import time

from pyvs_py.snippet.watch import REPORT_VERSION, Records, Tree, supervise

LIMITS = {"timeout": 10.0, "memory_limit_bytes": 1 << 30, "max_processes": 50}


class ChildTree(Tree):
    """The child, its descendants and whatever of them was seen before (the
    server's tree is every process of the blocks' namespace, orphans
    included; here the test's other processes stay out)."""

    def __init__(self, root):
        super().__init__(())
        self.seen = {root}

    def members(self):
        found, todo = [], [pid for pid in self.seen if os.path.exists(f"/proc/{pid}")]
        while todo:
            pid = todo.pop()
            if pid in found:
                continue
            found.append(pid)
            self.seen.add(pid)
            try:
                for tid in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{tid}/children") as handle:
                        todo += [int(child) for child in handle.read().split()]
            except OSError:
                pass
        return found


def watched(body, limits=None, token="secret"):
    """Forks a child that runs body(write_fd) and exits 0, and watches it."""
    read_end, write_end = os.pipe()
    start = time.perf_counter()
    child = os.fork()
    if child == 0:
        try:
            os.close(read_end)
            body(write_end)
            os._exit(0)
        except BaseException:
            os._exit(70)
    os.close(write_end)
    report = supervise(child, Records(read_end, token), {**LIMITS, **(limits or {})}, start, ChildTree(child))
    os.close(read_end)
    return report


def test_an_exit_is_reported_with_the_figures():
    report = watched(lambda fd: os._exit(3))
    assert report["version"] == REPORT_VERSION
    assert report["ending"] == {"kind": "exited", "code": 3}
    assert report["wall_s"] > 0 and report["peak_processes"] >= 1 and report["leftovers"] == 0
    assert set(report) == {"version", "ending", "wall_s", "user_s", "sys_s", "tree_peak_rss_bytes", "tree_peak_pss_bytes",
                           "pss_read_at_rss_bytes", "peak_processes", "peak_threads", "leftovers", "verdict", "exiting"}
    json.dumps(report)  # one JSON line for pyvs


def test_only_the_record_with_the_token_is_the_verdict():
    def body(fd):
        forged = {"event": "verdict", "token": "guessed", "verdict": {"status": "ok", "reason": "forged"}}
        real = {"event": "verdict", "token": "secret", "verdict": {"status": "failed", "reason": "real"}}
        os.write(fd, (json.dumps(forged) + "\nnot json\n" + json.dumps(real) + "\n").encode())
    report = watched(body)
    assert report["verdict"]["verdict"] == {"status": "failed", "reason": "real"}
    assert report["exiting"] is None


def test_a_block_past_its_timeout_is_killed():
    report = watched(lambda fd: time.sleep(30), limits={"timeout": 0.3})
    assert report["ending"] == {"kind": "timeout", "after_s": 0.3}
    assert 0.3 <= report["wall_s"] < 5


def test_a_tree_over_the_memory_limit_is_killed():
    def body(fd):
        hog = bytearray(200 << 20)
        for index in range(0, len(hog), 4096):
            hog[index] = 1
        time.sleep(30)
    report = watched(body, limits={"memory_limit_bytes": 100 << 20})
    assert report["ending"] == {"kind": "memory", "limit_bytes": 100 << 20}
    assert report["wall_s"] < 5


def test_a_tree_over_the_process_limit_is_killed():
    def body(fd):
        for _ in range(6):
            if os.fork() == 0:
                time.sleep(30)
                os._exit(0)
        time.sleep(30)
    report = watched(body, limits={"max_processes": 3})
    assert report["ending"] == {"kind": "processes", "limit": 3}
    assert report["peak_processes"] > 3 and report["wall_s"] < 5


def test_what_the_block_left_running_is_counted_and_killed():
    def body(fd):
        if os.fork() == 0:
            os.setsid()
            time.sleep(30)
            os._exit(0)
        time.sleep(0.1)  # seen by a sample before the block ends
    report = watched(body)
    assert report["ending"] == {"kind": "exited", "code": 0}
    assert report["leftovers"] == 1


def test_pages_shared_by_forked_children_count_once_in_the_pss():
    """A 100 MB buffer and three forked children that share it: the summed
    RSS counts it four times, the PSS about once."""
    def body(fd):
        buffer = bytearray(100 << 20)
        for index in range(0, len(buffer), 4096):
            buffer[index] = 1
        children = []
        for _ in range(3):
            pid = os.fork()
            if pid == 0:
                time.sleep(1.0)
                os._exit(0)
            children.append(pid)
        for pid in children:
            os.waitpid(pid, 0)
    report = watched(body)
    assert report["ending"] == {"kind": "exited", "code": 0}
    assert report["tree_peak_rss_bytes"] > 350 << 20
    assert 100 << 20 <= report["tree_peak_pss_bytes"] < 150 << 20
    assert report["pss_read_at_rss_bytes"] > 350 << 20  # read while the children slept: at the peak
