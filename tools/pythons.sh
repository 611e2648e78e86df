#!/usr/bin/env bash
# make pythons: CPython 3.13.5 from Debian's source package python3.13
# (suite trixie), built twice into pyvs's cache folder beside its venvs —
# the GIL build and the free-threaded build (--disable-gil), both
# --enable-shared with configure's defaults — then pyvs against each.
#
#   WHICH     gil, free-threaded or both (default both)
#   OPTIMIZED 1: --enable-optimizations --with-lto (several times longer);
#             these builds are named 3.13-opt and 3.13t-opt
#   CONFIG    release (default) or debug: the pyvs build made against each
#
# The source comes through apt's own client with a private sources list and
# state folder (the system's apt configuration is left alone); the mirror is
# the one the system's Debian sources name, and apt checks the files against
# the signed index. A build that fails leaves nothing behind; a second run
# builds nothing that is there.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$(pwd)

WHICH=${WHICH:-both}
OPTIMIZED=${OPTIMIZED:-0}
CONFIG=${CONFIG:-release}
PACKAGE=python3.13
SUITE=trixie
VERSION=3.13.5
cache=${XDG_CACHE_HOME:-$HOME/.cache}/pyvs
pythons=$cache/pythons

# Interrupted or terminated: exit, so that the EXIT traps below remove what was half made.
trap 'exit 130' INT
trap 'exit 143' TERM

say() { echo "pyvs pythons: $*" >&2; }
fail() { say "$*"; exit 1; }

case "$WHICH" in gil) kinds=(gil) ;; free-threaded) kinds=(free-threaded) ;; both) kinds=(gil free-threaded) ;;
    *) fail "WHICH must be gil, free-threaded or both, got '$WHICH'" ;; esac
case "$CONFIG" in release|debug) ;; *) fail "CONFIG must be release or debug, got '$CONFIG'" ;; esac
case "$OPTIMIZED" in 0) suffix="" ;; 1) suffix="-opt" ;; *) fail "OPTIMIZED must be 0 or 1, got '$OPTIMIZED'" ;; esac

# The folder a build installs into, and the name pyvs gives it (--python NAME).
prefix_of() { echo "$pythons/$VERSION$([ "$1" = free-threaded ] && echo t)$suffix"; }
name_of() { echo "3.13$([ "$1" = free-threaded ] && echo t)$suffix"; }
executable_of() { echo "$(prefix_of "$1")/bin/python3.13$([ "$1" = free-threaded ] && echo t)"; }

# What compiling CPython needs (Debian package names): installed as root,
# otherwise the exact command.
need_tools() {
    local missing=""
    for pkg in gcc make pkg-config xz-utils zlib1g-dev libffi-dev libssl-dev libbz2-dev liblzma-dev; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
    done
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing$missing (apt-get)"
        apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y$missing >/dev/null
    else
        fail "building CPython needs$missing; run: sudo apt-get install -y$missing"
    fi
}

