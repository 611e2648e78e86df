"""What the worker calls: a variant prepared with its parameters, its
answer as the host reads it, the interpreter described, faults injected."""
import json
import sys

import pytest

from pyvs_py import _harness


def test_a_variant_is_bound_to_its_parameters_and_prepared_first(tmp_path, monkeypatch):
    (tmp_path / "demo_scenario.py").write_text(
        "prepared = []\n"
        "def prepare_work(n, **_):\n    prepared.append(n)\n"
        "def work(n, **_):\n    return n * 2\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    run = _harness.prepare("demo_scenario", "work", {"n": 21, "unused": 1})
    assert sys.modules["demo_scenario"].prepared == [21]  # before the measured region
    assert run() == 42
    assert _harness.prepare("demo_scenario", "work", {"n": 21}, fault="wrong")() == 43
    with pytest.raises(RuntimeError, match="injected failure"):
        _harness.prepare("demo_scenario", "work", {"n": 1}, fault="raise")()


def test_the_answer_is_json_the_host_reads():
    assert json.loads(_harness.output(12345678901234567890123)) == {"result": "12345678901234567890123"}
    answer = json.loads(_harness.output({"result": 7, "metrics": {"lost": 3}, "thread_cpu_s": 0.5}))
    assert answer == {"result": "7", "metrics": {"lost": 3.0}, "thread_cpu_s": 0.5}
    assert "thread_cpu_s" not in json.loads(_harness.output({"result": 1, "thread_cpu_s": None}))


def test_the_interpreter_is_described():
    facts = json.loads(_harness.describe())
    assert facts["version"] == ".".join(map(str, sys.version_info[:3]))
    assert facts["gil_enabled"] is _harness.gil_enabled()
    assert facts["start_method"] in ("fork", "spawn", "forkserver")
    assert set(facts["extras"]) == {"aiohttp", "psutil", "numpy", "interpreters"}
