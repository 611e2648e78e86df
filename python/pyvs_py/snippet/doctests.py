"""A >>> session run as doctest runs it, each mismatch at its document line."""
import doctest
import sys

from . import aio
from .errors import TranscriptMismatch


class _TranscriptRunner(doctest.DocTestRunner):
    """doctest's runner, keeping each failure's document line and a short
    description for the report (its own report goes to stderr)."""

    def __init__(self, offset, display, echo):
        super().__init__(verbose=False, optionflags=doctest.ELLIPSIS)
        self.offset, self.display, self.echo = offset, display, echo
        self.problems = []

    def report_success(self, out, test, example, got):
        self.echo.write(got)  # what the session printed, as the interpreter would show it

    def _line(self, example):
        return self.offset + example.lineno + 1

    def report_failure(self, out, test, example, got):
        self.echo.write(got)
        want, shown = example.want.strip(), got.strip()
        self.problems.append(f"line {self._line(example)}: the document shows {_short(want)!r}, it printed {_short(shown)!r}")
        super().report_failure(out, test, example, got)

    def report_unexpected_exception(self, out, test, example, exc_info):
        error = exc_info[1]
        self.problems.append(f"line {self._line(example)}: {type(error).__name__}: {str(error)[:150]}".rstrip(": "))
        super().report_unexpected_exception(out, test, example, exc_info)


def _short(text, limit=60):
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _await_if_needed(example, display, namespace):
    """A `>>> await ...` example (it compiles only with top-level await)
    runs through the event loop, as asyncio's REPL runs it."""
    try:
        compile(example.source, display, "single")
        return
    except SyntaxError:
        pass
    try:
        compile(example.source, display, "single", flags=aio.FLAGS)
    except SyntaxError:
        return  # doctest reports it as the error it is
    namespace["__pyvs_await__"] = aio.awaiting
    example.source = f"__pyvs_await__({example.source!r}, {display!r}, globals())\n"


def transcript(raw, display, offset, namespace):
    """Runs a >>> session as doctest does: each example's output compared
    with what the document shows after it (ELLIPSIS allowed); differences
    are reported with doctest's diff on stderr and raise TranscriptMismatch.
    What the examples printed goes to stdout as well."""
    test = doctest.DocTestParser().get_doctest(raw, namespace, display, display, offset)
    for example in test.examples:
        _await_if_needed(example, display, test.globs)
    runner = _TranscriptRunner(offset, display, sys.stdout)
    runner.run(test, out=sys.stderr.write, clear_globs=False)
    if runner.problems:
        more = f" (and {len(runner.problems) - 1} more)" if len(runner.problems) > 1 else ""
        raise TranscriptMismatch(runner.problems[0] + more)
