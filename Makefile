# eltop: the two commands a new user types are `make demo` and `make test`. Both install what they
# need first (`make deps`): Debian packages when run as root or with sudo, and the dbt virtualenv.

SHELL := /bin/bash
APT_PACKAGES := libncursesw5-dev libcurl4-openssl-dev libpq-dev postgresql tmux pkg-config python3-venv bc prometheus
PIP_PACKAGES := "dbt-core<1.12" dbt-postgres openapi-core airbyte-api schemathesis
VENV := .venv
SWIFT_BUILD_FLAGS ?=
# The release binary carries the Swift runtime and Foundation inside it: it runs without a Swift
# toolchain installed, starts faster and keeps less resident (docs/benchmarks.md). It is linked by the
# toolchain's lld, not gold, for packed relative relocations (`-z pack-relative-relocs`: 2.5 MB of
# relocations become 40 kB, which the loader reads at every start) and without exporting
# eltop's own symbols (nothing looks them up; the dynamic symbol table shrinks from 20,000 to 600).
# Its functions are laid out in the order of bench/eltop.order (each function its own section, then
# lld's --symbol-ordering-file): the code a running dashboard uses together, hottest first, so that the
# kernel's 64 kB read-around keeps a few MiB of the 22 MiB of code resident instead of ~11
# (docs/benchmarks.md, "code laid out by use"; `make text-order` writes the file again).
# Every release build uses the same flags, since switching them rebuilds everything.
RELEASE_FLAGS ?= --static-swift-stdlib -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs -Xlinker --no-export-dynamic \
	-Xswiftc -Xfrontend -Xswiftc -function-sections -Xlinker --symbol-ordering-file=$(CURDIR)/bench/eltop.order -Xlinker --no-warn-symbol-ordering

.PHONY: deps apt-deps venv build release install test unit e2e demo bench text-order fuzz clean

deps: apt-deps venv

# Installs the Debian packages that are missing; without root or sudo, lists them and stops.
apt-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=sudo; else \
		echo "eltop needs these Debian/Ubuntu packages: $$missing"; \
		echo "install them with: sudo apt-get install -y $$missing"; exit 1; fi; \
	echo "installing: $$missing"; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null

venv: $(VENV)/.installed

$(VENV)/.installed: Makefile
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check $(PIP_PACKAGES)
	@touch $@

build: deps
	swift build $(SWIFT_BUILD_FLAGS)

# Unit and integration tests (real PostgreSQL, dbt and libcurl over loopback), then the tmux end-to-end checks.
test: deps
	swift build --build-tests $(SWIFT_BUILD_FLAGS)
	swift test --skip-build $(SWIFT_BUILD_FLAGS)
	ELTOP="$$(swift build --show-bin-path $(SWIFT_BUILD_FLAGS))/eltop" e2e/run.sh

unit: deps
	swift test $(SWIFT_BUILD_FLAGS)

e2e: build
	ELTOP="$$(swift build --show-bin-path $(SWIFT_BUILD_FLAGS))/eltop" e2e/run.sh

# The release build: what `make demo` runs and what a user installs (`cp .build/release/eltop ~/.local/bin`).
release: deps
	swift build -c release --product eltop $(RELEASE_FLAGS)

# The DVD-rental CDC pipeline on this machine (two local PostgreSQL clusters, generated data, the local
# Airbyte replicating the slot into raw, the bundled dbt project), with the dashboard on it; nothing to
# configure (docs/demo.md). DEMO_FLAGS passes flags through, e.g. `make demo DEMO_FLAGS="--traffic 5"`.
# `eltop demo --down` stops the clusters.
DEMO_FLAGS ?=
# The release binary into $(PREFIX)/bin and the demo's bundled dbt project into $(PREFIX)/share/eltop,
# where an installed `eltop demo` looks for it; shell completions and the man page beside them.
# Both come from the argument parser itself: `--generate-completion-script`, and swift-argument-parser's
# generate-manual plugin, which builds every product first. It runs in debug (what `make build` and
# `make test` already built, so incremental), not release: a release build of every product (the
# benchmarks too) would cost many minutes for the same page.
PREFIX ?= /usr/local
SHARE = $(DESTDIR)$(PREFIX)/share
MANUAL = .build/plugins/GenerateManual/outputs/eltop/eltop.1
install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(SHARE)/eltop $(SHARE)/bash-completion/completions $(SHARE)/zsh/site-functions \
		$(SHARE)/fish/vendor_completions.d $(SHARE)/man/man1
	install -m 755 .build/release/eltop $(DESTDIR)$(PREFIX)/bin/eltop
	rm -rf $(SHARE)/eltop/eltop_EltopDemo.resources
	cp -R .build/release/eltop_EltopDemo.resources $(SHARE)/eltop/
	.build/release/eltop --generate-completion-script bash > $(SHARE)/bash-completion/completions/eltop
	.build/release/eltop --generate-completion-script zsh > $(SHARE)/zsh/site-functions/_eltop
	.build/release/eltop --generate-completion-script fish > $(SHARE)/fish/vendor_completions.d/eltop.fish
	swift package plugin generate-manual --configuration debug
	install -m 644 $(MANUAL) $(SHARE)/man/man1/eltop.1

