"""Running the Python blocks of a document, one block a real ``__main__``.

Each block is written to a file in which it sits at its own document lines
(the lines before it are blank), so tracebacks and line numbers point at the
document. The host rewrites the file's path to the document's name.
"""
import ast
import importlib.util
import json
import os
import re
import resource
import runpy
import socket
import sys
import time
import traceback
import types
import urllib.error

# Import names whose PyPI distribution has another name (or that are
# commonly met in tutorials), so the report can say what to install.
DISTRIBUTIONS = {
    "aiohttp": "aiohttp", "aiofiles": "aiofiles", "asyncpg": "asyncpg", "aioredis": "aioredis",
    "aiomysql": "aiomysql", "motor": "motor", "uvloop": "uvloop", "httpx": "httpx", "requests": "requests",
    "numpy": "numpy", "pandas": "pandas", "psutil": "psutil", "redis": "redis", "pymysql": "PyMySQL",
    "yaml": "PyYAML", "PIL": "Pillow", "cv2": "opencv-python", "bs4": "beautifulsoup4",
    "sklearn": "scikit-learn", "gevent": "gevent", "greenlet": "greenlet", "trio": "trio",
    "anyio": "anyio", "celery": "celery", "flask": "Flask", "fastapi": "fastapi", "uvicorn": "uvicorn",
    "sqlalchemy": "SQLAlchemy", "matplotlib": "matplotlib", "scipy": "scipy", "numba": "numba",
    "cython": "Cython", "joblib": "joblib", "ray": "ray", "dask": "dask", "tornado": "tornado",
    "twisted": "Twisted", "websockets": "websockets", "pytest": "pytest", "memory_profiler": "memory-profiler",
}

NETWORK_ERROR_NAMES = {
    "ClientConnectorError", "ClientConnectionError", "ClientOSError", "ServerDisconnectedError",
    "ConnectError", "ConnectTimeout", "NewConnectionError", "MaxRetryError", "ConnectionError",
    "ProxyError", "SSLError", "gaierror", "herror",
}

SHELL_START = re.compile(r"^\s*(\$ |>\s|pip3? |python3? |conda |apt(-get)? |brew |cd |ls |export |sudo |git |curl |wget |npm |mkdir |#!/)")


def _frame_line(error, path):
    """The deepest line of the block in the exception's traceback."""
    line = None
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == path:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _missing(names):
    missing = []
    for name in names:
        try:
            if importlib.util.find_spec(name) is None:
                missing.append(name)
        except (ImportError, ValueError):
            missing.append(name)
    return missing


def _install_hint(name):
    top = name.split(".")[0]
    if top in getattr(sys, "stdlib_module_names", ()):
        return f"needs {top}: part of the standard library but missing from this Python build"
    if top in DISTRIBUTIONS:
        return f"needs {top}: not installed here (pip install {DISTRIBUTIONS[top]})"
    return f"needs module '{top}': not installed here (pip install {top} may provide it, or the document defines it elsewhere)"


def _is_network_error(error):
    if isinstance(error, (socket.gaierror, socket.herror, ConnectionError, urllib.error.URLError)):
        return True
    if isinstance(error, TimeoutError) and "connect" in str(error).lower():
        return True
    names = {cls.__name__ for cls in type(error).__mro__}
    return bool(names & NETWORK_ERROR_NAMES)


def classify_syntax(error, source, display):
    """A block that does not compile: shell, a fragment, or a real error."""
    line = error.lineno or 0
    lines = source.splitlines()
    code_lines = [text for text in lines if text.strip()]
    first = code_lines[0] if code_lines else ""
    where = f"{display} line {line}"
    if SHELL_START.match(first) or (line and line <= len(lines) and SHELL_START.match(lines[line - 1])):
        return {"status": "skipped", "reason": f"looks like shell commands, not Python ({where})"}
    bad = lines[line - 1].strip() if line and line <= len(lines) else ""
    message = error.msg or "invalid syntax"
    fragment = ("outside function" in message or "outside async function" in message
                or message.startswith("unexpected indent") or message.startswith("expected an indented block")
                or "..." in bad or bad.startswith("…"))
    if fragment:
        return {"status": "skipped", "reason": f"a fragment, not a runnable program: {message} ({where})"}
    return {"status": "failed", "reason": f"{type(error).__name__}: {message} ({where})"}


def _definitions_only(tree):
    """Names a block defines when it only defines things (and runs nothing)."""
    names = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # a docstring
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Constant):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names += [target.id for target in targets if isinstance(target, ast.Name)]
        else:
            return None
    return names


