#!/usr/bin/env bash
# make kernels: the native kernels checked in the build users run (release).
#
# The optimiser may fold a loop into its closed form or compute identical
# pure calls once; then the Swift rows would not do the Python rows' work.
# For each scenario below, the serial Swift row and the serial Python row
# run at a size n and at 2n and 4n (or 1, 2 and 4 tasks): doing the same
# work, their times grow by the same factor (2× for a sum of squares; more
# for trial division, where a number costs about its square root).
#
# The sizes are measured interleaved, in ROUNDS rounds (default 5), each
# round running the three sizes in a shuffled order, so that a slow minute
# of the machine falls on every size alike. Growth is judged round by
# round: each round's growth from n to 4n, Swift's over Python's, and the
# interval over the rounds that holds its median (as pyvs's own paired
# ratios). A kernel passes when that interval lies within 25 % of 1 and
# Swift's growth is above 2× in every round; it FAILS when the interval
# lies wholly outside, or Swift's growth stays below 2× (a folded kernel
# stays flat); otherwise the line says "not conclusive" and why. Exits 1
# if any kernel fails.
#
#   tools/kernels.sh PYVS_BINARY [ROUNDS]
set -euo pipefail
pyvs=${1:?usage: tools/kernels.sh PYVS_BINARY [ROUNDS]}
rounds=${2:-5}
work=$(mktemp -d)
tools=$(cd "$(dirname "$0")" && pwd)  # stats.py: the interval both judgements use
trap 'rm -rf "$work"' EXIT

# scenario  parameter  n  fixed parameters
# (T identical tasks must cost T times one: a pure call computed once would not.)
checks=(
    "cpu-bound n 1000000 --tasks 1"
    "cpu-bound tasks 1 --n 1000000"
    "primes n 40000 --tasks 1"
    "primes tasks 1 --n 40000"
    "process-pool cost 20000 --items 200"
)
failed=0
for check in "${checks[@]}"; do
    read -r scenario parameter n fixed <<<"$check"
    for round in $(seq 1 "$rounds"); do
        for factor in $(printf '%s\n' 1 2 4 | shuf); do
            # shellcheck disable=SC2086  # fixed holds several options
            "$pyvs" run "$scenario" --only py.serial,swift.serial --"$parameter" $((n * factor)) $fixed \
                --repeat 3 --warmup 1 --no-progress --format json -o "$work/$scenario-$parameter-$factor-$round.json" >/dev/null 2>&1 || true
        done
    done
    PYTHONPATH="$tools" python3 - "$scenario" "$parameter" "$n" "$rounds" "$work" <<'EOF' || failed=1
import json, sys
from stats import interval, median
scenario, parameter, n, rounds, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]

def wall(factor, round_, variant):
    with open(f"{work}/{scenario}-{parameter}-{factor}-{round_}.json") as handle:
        rows = json.load(handle)["scenarios"][0]["variants"]
    return next(r for r in rows if r["id"] == variant)["wall_s"]["median"]


try:
    times = {v: {f: [wall(f, r, v) for r in range(1, rounds + 1)] for f in (1, 2, 4)} for v in ("py.serial", "swift.serial")}
except (OSError, KeyError, StopIteration) as error:
    print(f"{scenario}: no measurement ({error!r})")
    sys.exit(1)
growth = {v: [t[4][r] / t[1][r] for r in range(rounds)] for v, t in times.items()}
relative = [s / p for s, p in zip(growth["swift.serial"], growth["py.serial"])]
low, high = interval(relative)
steps = lambda t: " → ".join(f"{median(t[f]) * 1000:.2f} ms" for f in (1, 2, 4))
swift_low, swift_high = interval(growth["swift.serial"])
if swift_high < 2 or high < 0.75 or low > 1.25:
    verdict, code = "FAILS: the Swift kernel does not grow like the Python one", 1
elif swift_low > 2 and low >= 0.75 and high <= 1.25:
    verdict, code = "grows like Python's: the work is done", 0
else:
    verdict, code = "not conclusive: the interval reaches past 25 % of 1 — run again on a quieter machine or with more rounds", 0
print(f"{scenario}: {parameter} {n}, ×2, ×4 in {rounds} rounds — swift.serial {steps(times['swift.serial'])} "
      f"(×{median(growth['swift.serial']):.2f}), py.serial {steps(times['py.serial'])} (×{median(growth['py.serial']):.2f}); "
      f"Swift's growth over Python's {median(relative):.2f} [{low:.2f}–{high:.2f}]: {verdict}")
sys.exit(code)
EOF
done

# The other runtimes' cpu-bound programs (runtimes/): each starts a process,
# so at Python's sizes their start would hide their loop. They run alone at
# a size where the loop dominates, and each must grow about 4x from n to 4n
# (the same sum of squares, 4 times as long): it passes when its growth's
# interval over the rounds lies within 3x-5x, FAILS when it lies below 2x
# (a loop folded into its closed form stays flat), and is not conclusive
# otherwise. A runtime that is not installed is said so and not judged.
# Java's JVM starts in about 80 ms here: its loop runs longer (n 400M).
for programs_n in "go.serial,rust.serial,cpp.serial 50000000" "java.serial 400000000"; do
read -r programs n <<<"$programs_n"
for round in $(seq 1 "$rounds"); do
    for factor in $(printf '%s\n' 1 2 4 | shuf); do
        "$pyvs" run cpu-bound --only "$programs" --n $((n * factor)) --tasks 1 \
            --repeat 3 --warmup 1 --no-progress --format json -o "$work/programs-$factor-$round.json" >/dev/null 2>&1 || true
    done
done
PYTHONPATH="$tools" python3 - "$programs" "$n" "$rounds" "$work" <<'EOF' || failed=1
import json, sys
from stats import interval
programs, n, rounds, work = sys.argv[1].split(","), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]

def row(factor, round_, variant):
    with open(f"{work}/programs-{factor}-{round_}.json") as handle:
        return next(r for r in json.load(handle)["scenarios"][0]["variants"] if r["id"] == variant)


code = 0
for variant in programs:
    try:
        rows = {(f, r): row(f, r, variant) for f in (1, 2, 4) for r in range(1, rounds + 1)}
    except (OSError, KeyError, StopIteration) as error:
        print(f"cpu-bound {variant}: no measurement ({error!r})")
        code = 1
        continue
    if any(r["status"] != "ok" for r in rows.values()):
        print(f"cpu-bound {variant}: not run here ({next(r for r in rows.values() if r['status'] != 'ok').get('reason')}); not judged")
        continue
    wall = lambda f, r: rows[(f, r)]["wall_s"]["median"]
    growth = sorted(wall(4, r) / wall(1, r) for r in range(1, rounds + 1))
    low, high = interval(growth)
    if high < 2:
        verdict, failed = "FAILS: it does not grow with n (a loop folded away?)", 1
    elif low >= 3 and high <= 5:
        verdict, failed = "grows with n: the work is done", 0
    else:
        verdict, failed = "not conclusive: the interval reaches past 3x-5x; run again on a quieter machine or with more rounds", 0
    code = max(code, failed)
    steps = " → ".join(f"{sorted(wall(f, r) for r in range(1, rounds + 1))[rounds // 2] * 1000:.2f} ms" for f in (1, 2, 4))
    print(f"cpu-bound {variant}: n {n}, x2, x4 in {rounds} rounds: {steps} (growth x{growth[len(growth) // 2]:.2f} [{low:.2f}-{high:.2f}]): {verdict}")
sys.exit(code)
EOF
done
exit $failed