demo: release
	.build/release/eltop demo $(DEMO_FLAGS)

# Figures for docs/benchmarks.md, each beside its peer from the same run: in-process render/reducer and
# decoder figures (beside python's json.loads on the same bytes), the dbt manifest load beside python's
# json.load, keypress-to-frame beside a trivial program's, the real binary idle in tmux beside pg_activity
# and `watch psql`, the real binary at scale (50 slots, 100 connections, 1,000 tables, 5,000 models),
# pgoutput over the wire beside pg_recvlogical, seeking in a day's recording; then one table of every
# figure with its peer, the ratio and the target (bench/summary.sh). Every product is built in release.
bench: export BENCH_SUMMARY := $(abspath .build/bench-summary.tsv)
bench: deps .venv-bench
	swift build -c release $(RELEASE_FLAGS)
	: > $$BENCH_SUMMARY
	.build/release/eltop-bench
	bench/manifest.sh .build/release/eltop .build/release/eltop-bench 5
	bench/keypress.sh .build/release/eltop 200
	bench/terminal.sh .build/release/eltop 30
	bench/idle.sh .build/release/eltop 60
	bench/scale.sh .build/release/eltop .build/release/eltop-bench 60
	.build/release/eltop-replication-bench
	.build/release/eltop-recording-bench /tmp 24
	bench/summary.sh print

# Writes bench/eltop.order again from a release build: the functions the dashboard runs at scale, as
# valgrind's callgrind records them (needs Debian's valgrind; ~3 min). Then `make release` links by it.
text-order: deps
	swift build -c release $(RELEASE_FLAGS)
	bench/text-order.sh .build/release/eltop .build/release/eltop-bench

# pg_activity, for the idle comparison only: its own virtualenv, so it never touches the dbt one.
.venv-bench:
	python3 -m venv .venv-bench
	.venv-bench/bin/pip install -q --disable-pip-version-check pg_activity psycopg

# libFuzzer on the JSON scanner, the pgoutput decoder, the dbt artifact/log readers, the Airbyte / SQL API answers and the config loader, built straight from their sources with swiftc
# (libFuzzer brings its own main, so no SwiftPM product, no XCTest). FUZZ_SECONDS=30 per fuzzer by
# default; the corpora grow in Fuzz/corpus. The decoder's LSN imports EltopPostgres, which the fuzz build
# makes from LSNText.swift alone (no libpq); the dbt readers link EltopCore and EltopJSON built as modules
# (EltopCore's compile is the slow step, ~1–2 min).
FUZZ_SECONDS ?= 30
FUZZ_SWIFTC = swiftc -sanitize=fuzzer,address -parse-as-library -O
# The dbt readers fuzzed: the artifact and log readers and what they use, none of the process or file code.
FUZZ_DBT_FILES = DbtRunResults.swift DbtRunResultsScan.swift DbtTimestamp.swift DbtManifest.swift DbtManifestScan.swift DbtIdTable.swift DbtManifestSplit.swift DbtLogParser.swift
# The Airbyte and SQL API answers fuzzed: the wire types and their decoding entry points, no HTTP.
# Both are read with JSONScanner, so the fuzzer links the EltopJSON module the dbt readers' fuzzer builds.
FUZZ_API_FILES = $(addprefix Sources/EltopPollers/Airbyte/,AirbyteWire.swift AirbyteAnswerDecoding.swift AirbyteAnswerScan.swift AirbyteJobsScan.swift) \
	$(addprefix Sources/EltopSnowflake/,StatementResponse.swift StatementScan.swift StatementDecoding.swift SnowflakeResultSet.swift SnowflakeError.swift)
