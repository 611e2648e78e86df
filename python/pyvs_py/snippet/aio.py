"""Blocks written as asyncio tutorials write them: top-level ``await``,
``async for`` and ``async with`` compile as asyncio's REPL compiles them
(``PyCF_ALLOW_TOP_LEVEL_AWAIT``), and such code runs to its end in an event
loop — one per process, kept across the blocks of a --session, as the REPL
keeps one across its statements."""
import ast

FLAGS = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
_CO_COROUTINE = 0x80  # inspect.CO_COROUTINE, without importing inspect into every fork server
_loop = None


def is_async(code):
    """True for code that awaits at top level (it evaluates to a coroutine)."""
    return bool(code.co_flags & _CO_COROUTINE)


def run(code, namespace):
    """Runs a code object in `namespace`: in the event loop when it awaits at top level."""
    global _loop
    result = eval(code, namespace)
    if not is_async(code):
        return result
    import asyncio  # here: a server that forks the blocks need not hold it
    if _loop is None or _loop.is_closed():
        _loop = asyncio.new_event_loop()
        asyncio.set_event_loop(_loop)
    return _loop.run_until_complete(result)


def awaiting(source, filename, namespace):
    """One >>> example that awaits: compiled as the interactive prompt would
    compile it (its value shown), run to its end in the loop."""
    return run(compile(source, filename, "single", flags=FLAGS), namespace)
