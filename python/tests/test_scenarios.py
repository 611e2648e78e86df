"""Every scenario's Python variants return the exact result its closed
form gives, whatever concurrency model they use; the unsafe ones report
what they lost."""
import pytest

from pyvs_py import (context_switch, cpu_bound, gil, io_bound, massive, pipe_ipc, primes, process_pool, process_start,
                     producer_consumer, race, shared_memory)
from pyvs_py.loop import loop_speed, task

START_METHODS = ["fork", "spawn", "forkserver"]


def sum_of_squares(n):
    """sum(i * i for i in range(n)), in closed form."""
    return (n - 1) * n * (2 * n - 1) // 6


def test_the_task_is_the_sum_of_squares():
    for n in (0, 1, 2, 10, 12345):
        assert task(n) == sum_of_squares(n)
    assert loop_speed(1000, 3) > 0


@pytest.mark.parametrize("variant", ["serial", "threads", "asyncio_gather"])
def test_cpu_bound_in_one_process(variant):
    assert getattr(cpu_bound, variant)(n=2000, tasks=3) == 3 * sum_of_squares(2000)


@pytest.mark.parametrize("start_method", START_METHODS)
@pytest.mark.parametrize("variant", ["processes", "pool", "executor"])
def test_cpu_bound_in_processes(variant, start_method):
    result = getattr(cpu_bound, variant)(n=2000, tasks=3, workers=2, start_method=start_method)
    assert result == 3 * sum_of_squares(2000)


def test_primes_below_a_hundred_thousand():
    assert primes.count_primes(100_000) == 9592
    assert [n for n in range(20) if primes.is_prime(n)] == [2, 3, 5, 7, 11, 13, 17, 19]
    assert primes.serial(n=1000, tasks=2) == 2 * 168
    assert primes.thread_pool(n=1000, tasks=3, workers=2) == 3 * 168
    assert primes.process_pool(n=1000, tasks=3, workers=2, start_method="fork") == 3 * 168


@pytest.mark.parametrize("variant", ["serial", "pool_chunk1", "pool_auto", "pool_initializer"])
def test_process_pool_returns_every_item_in_order(variant):
    items, cost = 20, 50
    values = [sum_of_squares(cost) + i for i in range(items)]
    checksum = sum((i + 1) * value for i, value in enumerate(values))
    kwargs = {"items": items, "cost": cost, "workers": 2, "start_method": "fork"}
    assert getattr(process_pool, variant)(**kwargs) == f"{items} results in order, checksum {checksum}"


@pytest.mark.parametrize("variant", ["threads_lock", "value_lock", "coroutines"])
def test_a_safe_counter_loses_nothing(variant):
    answer = getattr(race, variant)(workers=3, increments=2000, start_method="fork")
    assert answer == {"result": 6000, "metrics": {"lost": 0}}


@pytest.mark.parametrize("variant", ["threads_unlocked", "value_unlocked"])
def test_an_unsafe_counter_reports_what_it_lost(variant):
    answer = getattr(race, variant)(workers=3, increments=2000, start_method="fork")
    assert 0 < answer["result"] <= 6000
    assert answer["metrics"]["lost"] == 6000 - answer["result"]


@pytest.mark.parametrize("variant", ["array_lock", "shared_memory_lock"])
def test_shared_memory_ends_at_workers_times_rounds(variant):
    answer = getattr(shared_memory, variant)(workers=2, length=16, rounds=5, start_method="fork")
    assert answer["result"] == "16 elements, sum 160, each between 10 and 10"
    assert answer["metrics"] == {"updates": 160}


@pytest.mark.parametrize("variant", ["threads", "coroutines"])
def test_context_switch_counts_every_round_trip(variant):
    answer = getattr(context_switch, variant)(round_trips=500)
    assert answer["result"] == "500 round trips"
    assert answer["metrics"]["per_switch_s"] > 0


@pytest.mark.parametrize("variant", ["process_fork", "subprocess_true", "thread_start"])
def test_process_start_counts_the_starts_that_ran_to_the_end(variant):
    answer = getattr(process_start, variant)(starts=3)
    assert answer["result"] == "3 of 3 started ran to the end"
    assert answer["metrics"]["per_process_s"] > 0


@pytest.mark.parametrize("variant", ["pipe", "queue"])
def test_pipe_ipc_messages_arrive_in_order_and_intact(variant):
    answer = getattr(pipe_ipc, variant)(messages=50, size=1000, start_method="fork")
    assert answer == {"result": "50 messages of 1000 bytes, in order and intact", "metrics": {"bytes_moved": 50_000}}


def test_pipe_ipc_detects_a_lost_or_corrupted_message():
    pattern = pipe_ipc._pattern(100)
    message = pipe_ipc._message(pattern, 7, 100)
    pipe_ipc._check(pattern, 7, 100, message)
    with pytest.raises(RuntimeError, match="arrived as message 7"):
        pipe_ipc._check(pattern, 8, 100, message)
    with pytest.raises(RuntimeError, match="corrupted"):
        pipe_ipc._check(pattern, 7, 100, message[:50] + b"x" + message[51:])
    with pytest.raises(RuntimeError, match="99 of 100 bytes"):
        pipe_ipc._check(pattern, 7, 100, message[:99])


@pytest.mark.parametrize("variant", ["queue_threads", "condition_threads", "asyncio_queue", "mp_queue"])
def test_producer_consumer_takes_every_item_once(variant):
    items = 300
    expected = f"{items} items, sum {sum(range(items))}, sum of squares {sum_of_squares(items)}"
    kwargs = {"producers": 3, "consumers": 2, "items": items, "capacity": 8, "start_method": "fork"}
    assert getattr(producer_consumer, variant)(**kwargs) == expected


@pytest.mark.parametrize("variant", ["asyncio_tasks", "threads"])
def test_massive_tasks_all_wake_and_say_what_each_cost(variant):
    answer = getattr(massive, variant)(tasks=200, sleep_ms=20)
    assert answer["result"] == "200 tasks woke"
    assert answer["metrics"]["resident_per_task_bytes"] >= 0
    assert ("virtual_per_task_bytes" in answer["metrics"]) == (variant == "threads")


@pytest.mark.parametrize("variant", ["sleep_serial", "sleep_threads", "sleep_asyncio"])
def test_io_bound_sleeps_all_return(variant):
    assert getattr(io_bound, variant)(requests=5, delay_ms=1) == "5 waits"


@pytest.mark.parametrize("variant", ["threads", "release_sleep"])
def test_gil_threads_return_their_result_and_cpu(variant):
    answer = getattr(gil, variant)(n=1000, threads=2, sleep_us=100)
    assert answer["thread_cpu_s"] >= 0
    if variant == "threads":
        assert answer["result"] == 2 * sum_of_squares(1000)
