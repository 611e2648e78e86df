#!/usr/bin/env bash
# make install / make uninstall.
#
#   tools/install.sh install BINARY MANUAL_TOOL   (PREFIX, DESTDIR from the environment)
#   tools/install.sh uninstall
#
# Installs, under $DESTDIR$PREFIX:
#   bin/pyvs                                the release binary
#   share/pyvs/{python,claims,schemas,runtimes}
#                                           what the binary reads (it finds
#                                           them at BIN/../share/pyvs)
#   share/man/man1/pyvs.1, pyvs-CMD.1       a page per command, generated
#                                           from the command definitions
#   share/bash-completion/completions/pyvs, share/zsh/site-functions/_pyvs,
#   share/fish/vendor_completions.d/pyvs.fish
# and a manifest, share/pyvs/installed-files: every file installed and every
# folder the install created. Uninstall removes exactly those (and the
# bytecode caches Python wrote into pyvs's own python folder), then the
# created folders that are empty. Installing over an install removes the
# old one first.
set -euo pipefail
cd "$(dirname "$0")/.."

PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
root=$DESTDIR$PREFIX
manifest_rel=share/pyvs/installed-files
manifest=$root/$manifest_rel

die() { echo "pyvs: $*" >&2; exit 1; }

uninstall() {
    [ -f "$manifest" ] || die "nothing to uninstall: no $manifest (was pyvs installed with PREFIX=$PREFIX${DESTDIR:+ DESTDIR=$DESTDIR}?)"
    local entry path folders=()
    while IFS= read -r entry; do
        case "$entry" in
            file:*) path=$root/${entry#file:}; rm -f "$path" ;;
            folder:.) folders+=("$root") ;;
            folder:*) folders+=("$root/${entry#folder:}") ;;
        esac
    done < "$manifest"
    # Python writes __pycache__ beside the modules pyvs imports.
    [ -d "$root/share/pyvs/python" ] && find "$root/share/pyvs/python" -depth -type d -name __pycache__ -exec rm -rf {} +
    rm -f "$manifest"
    # Deepest first: a created folder goes when it is empty.
    local index
    for ((index = ${#folders[@]} - 1; index >= 0; index--)); do
        rmdir "${folders[index]}" 2>/dev/null || true
    done
    echo "pyvs: uninstalled from $root"
}

install_all() {
    local binary=$1 tool=$2
    [ -x "$binary" ] || die "no pyvs binary at $binary (make release builds it)"
    [ -x "$tool" ] || die "no generate-manual at $tool (make install builds it)"
    [ -f "$manifest" ] && uninstall >/dev/null

    stage=$(mktemp -d)
    trap 'rm -rf "$stage"' EXIT

    # Man pages: swift-argument-parser's generate-manual reads the binary's
    # command definitions (--experimental-dump-help), one page per command.
    mkdir -p "$stage/gen" "$stage/man"
    "$tool" "$binary" --multi-page --output-directory "$stage/gen" >/dev/null
    local page name
    for page in "$stage"/gen/*.1; do
        name=$(basename "$page" .1)
        [ "$name" = pyvs.help ] && continue
        # pyvs.run -> pyvs-run (as `man pyvs-run` finds it), in the title
        # and the cross-references; no page for `help`; mdoc takes no empty lines.
        sed -e 's/^\.Dt PYVS\.\([A-Z]*\)/.Dt PYVS-\1/' -e 's/^\.Xr pyvs\.\([a-z]*\)/.Xr pyvs-\1/' \
            -e '/^\.Xr pyvs-help /d' -e 's/^$/.Pp/' "$page" > "$stage/man/${name//./-}.1"
    done
    mkdir -p "$stage/completions"
    "$binary" --generate-completion-script bash > "$stage/completions/pyvs"
    "$binary" --generate-completion-script zsh > "$stage/completions/_pyvs"
    "$binary" --generate-completion-script fish > "$stage/completions/pyvs.fish"

    # What goes where: source, then destination relative to the prefix.
    local -a pairs=("$binary" bin/pyvs)
    local file
    while IFS= read -r file; do pairs+=("$file" "share/pyvs/$file"); done < <(
        find python -name '*.py' -not -path '*/__pycache__/*' | sort
        find claims schemas -name '*.json' | sort
        find runtimes -type f \( -name '*.go' -o -name '*.js' -o -name '*.java' -o -name '*.cpp' -o -name '*.rs' -o -name Cargo.toml \) -not -path '*/target/*' | sort)
    for page in "$stage"/man/*.1; do pairs+=("$page" "share/man/man1/$(basename "$page")"); done
    pairs+=("$stage/completions/pyvs" share/bash-completion/completions/pyvs
            "$stage/completions/_pyvs" share/zsh/site-functions/_pyvs
            "$stage/completions/pyvs.fish" share/fish/vendor_completions.d/pyvs.fish)

    local -a entries=()
    make_folder() {
        # Creates a folder and its missing parents, recording each one created.
        local folder=$1
        [ -d "$root/$folder" ] && return 0
        [ "$folder" != . ] && make_folder "$(dirname "$folder")"
        mkdir "$root/$folder"
        entries+=("folder:$folder")
    }
    if [ ! -d "$root" ]; then mkdir -p "$root"; entries+=("folder:."); fi
    local index destination mode
    for ((index = 0; index < ${#pairs[@]}; index += 2)); do
        destination=${pairs[index + 1]}
        make_folder "$(dirname "$destination")"
        mode=644; [ "$destination" = bin/pyvs ] && mode=755
        install -m "$mode" "${pairs[index]}" "$root/$destination"
        entries+=("file:$destination")
    done
    printf '%s\n' "${entries[@]}" > "$manifest"
    echo "pyvs: installed in $root ($(grep -c '^file:' "$manifest") files; make uninstall PREFIX=$PREFIX${DESTDIR:+ DESTDIR=$DESTDIR} removes them)"
}

case "${1:-}" in
    install) install_all "${2:?binary}" "${3:?generate-manual}" ;;
    uninstall) uninstall ;;
    *) die "usage: tools/install.sh install BINARY MANUAL_TOOL | uninstall" ;;
esac
