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


def prepare(module_name, function_name, kwargs_json, fault=""):
    """Import the variant and return a callable that runs its measured work."""
    function = getattr(importlib.import_module(module_name), function_name)
    bound = functools.partial(function, **json.loads(kwargs_json))
    if not fault:
        return bound
    return functools.partial(_faulty, bound, fault)


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


def describe():
    """Facts about this interpreter, as JSON."""
    gil = getattr(sys, "_is_gil_enabled", None)
    return json.dumps({
        "version": ".".join(map(str, sys.version_info[:3])),
        "implementation": sys.implementation.name,
        "build": " ".join(sys.version.split()),
        "executable": sys.executable,
        "start_method": multiprocessing.get_start_method(allow_none=False),
        "switch_interval_s": sys.getswitchinterval(),
        "gil_enabled": True if gil is None else bool(gil()),
        "shared": bool(sysconfig.get_config_var("Py_ENABLE_SHARED")),
        "extras": {name: _importable(name) for name in ("aiohttp", "psutil", "numpy")},
    })
