"""Stands for a tutorial's script as the __main__ of process-start's
"-script" rows: with forkserver and spawn, every child runs the parent's
main script again (as __mp_main__) before its target, as it does for
`python script.py`. Like a tutorial's script, it imports what it uses and
does its work only under the main guard."""
import multiprocessing
import os
import time


def task(n):
    return sum(i * i for i in range(n))


if __name__ == "__main__":
    start = time.time()
    with multiprocessing.Pool(os.cpu_count()) as pool:
        print(pool.map(task, [1000] * 4), time.time() - start)
