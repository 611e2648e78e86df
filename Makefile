# pyvs: `make run` builds and runs the main job; `make test` runs the tests.
#
# By default pyvs embeds the system CPython found by pkg-config as
# `python3-embed` (Debian: python3-dev). To embed another CPython, name its
# executable: `make run PYTHON=$(pyenv prefix 3.12.1)/bin/python3.12`. That
# build gets its own folder (.build-py3.12; a free-threaded 3.13 gets
# .build-py3.13t, or .build-py$(BUILD_NAME)) and an rpath to its library.
# Every pyvs built this way is a build `pyvs run --python NAME` can use.

PYTHON ?=
ARGS ?=
ROUNDS ?= 20
SWIFT ?= swift

ifneq ($(strip $(PYTHON)),)
PY_LIBDIR := $(shell $(PYTHON) -c 'import sysconfig; print(sysconfig.get_config_var("LIBDIR"))')
# LDVERSION carries the free-threaded build's "t" (VERSION is 3.13 for both).
BUILD_NAME ?= $(shell $(PYTHON) -c 'import sysconfig; print(sysconfig.get_config_var("LDVERSION"))')
export PKG_CONFIG_PATH := $(PY_LIBDIR)/pkgconfig
SCRATCH := .build-py$(BUILD_NAME)
BUILD_FLAGS := --scratch-path $(SCRATCH) -Xlinker -rpath -Xlinker $(PY_LIBDIR)
else
SCRATCH := .build
BUILD_FLAGS :=
endif

RELEASE_BIN := $(SCRATCH)/release/pyvs

.PHONY: all deps build release run run-gil pythons toolchains test test-deps soak matrix kernels snippets-speed install uninstall clean

all: release

# What pyvs builds against, found by pkg-config: CPython (python3-dev) and
# the CommonMark parser (libcmark-gfm-dev, with its table extension from
# libcmark-gfm-extensions-dev, which has no .pc file); venv for `snippets --install`
# (python3-venv); bubblewrap, the sandbox `snippets` runs blocks in. Install
# the missing ones (as root, with apt-get), otherwise say exactly what to run.
deps:
	@if [ -n "$(strip $(PYTHON))" ] && ! pkg-config --exists python3-embed 2>/dev/null; then \
	  echo "pyvs: pkg-config finds no python3-embed in $(PY_LIBDIR)/pkgconfig for PYTHON=$(PYTHON); that CPython must be built with --enable-shared" >&2; exit 1; \
	fi; \
	missing=""; \
	command -v pkg-config >/dev/null 2>&1 || missing="pkg-config"; \
	pkg-config --exists python3-embed 2>/dev/null || missing="$$missing python3-dev"; \
	pkg-config --exists libcmark-gfm 2>/dev/null || missing="$$missing libcmark-gfm-dev"; \
	[ -f /usr/include/cmark-gfm-core-extensions.h ] || missing="$$missing libcmark-gfm-extensions-dev"; \
	if [ -z "$(strip $(PYTHON))" ] && [ -x /usr/bin/python3 ] && ! /usr/bin/python3 -c 'import ensurepip' 2>/dev/null; then missing="$$missing python3-venv"; fi; \
	command -v bwrap >/dev/null 2>&1 || missing="$$missing bubblewrap"; \
	if [ -n "$$missing" ]; then \
	  case "$$missing" in *pkg-config*) ;; *) missing="$$missing pkg-config";; esac; \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "pyvs: installing$$missing (apt-get)"; \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing || exit 1; \
	  else \
	    echo "pyvs: needs$$missing; run: sudo apt-get update && sudo apt-get install -y$$missing" >&2; exit 1; \
	  fi; \
	fi
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "pyvs: no Swift toolchain ($(SWIFT)) on PATH; install Swift 6.x from swift.org" >&2; exit 1; }

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

release: deps
	$(SWIFT) build -c release $(BUILD_FLAGS)

# The main job: the cpu-bound scenario on the embedded CPython, at defaults.
run: release
	$(RELEASE_BIN) run cpu-bound $(ARGS)

# The GIL study (with PYTHON= a 3.12+ CPython, subinterpreters too).
run-gil: release
	$(RELEASE_BIN) gil $(ARGS)

# CPython 3.13.5 from Debian's source package, the GIL build and the
# free-threaded one, into ~/.cache/pyvs/pythons, and pyvs against each
# (WHICH=gil|free-threaded|both, OPTIMIZED=1 for PGO+LTO, CONFIG=debug).
WHICH ?= both
OPTIMIZED ?= 0
CONFIG ?= release
pythons:
	WHICH=$(WHICH) OPTIMIZED=$(OPTIMIZED) CONFIG=$(CONFIG) tools/pythons.sh

