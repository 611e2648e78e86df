#!/usr/bin/env bash
# make snippets-speed: how fast `pyvs snippets` runs a document of many
# one-line blocks, sandboxed (the default) and unconfined (--no-sandbox),
# beside a fresh `python3 -c` per block — the same 500 one-line programs —
# alternated ROUNDS times in one sitting; prints each run and the medians.
#
#   tools/snippets-speed.sh PYVS_BINARY [BLOCKS] [ROUNDS]
#
# The fresh interpreter is $PYTHON, by default the system's /usr/bin/python3
# (the build pyvs embeds by default).
set -euo pipefail
pyvs=${1:?usage: tools/snippets-speed.sh PYVS_BINARY [BLOCKS] [ROUNDS]}
blocks=${2:-500}
rounds=${3:-3}
python=$(readlink -f "${PYTHON:-/usr/bin/python3}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in $(seq "$blocks"); do printf '```python\nx = %d\n```\n\n' "$i"; done >"$work/many.md"

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N); awk -v a="$start" -v b="$end" 'BEGIN {print b - a}'; }
fresh() { for i in $(seq "$blocks"); do "$python" -c "x = $i"; done; }

declare -a sandboxed unconfined fresh_runs
for round in $(seq "$rounds"); do
    sandboxed+=("$(seconds "$pyvs" snippets "$work/many.md" --no-progress -o "$work/out.txt")")
    unconfined+=("$(seconds "$pyvs" snippets "$work/many.md" --no-progress --no-sandbox -o "$work/out.txt")")
    fresh_runs+=("$(seconds fresh)")
    printf 'round %d: sandboxed %.2f s, --no-sandbox %.2f s, %s -c per block %.2f s\n' \
        "$round" "${sandboxed[-1]}" "${unconfined[-1]}" "$python" "${fresh_runs[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
s=$(median "${sandboxed[@]}"); u=$(median "${unconfined[@]}"); f=$(median "${fresh_runs[@]}")
awk -v n="$blocks" -v r="$rounds" -v s="$s" -v u="$u" -v f="$f" -v py="$python" 'BEGIN {
    printf "%d blocks, medians of %d rounds: sandboxed %.0f blocks/s, --no-sandbox %.0f blocks/s, %s -c per block %.0f blocks/s; sandboxed runs %.2fx the fresh interpreter'"'"'s blocks/s\n", n, r, n / s, n / u, py, n / f, f / s }'
