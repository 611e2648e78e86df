"""Worker processes for the scenarios that share memory between processes."""


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
