"""Workers the scenarios share: processes that share memory, and threads
whose first error reaches the caller."""
import threading


def on_threads(count, work):
    """work(index) on `count` threads at once; the results in index order,
    or the first error a thread raised."""
    results = [None] * count
    errors = []

    def run(index):
        try:
            results[index] = work(index)
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results


def run_processes(context, count, target, args):
    """Starts `count` processes of `target(*args)` and waits for them; a
    process that does not end with status 0 is an error."""
    processes = [context.Process(target=target, args=args) for _ in range(count)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
        if process.exitcode != 0:
            raise RuntimeError(f"worker process exited with {process.exitcode}")
