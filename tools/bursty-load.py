#!/usr/bin/env python3
"""A bursty background load for measuring pyvs beside other work.

One process, in turn busy for 20-200 ms and idle for 50-500 ms (uniform,
seeded), for SECONDS seconds (default 600):

    python3 tools/bursty-load.py 600 &
"""
import random
import sys
import time


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 600.0
    rng = random.Random(7)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        busy_until = time.monotonic() + rng.uniform(0.020, 0.200)
        while time.monotonic() < busy_until:
            pass
        time.sleep(rng.uniform(0.050, 0.500))


if __name__ == "__main__":
    main()
