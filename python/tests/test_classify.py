"""Why a block did what it did, and what a document's blocks import."""
import ast
import socket

from pyvs_py._requirements import imported
from pyvs_py.snippet import classify


def test_install_hints_name_the_distribution():
    assert classify.install_hint("yaml.loader") == "needs yaml: not installed here (run with --install, or pip install PyYAML)"
    assert classify.install_hint("sqlite3").startswith("needs sqlite3: part of the standard library")
    assert classify.install_hint("mine").startswith("needs module 'mine': not installed here (--with DISTRIBUTION")


def test_network_errors_are_told_from_others():
    assert classify.is_network_error(socket.gaierror(-2, "Name or service not known"))
    assert classify.is_network_error(ConnectionRefusedError())
    assert classify.is_network_error(TimeoutError("connect timed out"))
    assert not classify.is_network_error(TimeoutError("read took too long"))
    assert not classify.is_network_error(ValueError("x"))
    named = type("ClientConnectorError", (Exception,), {})
    assert classify.is_network_error(named())


def test_a_block_of_definitions_only():
    assert classify.definitions_only(ast.parse("import os\n'''doc'''\nX = 1\ndef f(): pass\nclass C: pass\n")) == ["X", "f", "C"]
    assert classify.definitions_only(ast.parse("X = compute()\n")) is None
    assert classify.definitions_only(ast.parse("print(1)\n")) is None


def test_a_module_used_without_its_import():
    assert classify.unimported_module(NameError("name 'asyncio' is not defined")) == "asyncio"
    assert classify.unimported_module(NameError("name 'requests' is not defined")) == "requests"
    assert classify.unimported_module(NameError("name 'my_helper' is not defined")) is None
    assert classify.unimported_module(ValueError("x")) is None


def test_imports_are_read_from_code_fragments_and_sessions():
    assert imported("import numpy as np\nfrom aiohttp import web\nfrom . import local\n") == {"numpy", "aiohttp"}
    # Not Python as a whole (a fragment, a session): the import lines still say it.
    assert imported(">>> import requests\n>>> requests.get(\n    return 1\n") == {"requests"}
    assert imported("from yaml.loader import X\n    return\n") == {"yaml"}
