#!/usr/bin/env bash
# make matrix: pyvs built against every CPython here that it can embed (the
# system one, and each pyenv CPython 3.11+ of another minor version built
# with --enable-shared), the same scenarios measured with each, then one
# table and one HTML page with every Python side by side (pyvs compare).
#   SCENARIOS (default cpu-bound), RUN_ARGS (default --repeat 5: fewer runs can never be significant), OUT (default matrix/)
set -euo pipefail
cd "$(dirname "$0")/.."
SCENARIOS=${SCENARIOS:-cpu-bound}
RUN_ARGS=${RUN_ARGS:---repeat 5}
OUT=${OUT:-matrix}
mkdir -p "$OUT"

make release >/dev/null
default_bin=.build/release/pyvs
default_minor=$(pkg-config --modversion python3-embed)
builds=("$default_minor:$default_bin")

if command -v pyenv >/dev/null 2>&1; then
    for version in $(pyenv versions --bare 2>/dev/null); do
        minor=${version%.*}
        case "$minor" in 3.1[1-9]|3.[2-9][0-9]) ;; *) continue ;; esac
        [ "$minor" = "$default_minor" ] && continue
        python="$(pyenv prefix "$version")/bin/python$minor"
        [ -x "$python" ] || continue
        [ "$("$python" -c 'import sysconfig; print(sysconfig.get_config_var("Py_ENABLE_SHARED"))')" = 1 ] || continue
        for built in "${builds[@]}"; do [ "${built%%:*}" = "$minor" ] && continue 2; done
        echo "matrix: building pyvs against CPython $version"
        make release PYTHON="$python" >/dev/null
        builds+=("$minor:.build-py$minor/release/pyvs")
    done
fi

# Every build is ready: measure now, one Python after another, with nothing building.
files=()
for built in "${builds[@]}"; do
    minor=${built%%:*}
    bin=${built#*:}
    echo "matrix: measuring with CPython $minor ($bin)"
    # shellcheck disable=SC2086
    "$bin" run $SCENARIOS $RUN_ARGS --no-progress --format json -o "$OUT/python$minor.json" || true
    files+=("$OUT/python$minor.json")
done
if [ "${#files[@]}" -lt 2 ]; then
    echo "matrix: only CPython $default_minor can be embedded here; build another with --enable-shared (pyenv: PYTHON_CONFIGURE_OPTS=--enable-shared)" >&2
    exit 1
fi
"$default_bin" compare "${files[@]}" --wide
"$default_bin" compare "${files[@]}" --format html -o "$OUT/matrix.html"
echo "matrix: $OUT/matrix.html"
