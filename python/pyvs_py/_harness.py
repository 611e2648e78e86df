"""What the pyvs worker calls: prepare a variant, describe the interpreter,
and inject faults for pyvs's own tests."""
import functools
import importlib
import json
import multiprocessing
import os
import sys
import sysconfig
import time


def prepare(module_name, function_name, kwargs, fault=""):
    """Import the variant and return a callable that runs its measured work.

    The variant is called with the scenario's parameters as keyword
    arguments (each takes what it needs and ignores the rest with ``**_``).
    A module function ``prepare_<name>`` with the same arguments, if there is
    one, builds the variant's inputs here, before the measured region.
    """
    module = importlib.import_module(module_name)
    function = getattr(module, function_name)
    setup = getattr(module, "prepare_" + function_name, None)
    if setup is not None:
        setup(**kwargs)
    bound = functools.partial(function, **kwargs)
    if not fault:
        return bound
    return functools.partial(_faulty, bound, fault)


def output(value):
    """What a variant returned, as JSON for the host: an int is the result;
    a dict carries ``result`` and may carry ``thread_cpu_s`` (the CPU time its
    threads measured on themselves) and ``metrics`` (name -> number)."""
    if isinstance(value, dict):
        answer = {"result": str(value["result"]), "metrics": {k: float(v) for k, v in value.get("metrics", {}).items()}}
        if value.get("thread_cpu_s") is not None:
            answer["thread_cpu_s"] = float(value["thread_cpu_s"])
        return json.dumps(answer)
    return json.dumps({"result": str(value)})


def _faulty(bound, fault):
    if fault == "segfault":
        import ctypes
        ctypes.string_at(0)
    if fault == "hang":
        # A child in the same process group that would outlive us, then sleep:
        # the runner must kill both.
        context = multiprocessing.get_context("fork")
        context.Process(target=time.sleep, args=(3600,), daemon=False).start()
        time.sleep(3600)
    if fault == "exit":
        os._exit(3)
    if fault == "raise":
        raise RuntimeError("injected failure")
    if fault == "memory":
        hog = []
        while True:
            hog.append(bytearray(64 << 20))
    result = bound()
    if fault == "wrong":
        return result + 1
    return result


def _importable(name):
    try:
        importlib.import_module(name)
        return True
    except Exception:
        return False


def _has_interpreters():
    from pyvs_py.cpu_bound import interpreters_api
    return interpreters_api() is not None


def describe():
    """Facts about this interpreter, as JSON."""
    return json.dumps({
        "version": ".".join(map(str, sys.version_info[:3])),
        "implementation": sys.implementation.name,
        "build": " ".join(sys.version.split()),
        "executable": sys.executable,
        "start_method": multiprocessing.get_start_method(allow_none=False),
        "switch_interval_s": sys.getswitchinterval(),
        "gil_enabled": gil_enabled(),
        "shared": bool(sysconfig.get_config_var("Py_ENABLE_SHARED")),
        "extras": {**{name: _importable(name) for name in ("aiohttp", "psutil", "numpy")},
                   "interpreters": _has_interpreters()},
        "cflags": sysconfig.get_config_var("PY_CFLAGS"),
        "configure_args": sysconfig.get_config_var("CONFIG_ARGS") or "",
        "free_threaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
    })


def gil_enabled():
    """Whether the GIL is on now: always on a build that has one; on a
    free-threaded build, off unless PYTHON_GIL=1 or an imported module that
    does not declare it runs without the GIL turned it back on."""
    gil = getattr(sys, "_is_gil_enabled", None)
    return True if gil is None else bool(gil())