def _report_exception(error, path, display):
    """Prints the traceback as Python would for the block alone: pyvs's own
    frames (this module, runpy) left out, the file named as the document."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != path:
        tb = tb.tb_next
    text = "".join(traceback.format_exception(type(error), error, tb or error.__traceback__))
    sys.stderr.write(text.replace(path, display))
    sys.stderr.flush()


def execute(run, source, path, display, expect_error, requires):
    """Runs one block with `run()` and says what happened."""
    missing = _missing(requires)
    if missing:
        hints = "; ".join(_install_hint(name) for name in missing)
        return {"status": "skipped", "reason": f"requires {', '.join(missing)} — {hints}"}
    try:
        compile(source, path, "exec")  # stricter than ast.parse: also 'await' outside a function
        tree = ast.parse(source, path)
    except SyntaxError as error:
        sys.stderr.write("".join(traceback.format_exception_only(type(error), error)).replace(path, display))
        result = classify_syntax(error, source, display)
        if expect_error and result["status"] == "failed":
            return {"status": "ok", "reason": f"raised SyntaxError as expected ({display} line {error.lineno})"}
        return result
    try:
        run()
    except SystemExit as error:
        code = error.code
        if code in (None, 0):
            return {"status": "ok", "reason": "called sys.exit(0)"}
        if expect_error:
            return {"status": "ok", "reason": f"exited with status {code} as expected"}
        return {"status": "failed", "reason": f"exited with status {code} (sys.exit)"}
    except BaseException as error:  # the block's own error, reported
        line = _frame_line(error, path)
        where = f" ({display} line {line})" if line else ""
        _report_exception(error, path, display)
        message = f"{type(error).__name__}: {error}".strip().rstrip(":")
        if expect_error:
            return {"status": "ok", "reason": f"raised {type(error).__name__} as expected{where}"}
        if isinstance(error, ModuleNotFoundError) and error.name:
            return {"status": "skipped", "reason": _install_hint(error.name) + where}
        if _is_network_error(error):
            return {"status": "skipped", "reason": f"needs network: {message[:200]}{where}"}
        return {"status": "failed", "reason": f"{message[:300]}{where}"}
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    if expect_error:
        return {"status": "failed", "reason": "expected an error; the block ran without one"}
    defined = _definitions_only(tree)
    if defined is not None:
        shown = ", ".join(defined[:8]) + (", …" if len(defined) > 8 else "")
        noun = "name" if len(defined) == 1 else "names"
        return {"status": "ok", "reason": f"defined {len(defined)} {noun} ({shown}); nothing else ran" if defined else "nothing to run"}
    return {"status": "ok", "reason": ""}


def interactive(source, path, namespace):
    """Runs a >>> session as the interpreter would: statement by statement,
    the value of each expression statement printed (sys.displayhook)."""
    for node in ast.parse(source, path).body:
        code = compile(ast.Interactive(body=[node]), path, "single")
        exec(code, namespace)


def run_file(path, display, expect_error, requires, is_session=False):
    """One block in its own process: the file runs as the real __main__
    (a >>> session statement by statement, echoing values)."""
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    if is_session:
        main = types.ModuleType("__main__")
        main.__file__ = path
        main.__builtins__ = __builtins__
        saved = sys.modules["__main__"]

        def run():
            sys.modules["__main__"] = main
            try:
                interactive(source, path, main.__dict__)
            finally:
                sys.modules["__main__"] = saved
    else:
        def run():
            runpy.run_path(path, run_name="__main__")
    result = execute(run, source, path, display, expect_error, list(requires))
    return json.dumps(result)


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
    path, display = job["path"], job["display"]
    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__builtins__ = __builtins__
    sys.modules["__main__"] = main

    def emit(event):
        os.write(events_fd, (json.dumps(event) + "\n").encode())

    for block in job["blocks"]:
        _marker(block["index"])
        emit({"event": "start", "index": block["index"]})
        source = block["source"]
        usage0 = resource.getrusage(resource.RUSAGE_SELF)
        start = time.perf_counter()
        if block.get("interactive"):
            run = lambda: interactive(source, path, main.__dict__)  # noqa: E731
        else:
            run = lambda: exec(compile(source, path, "exec"), main.__dict__)  # noqa: E731
        result = execute(run, source, path, display, block.get("expect_error", False), block.get("requires", []))
        wall = time.perf_counter() - start
        usage1 = resource.getrusage(resource.RUSAGE_SELF)
        result.update({
            "event": "end", "index": block["index"], "wall_s": wall,
            "cpu_s": (usage1.ru_utime - usage0.ru_utime) + (usage1.ru_stime - usage0.ru_stime),
            "peak_rss_bytes": usage1.ru_maxrss * 1024,
        })
        emit(result)
    _marker(0)
    return json.dumps({"blocks": len(job["blocks"])})