FUZZ_QUIET = 2>&1 | { grep -v "Cannot export local symbol" || true; }; test $${PIPESTATUS[0]} -eq 0
# The config loader is fuzzed over Yams built from SwiftPM's checkout of it: its C parser (CYaml) with the
# fuzzer's coverage but not its main (`fuzzer-no-link`), its Swift part as a module, EltopCore as above.
# It runs without leak detection: Foundation's `FileManager.contents(atPath:)` keeps the 4 KiB buffer it
# reads an empty file into (LeakSanitizer on the first empty input; docs/faults.md).
FUZZ_YAMS = .build/checkouts/Yams/Sources
FUZZ_CC = clang -fsanitize=fuzzer-no-link,address -O1 -DYAML_DECLARE_STATIC -I $(FUZZ_YAMS)/CYaml/include
fuzz:
	mkdir -p .build-fuzz/pgoutput .build-fuzz/dbt .build-fuzz/config Fuzz/corpus/json-scanner Fuzz/corpus/pgoutput Fuzz/corpus/dbt-artifacts Fuzz/corpus/api-answers Fuzz/corpus/config
	$(FUZZ_SWIFTC) -module-name FuzzJSON Sources/EltopJSON/*.swift Fuzz/JSONScannerFuzz.swift -o .build-fuzz/fuzz-json-scanner $(FUZZ_QUIET)
	$(FUZZ_SWIFTC) -module-name EltopPostgres -emit-module -emit-module-path .build-fuzz/pgoutput/EltopPostgres.swiftmodule \
		-c Sources/EltopPostgres/LSNText.swift -o .build-fuzz/pgoutput/LSNText.o $(FUZZ_QUIET)
	$(FUZZ_SWIFTC) -module-name FuzzPgOutput -I .build-fuzz/pgoutput Sources/EltopReplication/Decoder/*.swift \
		Sources/EltopReplication/Protocol/*.swift Fuzz/PgOutputFuzz.swift .build-fuzz/pgoutput/LSNText.o -o .build-fuzz/fuzz-pgoutput $(FUZZ_QUIET)
	$(FUZZ_SWIFTC) -wmo -module-name EltopCore -emit-module -emit-module-path .build-fuzz/dbt/EltopCore.swiftmodule \
		-c $$(find Sources/EltopCore -name '*.swift') -o .build-fuzz/dbt/EltopCore.o $(FUZZ_QUIET)
	$(FUZZ_SWIFTC) -wmo -module-name EltopJSON -emit-module -emit-module-path .build-fuzz/dbt/EltopJSON.swiftmodule \
		-c Sources/EltopJSON/*.swift -o .build-fuzz/dbt/EltopJSON.o $(FUZZ_QUIET)
	$(FUZZ_SWIFTC) -module-name FuzzDbt -I .build-fuzz/dbt $(addprefix Sources/EltopPollers/Dbt/,$(FUZZ_DBT_FILES)) \
		Fuzz/DbtArtifactsFuzz.swift .build-fuzz/dbt/EltopCore.o .build-fuzz/dbt/EltopJSON.o -o .build-fuzz/fuzz-dbt-artifacts $(FUZZ_QUIET)
	$(FUZZ_SWIFTC) -module-name FuzzAPIAnswers -I .build-fuzz/dbt $(FUZZ_API_FILES) Fuzz/APIAnswersFuzz.swift .build-fuzz/dbt/EltopJSON.o \
		-o .build-fuzz/fuzz-api-answers $(FUZZ_QUIET)
	swift package resolve
	for c in $(FUZZ_YAMS)/CYaml/src/*.c; do $(FUZZ_CC) -c $$c -o .build-fuzz/config/$$(basename $$c .c).o || exit 1; done
	$(FUZZ_SWIFTC) -wmo -module-name Yams -emit-module -emit-module-path .build-fuzz/config/Yams.swiftmodule -D SWIFT_PACKAGE \
		-I $(FUZZ_YAMS)/CYaml/include -Xcc -DYAML_DECLARE_STATIC -c $(FUZZ_YAMS)/Yams/*.swift -o .build-fuzz/config/Yams.o $(FUZZ_QUIET)
	$(FUZZ_SWIFTC) -module-name FuzzConfig -I .build-fuzz/dbt -I .build-fuzz/config -I $(FUZZ_YAMS)/CYaml/include Sources/EltopConfig/*.swift \
		Fuzz/ConfigLoaderFuzz.swift .build-fuzz/dbt/EltopCore.o .build-fuzz/config/*.o -o .build-fuzz/fuzz-config-loader $(FUZZ_QUIET)
	.build-fuzz/fuzz-json-scanner -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -artifact_prefix=.build-fuzz/ \
		Fuzz/corpus/json-scanner Tests/EltopJSONTests/FuzzRegressions
	.build-fuzz/fuzz-pgoutput -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -artifact_prefix=.build-fuzz/pgoutput- \
		Fuzz/corpus/pgoutput Tests/ReplicationTests/FuzzRegressions
	.build-fuzz/fuzz-dbt-artifacts -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -artifact_prefix=.build-fuzz/dbt- \
		Fuzz/corpus/dbt-artifacts
	.build-fuzz/fuzz-api-answers -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -artifact_prefix=.build-fuzz/api- \
		Fuzz/corpus/api-answers
	ASAN_OPTIONS=detect_leaks=0 .build-fuzz/fuzz-config-loader -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -artifact_prefix=.build-fuzz/config- -detect_leaks=0 \
		Fuzz/corpus/config

clean:
	rm -rf .build
