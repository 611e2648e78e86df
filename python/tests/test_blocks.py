"""A document's block run as pyvs runs it (`run_file`, in a process of its
own): what it says happened, and the lines it names are the document's."""
import json
import os
import subprocess
import sys
import textwrap

import pytest

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_block(tmp_path, source, expect_error=False, requires=(), offset=10, transcript=None, setup=()):
    """The block's verdict (status, reason) and what it wrote on stderr."""
    block = tmp_path / "block.py"
    block.write_text(textwrap.dedent(source))
    setups = []
    for index, text in enumerate(setup):
        path = tmp_path / f"setup{index}.py"
        path.write_text(textwrap.dedent(text))
        setups.append((str(path), 2 + index))
    transcript_path = ""
    if transcript is not None:
        transcript_path = str(tmp_path / "block.transcript")
        with open(transcript_path, "w") as handle:
            handle.write(textwrap.dedent(transcript))
    call = (f"from pyvs_py.snippet import run_file; "
            f"print(run_file({str(block)!r}, 'doc.md', {expect_error!r}, {list(requires)!r}, {transcript_path!r}, {offset}, {setups!r}))")
    done = subprocess.run([sys.executable, "-c", call], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": PYTHON_DIR})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def test_a_block_that_runs(tmp_path):
    verdict, _ = run_block(tmp_path, "print(sum(range(10)))\n")
    assert verdict == {"status": "ok", "reason": ""}


def test_an_error_names_the_documents_line(tmp_path):
    verdict, stderr = run_block(tmp_path, "x = 1\ny = x / 0\n", offset=10)
    assert verdict["status"] == "failed"
    assert verdict["reason"] == "ZeroDivisionError: division by zero (doc.md line 12)"
    assert 'File "doc.md", line 12' in stderr and "block.py" not in stderr


def test_an_expected_error_is_ok(tmp_path):
    verdict, _ = run_block(tmp_path, "raise ValueError('no')\n", expect_error=True)
    assert verdict["status"] == "ok" and verdict["reason"].startswith("raised ValueError as expected")
    verdict, _ = run_block(tmp_path, "print(1)\n", expect_error=True)
    assert verdict == {"status": "failed", "reason": "expected an error; the block ran without one"}


@pytest.mark.parametrize("source, status, starts", [
    ("pip install aiohttp\n", "skipped", "looks like shell commands, not Python"),
    ("gunicorn -w 4 app:app\n", "skipped", "a shell command, not Python: gunicorn -w 4 app:app"),
    ("pthread_create(&t, NULL, f, NULL);\n", "skipped", "pseudo-code (C syntax), not Python"),
    ("    return 1\n", "skipped", "a fragment, not a runnable program"),
    ("def f(:\n", "failed", "SyntaxError"),
])
def test_what_does_not_compile_is_told_apart(tmp_path, source, status, starts):
    verdict, _ = run_block(tmp_path, source)
    assert verdict["status"] == status and verdict["reason"].startswith(starts), verdict


def test_a_missing_module_is_a_skip_with_the_install_hint(tmp_path):
    verdict, _ = run_block(tmp_path, "import aiofiles_not_here_at_all\n")
    assert verdict["status"] == "skipped" and verdict["needs"] == "module"
    assert "needs module 'aiofiles_not_here_at_all'" in verdict["reason"]
    verdict, _ = run_block(tmp_path, "print(1)\n", requires=["surely_absent_module"])
    assert verdict["status"] == "skipped" and verdict["reason"].startswith("requires surely_absent_module")


def test_a_name_used_without_its_import_is_a_fragment(tmp_path):
    verdict, _ = run_block(tmp_path, "asyncio.run(None)\n")
    assert verdict["status"] == "skipped" and verdict["reason"].startswith("a fragment: uses asyncio without importing it")


def test_a_network_error_is_a_skip(tmp_path):
    verdict, _ = run_block(tmp_path, "import socket\nraise socket.gaierror(-2, 'Name or service not known')\n")
    assert verdict["status"] == "skipped" and verdict["needs"] == "network" and verdict["reason"].startswith("needs network: ")


def test_exit_statuses(tmp_path):
    assert run_block(tmp_path, "import sys\nsys.exit(0)\n")[0] == {"status": "ok", "reason": "called sys.exit(0)"}
    assert run_block(tmp_path, "import sys\nsys.exit(3)\n")[0] == {"status": "failed", "reason": "exited with status 3 (sys.exit)"}


def test_definitions_only_say_so(tmp_path):
    verdict, _ = run_block(tmp_path, "import os\nLIMIT = 3\ndef f():\n    return 1\nclass C:\n    pass\n")
    assert verdict == {"status": "ok", "reason": "defined 3 names (LIMIT, f, C); nothing else ran"}


def test_top_level_await_runs_as_asyncio_runs_it(tmp_path):
    verdict, _ = run_block(tmp_path, "import asyncio\nawait asyncio.sleep(0)\nprint('done')\n")
    assert verdict == {"status": "ok", "reason": ""}


def test_a_setup_block_prepares_the_namespace(tmp_path):
    verdict, _ = run_block(tmp_path, "print(SHARED + 1)\n", setup=["SHARED = 41\n"])
    assert verdict == {"status": "ok", "reason": ""}
    verdict, _ = run_block(tmp_path, "print(1)\n", setup=["raise RuntimeError('broken setup')\n"])
    assert verdict["status"] == "failed" and verdict["reason"].startswith("the setup block at line 2 failed: RuntimeError: broken setup")


def test_an_error_in_a_thread_fails_the_block(tmp_path):
    verdict, _ = run_block(tmp_path, "import threading\nt = threading.Thread(target=lambda: 1 / 0)\nt.start()\nt.join()\n")
    assert verdict["status"] == "failed" and "ZeroDivisionError" in verdict["reason"]


def test_a_session_is_checked_against_its_transcript(tmp_path):
    session = ">>> 1 + 1\n2\n>>> print('hi')\nhi\n"
    verdict, _ = run_block(tmp_path, "1 + 1\nprint('hi')\n", transcript=session)
    assert verdict == {"status": "ok", "reason": ""}
    verdict, _ = run_block(tmp_path, "1 + 1\n", transcript=">>> 1 + 1\n3\n")
    assert verdict["status"] == "failed" and "3" in verdict["reason"] and "2" in verdict["reason"]