# The Debian archive the system already uses: the first URI of a deb822
# stanza or a sources.list line that is not the security archive.
debian_mirror() {
    local uri=""
    if compgen -G "/etc/apt/sources.list.d/*.sources" >/dev/null; then
        uri=$(awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' \
            /etc/apt/sources.list.d/*.sources)
    fi
    if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
        uri=$(awk '$1 == "deb" || $1 == "deb-src" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\//) { if ($i !~ /security/) { print $i; exit } break } }' \
            /etc/apt/sources.list)
    fi
    echo "$uri"
}

# Downloads (once) the source package's files into $cache/source and prints
# the upstream tarball's path.
fetch_source() {
    local source=$cache/source/$PACKAGE
    local tarball
    tarball=$(ls "$source"/${PACKAGE}_${VERSION}.orig.tar.* 2>/dev/null | head -1 || true)
    if [ -n "$tarball" ]; then echo "$tarball"; return; fi
    local mirror keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    mirror=$(debian_mirror)
    [ -n "$mirror" ] || fail "no Debian archive in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list; add one, or build a CPython yourself and use PYTHON=<its python3.13t>"
    [ -f "$keyring" ] || fail "no $keyring to check the source package with; install debian-archive-keyring"
    # Not local: the EXIT trap below reads it after this function returns.
    state=$(mktemp -d "${TMPDIR:-/tmp}/pyvs-apt-XXXXXX")
    # This runs in $(...), which resets traps: the subshell's own EXIT removes
    # the private apt state however it ends.
    trap 'rm -rf "$state"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$state/download"
    echo "deb-src [signed-by=$keyring] $mirror $SUITE main" > "$state/sources.list"
    local apt=(apt-get -q -o "Dir::Etc::sourcelist=$state/sources.list" -o Dir::Etc::sourceparts=/dev/null
        -o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state/cache")
    # As root apt downloads as _apt, which cannot write to a private mktemp folder.
    [ "$(id -u)" = 0 ] && apt+=(-o APT::Sandbox::User=root)
    say "fetching the source package $PACKAGE ($SUITE) from $mirror"
    if ! "${apt[@]}" update >"$state/log" 2>&1 \
        || ! (cd "$state/download" && "${apt[@]}" source --download-only "$PACKAGE" >>"$state/log" 2>&1); then
        local why
        why=$(grep -m1 -E '^(E|Err|W):' "$state/log" | cut -c1-140)
        fail "cannot get the source package $PACKAGE ($SUITE) from $mirror${why:+ ($why)}; with access to that archive run make pythons again, or build a shared CPython yourself and use make build PYTHON=<its python>"
    fi
    tarball=$(ls "$state"/download/${PACKAGE}_${VERSION}.orig.tar.* 2>/dev/null | head -1 || true)
    if [ -z "$tarball" ]; then
        fail "the archive's $PACKAGE is not CPython $VERSION (got: $(ls "$state/download" | tr '\n' ' ')); this script builds $VERSION"
    fi
    mkdir -p "$source"
    mv "$state"/download/* "$source"/
    ls "$source"/${PACKAGE}_${VERSION}.orig.tar.* | head -1
}

# Configure, compile and install one CPython; installed with DESTDIR into a
# staging folder and moved into place only when every step passed.
build_cpython() {
    local kind=$1 prefix  # work is global: the EXIT trap reads it
    prefix=$(prefix_of "$kind")
    if [ -x "$(executable_of "$kind")" ]; then say "CPython $(name_of "$kind") is there: $prefix"; return; fi
    local tarball
    tarball=$(fetch_source)
    mkdir -p "$pythons"
    work=$(mktemp -d "$pythons/.building-XXXXXX")
    trap 'rm -rf "$work"' EXIT
    local flags=(--prefix="$prefix" --enable-shared "LDFLAGS=-Wl,-rpath,$prefix/lib")
    [ "$kind" = free-threaded ] && flags+=(--disable-gil)
    [ "$OPTIMIZED" = 1 ] && flags+=(--enable-optimizations --with-lto)
    say "building CPython $(name_of "$kind") ($kind): ./configure ${flags[*]} (log: $work/log while it runs)"
    local started=$SECONDS
    tar -xf "$tarball" -C "$work"
    local tree
    tree=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'Python-*' | head -1)
    if ! (cd "$tree" && ./configure "${flags[@]}" && make -j"$(nproc)" && make install DESTDIR="$work/stage") >"$work/log" 2>&1; then
        tail -15 "$work/log" >&2
        fail "building CPython $(name_of "$kind") failed (the lines above are the end of its log); nothing was installed"
    fi
    mkdir -p "$(dirname "$prefix")"
    mv "$work/stage$prefix" "$prefix"
    rm -rf "$work"
    trap - EXIT
    say "CPython $(name_of "$kind") built in $((SECONDS - started)) s: $prefix"
}

# PEP 734's interpreters for 3.13 (concurrent.interpreters arrives in 3.14):
# the pure-Python backport, from PyPI, into the build's own site-packages.
# Optional: without it the cpu-bound subinterpreters row says it is missing.
add_interpreters() {
    local python
    python=$(executable_of "$1")
    "$python" -c 'import interpreters_backport.interpreters' 2>/dev/null && return 0
    if "$python" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps interpreters-pep-734 >/dev/null 2>&1; then
        say "installed interpreters-pep-734 into CPython $(name_of "$1")"
    else
        say "could not install interpreters-pep-734 into CPython $(name_of "$1") (no access to PyPI?); its subinterpreters row will be skipped"
    fi
}

need_tools
for kind in "${kinds[@]}"; do build_cpython "$kind"; add_interpreters "$kind"; done
# pyvs against each (an up-to-date build compiles nothing).
for kind in "${kinds[@]}"; do
    say "building pyvs ($CONFIG) against CPython $(name_of "$kind")"
    target=build; [ "$CONFIG" = release ] && target=release
    make --no-print-directory -C "$checkout" "$target" PYTHON="$(executable_of "$kind")" BUILD_NAME="$(name_of "$kind")" >/dev/null
done
say "ready: pyvs run cpu-bound$(for kind in "${kinds[@]}"; do printf -- ' --python %s' "$(name_of "$kind")"; done) (pyvs list --pythons lists every build)"
