#!/usr/bin/env bash
# make soak: pyvs run all --quick and the hostile fixture, 20 times each, in
# a row, printing after every round what might grow: pyvs processes left
# alive, pyvs temporary folders, the machine's processes and open files, and
# its available memory. Exits 1 if a pyvs process or temporary folder is left.
set -u
PYVS=${1:?usage: tools/soak.sh PATH-TO-PYVS [ROUNDS]}
ROUNDS=${2:-20}
HOSTILE="$(cd "$(dirname "$0")/.." && pwd)/fixtures/snippets/hostile.md"
TMP=${TMPDIR:-/tmp}

pyvs_processes() { grep -lsaE '_[_](worker|guard)' /proc/[0-9]*/cmdline 2>/dev/null | wc -l; }
temp_folders() { find "$TMP" -maxdepth 1 -name 'pyvs-snippets-*' 2>/dev/null | wc -l; }
machine_processes() { find /proc -maxdepth 1 -regex '/proc/[0-9]+' | wc -l; }
open_files() { cut -f1 /proc/sys/fs/file-nr; }
available_mb() { awk '/MemAvailable/ { print int($2 / 1024) }' /proc/meminfo; }

printf '%-28s %6s %8s %9s %10s %10s %8s\n' "round" "status" "pyvs-left" "temp-left" "processes" "open-files" "avail-MB"
row() { printf '%-28s %6s %8s %9s %10s %10s %8s\n' "$1" "$2" "$(pyvs_processes)" "$(temp_folders)" "$(machine_processes)" "$(open_files)" "$(available_mb)"; }
row "before" "-"
failed=0
for round in $(seq 1 "$ROUNDS"); do
    "$PYVS" run all --quick --no-progress --format json -o /dev/null 2>/dev/null
    status=$?
    sleep 1
    row "run all --quick #$round" "$status"
    [ "$(pyvs_processes)" -eq 0 ] && [ "$(temp_folders)" -eq 0 ] || failed=1
done
for round in $(seq 1 "$ROUNDS"); do
    "$PYVS" snippets "$HOSTILE" --max-processes 50 --no-progress --format json -o /dev/null 2>/dev/null
    status=$?
    sleep 1
    row "hostile.md #$round" "$status"
    [ "$(pyvs_processes)" -eq 0 ] && [ "$(temp_folders)" -eq 0 ] && ! pgrep -x -f 'sleep 600' >/dev/null || failed=1
done
if [ "$failed" -ne 0 ]; then echo "soak: a pyvs process, daemon or temporary folder was left behind" >&2; exit 1; fi
echo "soak: nothing left behind after $((2 * ROUNDS)) runs"
