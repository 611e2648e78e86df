"""Running the Python blocks of a document, one block a real ``__main__``.

Each block is written to a file of its own and compiled with its line
numbers shifted to where it stands in the document (``offset``: the line of
its opening fence), so tracebacks and reasons point at the document without
a file padded with the lines above it. The host rewrites the file's path to
the document's name.
"""
import ast
import builtins
import importlib.util
import json
import linecache
import os
import re
import resource
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


def classify_syntax(error, source, display, offset=0):
    """A block that does not compile: shell, a fragment, or a real error.
    `error.lineno` is already the document's line; the block starts after `offset`."""
    line = error.lineno or 0
    local = line - offset
    lines = source.splitlines()
    code_lines = [text for text in lines if text.strip()]
    first = code_lines[0] if code_lines else ""
    where = f"{display} line {line}"
    if SHELL_START.match(first) or (0 < local <= len(lines) and SHELL_START.match(lines[local - 1])):
        return {"status": "skipped", "reason": f"looks like shell commands, not Python ({where})"}
    bad = lines[local - 1].strip() if 0 < local <= len(lines) else ""
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


def _shifted(error, offset):
    """A SyntaxError of the block, its lines made the document's."""
    if error.lineno:
        error.lineno += offset
    if getattr(error, "end_lineno", None):
        error.end_lineno += offset
    return error


def remember_lines(path, source, offset):
    """Tracebacks read source lines through linecache: give it the block at
    its document lines, in memory (the file on disk holds the block alone)."""
    lines = ["\n"] * offset + [line if line.endswith("\n") else line + "\n" for line in source.splitlines(True)]
    linecache.cache[path] = (len(source), None, lines, path)


def execute(make_run, source, path, display, expect_error, requires, offset=0):
    """Compiles one block at its document lines, runs what `make_run(tree)`
    returns, and says what happened."""
    missing = _missing(requires)
    if missing:
        hints = "; ".join(_install_hint(name) for name in missing)
        return {"status": "skipped", "reason": f"requires {', '.join(missing)} — {hints}"}
    try:
        compile(source, path, "exec")  # stricter than ast.parse: also 'await' outside a function
        tree = ast.parse(source, path)
    except SyntaxError as error:
        _shifted(error, offset)
        sys.stderr.write("".join(traceback.format_exception_only(type(error), error)).replace(path, display))
        result = classify_syntax(error, source, display, offset)
        if expect_error and result["status"] == "failed":
            return {"status": "ok", "reason": f"raised SyntaxError as expected ({display} line {error.lineno})"}
        return result
    ast.increment_lineno(tree, offset)
    run = make_run(tree)
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


def interactive(tree, path, namespace):
    """Runs a >>> session as the interpreter would: statement by statement,
    the value of each expression statement printed (sys.displayhook)."""
    for node in tree.body:
        code = compile(ast.Interactive(body=[node]), path, "single")
        exec(code, namespace)


def _main_module(path):
    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__builtins__ = builtins
    return main


def _as_main(path, run):
    """Runs run(namespace) with a fresh module as sys.modules['__main__'], as
    runpy.run_path does: multiprocessing's spawn finds the file through it."""
    main = _main_module(path)
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = main
    try:
        run(main.__dict__)
    finally:
        sys.modules["__main__"] = saved


def run_file(path, display, expect_error, requires, is_session=False, offset=0):
    """One block in its own process: the file runs as the real __main__
    (a >>> session statement by statement, echoing values)."""
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    remember_lines(path, source, offset)
    if is_session:
        def make_run(tree):
            return lambda: _as_main(path, lambda namespace: interactive(tree, path, namespace))
    else:
        def make_run(tree):
            code = compile(tree, path, "exec")
            return lambda: _as_main(path, lambda namespace: exec(code, namespace))
    result = execute(make_run, source, path, display, expect_error, list(requires), offset)
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
    main = _main_module(path)
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
            def make_run(tree):
                return lambda: interactive(tree, path, main.__dict__)
        else:
            def make_run(tree):
                code = compile(tree, path, "exec")
                return lambda: exec(code, main.__dict__)
        result = execute(make_run, source, path, display, block.get("expect_error", False),
                         block.get("requires", []), block.get("line", 0))
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