# The other runtimes the documents compare (Go, Java, C and C++, Rust with
# the tokio crate, Node), from Debian's packages: pyvs names what is missing
# (`pyvs list --runtimes`); each package is installed on its own (as root,
# with apt-get), so one that cannot be leaves the others, otherwise the
# exact command is printed. Then the runtimes as pyvs finds them.
toolchains: build
	@missing="$$($(SCRATCH)/debug/pyvs list --missing-packages)"; \
	if [ -z "$$missing" ]; then echo "pyvs: every runtime is here"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "pyvs: installing $$missing (apt-get)"; apt-get update >/dev/null; \
	  for package in $$missing; do \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y $$package >/dev/null || echo "pyvs: $$package could not be installed; the other runtimes still run" >&2; \
	  done; \
	else echo "pyvs: the runtimes need $$missing; run: sudo apt-get update && sudo apt-get install -y $$missing" >&2; fi
	@$(SCRATCH)/debug/pyvs list --runtimes

# The tests check real outputs with real consumers: Python's jsonschema
# (the JSON schemas), junitparser (JUnit XML) and pyperf (pyperf files);
# pytest runs the Python side's own tests (python/tests). A sandboxed block
# reads its own memory with psutil, as tutorials do: Debian's python3-psutil,
# for the system Python the blocks run on.
TEST_PACKAGES := jsonschema junitparser pyperf pytest
test-deps:
	@python3 -c 'import jsonschema, junitparser, pyperf, pytest' 2>/dev/null || { \
	  echo "pyvs: installing $(TEST_PACKAGES) for the tests (pip)"; \
	  python3 -m pip install --quiet $(TEST_PACKAGES) || { echo "pyvs: the tests need $(TEST_PACKAGES); run: python3 -m pip install $(TEST_PACKAGES)" >&2; exit 1; }; }
	@if [ -z "$(strip $(PYTHON))" ] && [ -x /usr/bin/python3 ] && ! /usr/bin/python3 -c 'import psutil' 2>/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "pyvs: installing python3-psutil for the tests (apt-get)"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y python3-psutil || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-psutil; } || exit 1; \
	  else echo "pyvs: the tests need python3-psutil; run: sudo apt-get install -y python3-psutil" >&2; exit 1; fi; \
	fi

# Builds the debug binary the end-to-end tests run (and generate-manual,
# for the install test); then the Python side's tests, then Swift's.
test: build test-deps
	python3 -m pytest -q -p no:cacheprovider python/tests
	$(SWIFT) build $(BUILD_FLAGS) --product generate-manual
	PYVS_BIN=$(abspath $(SCRATCH))/debug/pyvs PYVS_MANUAL_TOOL=$(abspath $(SCRATCH))/debug/generate-manual $(SWIFT) test $(BUILD_FLAGS)

# pyvs against every CPython here that it can embed, the same scenarios with
# each, and one comparison (SCENARIOS=..., RUN_ARGS=..., OUT=...).
matrix:
	tools/matrix.sh

# The release binary, its Python programs, claims and schemas (in
# PREFIX/share/pyvs), a man page per command and bash, zsh and fish
# completions, under DESTDIR PREFIX; `make uninstall` removes exactly what
# the install recorded. The man pages come from swift-argument-parser's
# generate-manual, built here from the package's own dependency.
PREFIX ?= /usr/local
DESTDIR ?=
MANUAL_TOOL := $(SCRATCH)/release/generate-manual
install: release
	$(SWIFT) build -c release $(BUILD_FLAGS) --product generate-manual
	PREFIX=$(PREFIX) DESTDIR=$(DESTDIR) tools/install.sh install $(RELEASE_BIN) $(MANUAL_TOOL)

uninstall:
	PREFIX=$(PREFIX) DESTDIR=$(DESTDIR) tools/install.sh uninstall

# Not part of `make test` (it times things): each native kernel, in the
# release build, grows with n as the Python one does (no folded loops),
# judged round by round over KERNEL_ROUNDS interleaved rounds.
KERNEL_ROUNDS ?= 5
kernels: release
	tools/kernels.sh $(RELEASE_BIN) $(KERNEL_ROUNDS)

# Blocks/s of `pyvs snippets` (sandboxed and not) beside a fresh python3 -c per block.
snippets-speed: release
	tools/snippets-speed.sh $(RELEASE_BIN)

# Not part of `make test`: pyvs run all --quick and the hostile fixture 20
# times each, printing what might grow (processes, files, memory).
soak: release
	tools/soak.sh $(RELEASE_BIN) $(ROUNDS)

clean:
	rm -rf .build .build-py*
