"""Running the Python blocks of a document, one block a real ``__main__``.

Each block is written to a file of its own and compiled with its line
numbers shifted to where it stands in the document (``offset``: the line of
its opening fence), so tracebacks and reasons point at the document without
a file padded with the lines above it. The host rewrites the file's path to
the document's name.
"""
import ast
import builtins
import json
import linecache
import sys
import traceback
import types

from . import aio
from .classify import (classify_syntax, definitions_only, frame_line, install_hint, is_network_error, missing,
                       unimported_module)
from .errors import SetupFailed, TranscriptMismatch
from .hooks import OffMainErrors


def transcript(raw, display, offset, namespace):
    """A >>> session run as doctest runs it (doctest, and the pdb and
    unittest it imports, load only for a document that has such a session:
    a fork server holds less for its children to copy)."""
    from .doctests import transcript as run
    run(raw, display, offset, namespace)


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


def remember_lines(path, source, offset, setups=()):
    """Tracebacks read source lines through linecache: give it the block (and
    the setup blocks run before it, compiled under the same name) at their
    document lines, in memory (the file on disk holds the block alone)."""
    lines = []
    for text, start in sorted(list(setups) + [(source, offset)], key=lambda part: part[1]):
        lines += ["\n"] * max(0, start - len(lines))
        lines[start:] = [line if line.endswith("\n") else line + "\n" for line in text.splitlines(True)]
    linecache.cache[path] = (len(source), None, lines, path)


def execute(make_run, source, path, display, expect_error, requires, offset=0):
    """Compiles one block at its document lines, runs what `make_run(tree)`
    returns, and says what happened."""
    absent = missing(requires)
    if absent:
        hints = "; ".join(install_hint(name) for name in absent)
        return {"status": "skipped", "needs": "module", "reason": f"requires {', '.join(absent)} — {hints}"}
    try:
        # Stricter than ast.parse ('return' outside a function); 'await' at
        # top level is allowed, as asyncio's REPL allows it.
        compile(source, path, "exec", flags=aio.FLAGS)
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
    watch = OffMainErrors(path, display)
    try:
        with watch:
            run()
            off_main = watch.found()
    except TranscriptMismatch as error:
        return {"status": "failed", "reason": str(error)}
    except SetupFailed as failure:
        _report_exception(failure.__cause__, path, display)
        return {"status": "failed", "reason": str(failure)}
    except SystemExit as error:
        code = error.code
        if code in (None, 0):
            return {"status": "ok", "reason": "called sys.exit(0)"}
        if expect_error:
            return {"status": "ok", "reason": f"exited with status {code} as expected"}
        return {"status": "failed", "reason": f"exited with status {code} (sys.exit)"}
    except BaseException as error:  # the block's own error, reported
        line = frame_line(error, path)
        where = f" ({display} line {line})" if line else ""
        _report_exception(error, path, display)
        message = f"{type(error).__name__}: {error}".strip().rstrip(":")
        if expect_error:
            return {"status": "ok", "reason": f"raised {type(error).__name__} as expected{where}"}
        if isinstance(error, ModuleNotFoundError) and error.name:
            return {"status": "skipped", "needs": "module", "reason": install_hint(error.name) + where}
        if is_network_error(error):
            return {"status": "skipped", "needs": "network", "reason": f"needs network: {message[:200]}{where}"}
        module = unimported_module(error)
        if module:
            return {"status": "skipped",
                    "reason": f"a fragment: uses {module} without importing it{where}"}
        return {"status": "failed", "reason": f"{message[:300]}{where}"}
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    if off_main and len(watch.network) == len(off_main):
        return {"status": "skipped", "needs": "network", "reason": "needs network: " + off_main[0][:250]}
    if off_main:
        if expect_error:
            return {"status": "ok", "reason": f"raised as expected: {off_main[0]}"}
        more = f" (and {len(off_main) - 1} more)" if len(off_main) > 1 else ""
        return {"status": "failed", "reason": off_main[0] + more}
    if expect_error:
        return {"status": "failed", "reason": "expected an error; the block ran without one"}
    defined = definitions_only(tree)
    if defined is not None:
        shown = ", ".join(defined[:8]) + (", …" if len(defined) > 8 else "")
        noun = "name" if len(defined) == 1 else "names"
        return {"status": "ok", "reason": f"defined {len(defined)} {noun} ({shown}); nothing else ran" if defined else "nothing to run"}
    return {"status": "ok", "reason": ""}


def run_setups(setups, path, namespace):
    """Runs the document's setup blocks in `namespace`, each at its own
    document lines (compiled under the block's name, so tracebacks name the
    document)."""
    for text, offset in setups:
        tree = ast.parse(text, path)
        ast.increment_lineno(tree, offset)
        try:
            aio.run(compile(tree, path, "exec", flags=aio.FLAGS), namespace)
        except Exception as error:
            message = f"{type(error).__name__}: {error}".strip().rstrip(":")
            raise SetupFailed(f"the setup block at line {offset} failed: {message[:250]}") from error


def main_module(path):
    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__builtins__ = builtins
    return main


def as_main(path, run):
    """Runs run(namespace) with a fresh module as sys.modules['__main__'], as
    runpy.run_path does: multiprocessing's spawn finds the file through it."""
    main = main_module(path)
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = main
    try:
        run(main.__dict__)
    finally:
        sys.modules["__main__"] = saved


def run_file(path, display, expect_error, requires, transcript_path="", offset=0, setup=()):
    """One block in its own process: the file runs as the real __main__
    (a >>> session as doctest runs it, from `transcript_path`), after the
    setup blocks (`setup`: (file, offset) pairs) in the same namespace."""
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    setups = []
    for setup_path, setup_offset in setup:
        with open(setup_path, encoding="utf-8") as handle:
            setups.append((handle.read(), setup_offset))
    remember_lines(path, source, offset, setups)
    if transcript_path:
        with open(transcript_path, encoding="utf-8") as handle:
            raw = handle.read()

        def make_run(tree):
            def run(namespace):
                run_setups(setups, path, namespace)
                transcript(raw, display, offset, namespace)
            return lambda: as_main(path, run)
    else:
        def make_run(tree):
            code = compile(tree, path, "exec", flags=aio.FLAGS)

            def run(namespace):
                run_setups(setups, path, namespace)
                aio.run(code, namespace)
            return lambda: as_main(path, run)
    result = execute(make_run, source, path, display, expect_error, list(requires), offset)
    return json.dumps(result)
