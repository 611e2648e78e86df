"""Why a block did what it did: errors, fragments, shell commands and
pseudo-code told apart, and the hint that says what to install."""
import ast
import importlib.util
import keyword
import re
import socket
import sys

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

# A command line: a program name, then options or arguments, no operators
# ("gunicorn -w 4 app:app", "uvicorn main:app --reload").
COMMAND_LINE = re.compile(r"^\s*[A-Za-z_][\w.-]*(\s+(-{1,2}[\w-]+(=\S+)?|[\w./:@-]+))+\s*$")

# C in a python fence: address-of, arrows, statements ended by ";" or "{".
PSEUDO_CODE = re.compile(r"(\(\s*&\w|,\s*&\w|\w->\w|;\s*$|\)\s*\{\s*$)")

SHELL_START = re.compile(r"^\s*(\$ |>\s|pip3? |python3? |conda |apt(-get)? |brew |cd |ls |export |sudo |git |curl |wget |npm |mkdir |#!/)")


def frame_line(error, path):
    """The deepest line of the block in the exception's traceback."""
    line = None
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == path:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def missing(names):
    missing = []
    for name in names:
        try:
            if importlib.util.find_spec(name) is None:
                missing.append(name)
        except (ImportError, ValueError):
            missing.append(name)
    return missing


def install_hint(name):
    top = name.split(".")[0]
    if top in getattr(sys, "stdlib_module_names", ()):
        return f"needs {top}: part of the standard library but missing from this Python build"
    if top in DISTRIBUTIONS:
        return f"needs {top}: not installed here (run with --install, or pip install {DISTRIBUTIONS[top]})"
    return f"needs module '{top}': not installed here (--with DISTRIBUTION installs it, if PyPI has it; or the document defines it elsewhere)"


def is_network_error(error):
    # URLError only exists once the block imported urllib (a fork server need not hold it).
    url_error = getattr(sys.modules.get("urllib.error"), "URLError", None)
    kinds = (socket.gaierror, socket.herror, ConnectionError) + ((url_error,) if url_error else ())
    if isinstance(error, kinds):
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
    bad_line = lines[local - 1] if 0 < local <= len(lines) else first
    if _is_command(bad_line):
        return {"status": "skipped", "reason": f"a shell command, not Python: {bad_line.strip()[:60]} ({where})"}
    bad = lines[local - 1].strip() if 0 < local <= len(lines) else ""
    message = error.msg or "invalid syntax"
    if PSEUDO_CODE.search(bad):
        return {"status": "skipped", "reason": f"pseudo-code (C syntax), not Python: {bad[:60]} ({where})"}
    fragment = ("outside function" in message or "outside async function" in message
                or message.startswith("unexpected indent") or message.startswith("expected an indented block")
                or "..." in bad or bad.startswith("…"))
    if fragment:
        return {"status": "skipped", "reason": f"a fragment, not a runnable program: {message} ({where})"}
    return {"status": "failed", "reason": f"{type(error).__name__}: {message} ({where})"}


def _is_command(line):
    """A line that reads as a shell command and is not Python."""
    words = line.split()
    if not words or keyword.iskeyword(words[0]) or not COMMAND_LINE.match(line):
        return False
    try:
        compile(line.strip(), "<line>", "exec")
        return False
    except SyntaxError:
        return True


def unimported_module(error):
    """For a NameError on a module name the block never imported, that name."""
    name = getattr(error, "name", None)
    if not isinstance(error, NameError) or not name:
        match = re.match(r"name '(\w+)' is not defined", str(error))
        name = match.group(1) if match else None
    if not name:
        return None
    if name in DISTRIBUTIONS or name in getattr(sys, "stdlib_module_names", ()):
        return name
    return None


def definitions_only(tree):
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
