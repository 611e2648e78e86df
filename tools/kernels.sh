#!/usr/bin/env bash
# make kernels: the native kernels checked in the build users run (release).
#
# The optimiser may fold a loop into its closed form or compute identical
# pure calls once; then the Swift rows would not do the Python rows' work.
# For each scenario below, the serial Swift row and the serial Python row
# run at a size n and at 2n and 4n (or 1, 2 and 4 tasks): doing the same
# work, their times grow by the same factor (2× for a sum of squares; more
# for trial division, where a number costs about its square root). A kernel passes when its growth from
# n to 4n is within 25 % of Python's and above 2×; a folded kernel stays
# flat. Prints one line per scenario; exits 1 if any kernel fails.
#
#   tools/kernels.sh PYVS_BINARY
set -euo pipefail
pyvs=${1:?usage: tools/kernels.sh PYVS_BINARY}
work=$(mktemp -d)
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
    for factor in 1 2 4; do
        # shellcheck disable=SC2086  # fixed holds several options
        "$pyvs" run "$scenario" --only py.serial,swift.serial --"$parameter" $((n * factor)) $fixed \
            --repeat 3 --warmup 1 --no-progress --format json -o "$work/$scenario-$factor.json" >/dev/null 2>&1 || true
    done
    python3 - "$scenario" "$parameter" "$n" "$work" <<'EOF' || failed=1
import json, sys
scenario, parameter, n, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
def median(factor, variant):
    with open(f"{work}/{scenario}-{factor}.json") as handle:
        rows = json.load(handle)["scenarios"][0]["variants"]
    row = next(r for r in rows if r["id"] == variant)
    return row["wall_s"]["median"]
try:
    times = {v: [median(f, v) for f in (1, 2, 4)] for v in ("py.serial", "swift.serial")}
except (OSError, KeyError, StopIteration) as error:
    print(f"{scenario}: no measurement ({error!r})")
    sys.exit(1)
growth = {v: t[2] / t[0] for v, t in times.items()}
ok = growth["swift.serial"] > 2 and abs(growth["swift.serial"] / growth["py.serial"] - 1) <= 0.25
steps = lambda t: " → ".join(f"{x * 1000:.2f} ms" for x in t)
print(f"{scenario}: {parameter} {n}, ×2, ×4 — swift.serial {steps(times['swift.serial'])} "
      f"(×{growth['swift.serial']:.2f}); py.serial {steps(times['py.serial'])} (×{growth['py.serial']:.2f}): "
      + ("grows like Python's: the work is done" if ok else "FAILS: the Swift kernel does not grow like the Python one"))
sys.exit(0 if ok else 1)
EOF
done
exit $failed
