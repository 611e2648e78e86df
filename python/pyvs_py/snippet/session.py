"""--session: every block in order in one interpreter and one namespace."""
import json
import os
import resource
import sys
import time

from . import aio
from .blocks import execute, main_module, transcript
from .reply import hide, own_peak_rss, write_line

def _marker(index):
    sys.stdout.flush()
    sys.stderr.flush()
    for fd in (1, 2):
        os.write(fd, b"\x1epyvs-block %d\x1e\n" % index)


def run_session(job_path, events_fd):
    """Every block in order in one interpreter and one __main__ namespace.
    Events go to `events_fd` as JSON lines: start, then the block's result."""
    with open(job_path, encoding="utf-8") as handle:
        job = json.load(handle)
    # The blocks never see the token (the job file goes now) nor the events'
    # descriptor at a number they could guess (fd 3 now leads nowhere).
    os.unlink(job_path)
    token = job["token"]
    events_fd = hide(events_fd)
    path, display = job["path"], job["display"]
    main = main_module(path)
    sys.modules["__main__"] = main

    for block in job["blocks"]:
        _marker(block["index"])
        write_line(events_fd, {"event": "start", "index": block["index"], "token": token})
        source = block["source"]
        usage0 = resource.getrusage(resource.RUSAGE_SELF)
        start = time.perf_counter()
        if block.get("transcript"):
            def make_run(tree, raw=block["transcript"], line=block.get("line", 0)):
                return lambda: transcript(raw, display, line, main.__dict__)
        else:
            def make_run(tree):
                code = compile(tree, path, "exec", flags=aio.FLAGS)
                return lambda: aio.run(code, main.__dict__)
        result = execute(make_run, source, path, display, block.get("expect_error", False),
                         block.get("requires", []), block.get("line", 0))
        wall = time.perf_counter() - start
        usage1 = resource.getrusage(resource.RUSAGE_SELF)
        result.update({
            "event": "end", "index": block["index"], "wall_s": wall, "token": token,
            "cpu_s": (usage1.ru_utime - usage0.ru_utime) + (usage1.ru_stime - usage0.ru_stime),
            "peak_rss_bytes": own_peak_rss(),
        })
        write_line(events_fd, result)
        if job.get("exit_first") and result["status"] == "failed":
            break
    _marker(0)
    return json.dumps({"blocks": len(job["blocks"])})
