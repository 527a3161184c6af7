# Seam's two entry points: `make run` and `make test`. Both install any missing Debian package first.
PRESET   ?= default
BUILD    := build/$(PRESET)
SEAM     := $(BUILD)/bin/seam
JOBS     ?= $(shell nproc)

# Everything the build and the tests need, by Debian 12 package name.
PACKAGES := cmake ninja-build gcc g++ clang tcc pkg-config python3 \
            libtomlplusplus-dev libspdlog-dev libfmt-dev doctest-dev libcli11-dev \
            nlohmann-json3-dev libcurl4-openssl-dev libelf-dev libsqlite3-dev \
            abigail-tools binutils mingw-w64 wine wine64 cargo \
            python3-pytest libclang-rt-14-dev

# What `make bench` needs beyond PACKAGES (the startup benchmark's peer, GStreamer); `make test` and
# `make run` never install these.
BENCH_PACKAGES := libgstreamer1.0-dev gstreamer1.0-tools

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps configure build run test install abi-check bench fuzz format clean

all: build

# Installs only what is missing of the packages given, so a machine that has everything never
# touches apt.
install_missing = missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

deps:
	@$(call install_missing,$(PACKAGES))

configure: deps
	cmake --preset $(PRESET) >/dev/null

build: configure
	cmake --build --preset $(PRESET) -j $(JOBS)

# Builds only what it runs: the command, its scanner and the plugins for users (no tests).
run: configure
	cmake --build --preset $(PRESET) -j $(JOBS) --target seam-product
	@echo '$$ seam plugins list'
	@$(SEAM) plugins list
	@echo
	@echo '$$ seam run --model echo "Hello from Seam"'
	@$(SEAM) run --model echo "Hello from Seam"

test: build
	ctest --preset $(PRESET) -j $(JOBS)

# Installs into PREFIX (default /usr/local): bin/seam, the loader, headers, the CMake and pkg-config
# packages and the bundled plugins. The installed tree can be moved.
PREFIX ?= /usr/local
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# The ABI proof alone (it is also part of `make test`).
abi-check: build
	ctest --preset $(PRESET) -L abi --output-on-failure

# Benchmarks: measured on demand, never part of `make test`, on an optimized build of their own
# (BENCH_PRESET, Release by default: plugins ship optimized). The startup one runs at each of the
# BENCH_N plugin counts in turn (beside GStreamer, and how each cost grew from one to the next);
# the HTTP one streams 10,000 tokens from a loopback server through the plugin and plain libcurl.
BENCH_N ?= 1000,10000
BENCH_PRESET ?= release
bench: deps
	@$(call install_missing,$(BENCH_PACKAGES))
	cmake --preset $(BENCH_PRESET) >/dev/null
	SEAM_BENCH_N=$(BENCH_N) cmake --build --preset $(BENCH_PRESET) -j $(JOBS) --target bench-startup
	cmake --build --preset $(BENCH_PRESET) -j $(JOBS) --target bench-http-stream
	cmake --build --preset $(BENCH_PRESET) -j $(JOBS) --target bench-registration
	cmake --build --preset $(BENCH_PRESET) -j $(JOBS) --target bench-concurrent-streams

# Fuzzing: each libFuzzer target in fuzz/ (clang, ASan + UBSan, the fuzz preset) runs for
# FUZZ_SECONDS from its seed corpus; what it finds is kept under build/fuzz/fuzz-work. The seed
# corpora also run as regression tests in `make test`.
FUZZ_SECONDS ?= 30
fuzz: deps
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j $(JOBS)
	fuzz/run.sh build/fuzz/fuzz build/fuzz/fuzz-work $(FUZZ_SECONDS)

format:
	git ls-files '*.c' '*.h' '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf build
