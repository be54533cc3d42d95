# Quick start: `make` builds the fact sheets from input/ into output/; `make test` runs the tests.
# Both install the Debian packages they need (cmark-gfm, ICU, jemalloc, zlib, libxml2) when they are missing.

SWIFT ?= swift
# No libcurl: the preview's server is built on FlyingSocks alone, which does not import
# FoundationNetworking (a fresh clone's build compiles no FlyingFox object, and no object of ours
# asks the linker for FoundationNetworking or curl).
APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libicu-dev libjemalloc-dev zlib1g-dev libxml2-dev
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
BIN := .build/release/factsheet
# Release builds carry the Swift runtime and Foundation inside the executable: it starts sooner
# and runs about 3 % faster than against the shared libraries, and needs no Swift installed to run.
RELEASE := -c release --static-swift-stdlib

.PHONY: all build pdf deps pdf-deps pdf-validators schema-validators test check clean fuzz fuzz-builds bench preview

all: build

deps:
	@if ! dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
	  echo "make: installing $(APT_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	fi

# factsheet-preview is the server behind `factsheet preview`, an executable of its own so that
# `factsheet build` never loads it (see Package.swift); it is built beside factsheet.
$(BIN): deps $(shell find Sources -name '*.swift' -o -name '*.h' -o -name '*.modulemap') Package.swift
	$(SWIFT) build $(RELEASE) --product factsheet
	$(SWIFT) build $(RELEASE) --product factsheet-preview

build: $(BIN)
	$(BIN) build --input input --templates Templates --output output

# The sheets as HTML and as archive PDFs (PDF/A-2u and PDF/UA-1), with an edition.pdf per
# language (needs Chromium, qpdf and the sRGB ICC profile of icc-profiles-free).
PDF_PACKAGES := chromium qpdf fonts-dejavu-core icc-profiles-free
pdf-deps:
	@if ! command -v chromium >/dev/null || ! command -v qpdf >/dev/null || ! dpkg -s fonts-dejavu-core icc-profiles-free >/dev/null 2>&1; then \
	  echo "make: installing $(PDF_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(PDF_PACKAGES); \
	fi

# The PDF checkers of Tests/pdf/check.sh, from PyPI: pikepdf (qpdf's library) under
# Tests/pdf/archive.py, and outloud, a PDF/UA-1 checker (Matterhorn Protocol).
PDF_VALIDATORS := pikepdf==10.18.0 outloud==0.2.1
pdf-validators:
	@if ! python3 -c 'import pikepdf' 2>/dev/null || ! outloud --version 2>/dev/null | grep -q ' 0.2.1'; then \
	  echo "make: installing $(PDF_VALIDATORS) (PyPI) for the PDF/A and PDF/UA checks"; \
	  python3 -m pip install -q $(PDF_VALIDATORS) >/dev/null; \
	fi

# The Table Schema checker of Tests/schemas/check.sh, from PyPI: frictionless validates the
# shipped files against the schemas the build publishes in output/data/schemas/.
SCHEMA_VALIDATORS := frictionless==5.21.0
schema-validators:
	@if ! frictionless --version 2>/dev/null | grep -qx '5.21.0'; then \
	  echo "make: installing $(SCHEMA_VALIDATORS) (PyPI) for the Table Schema checks"; \
	  python3 -m pip install -q $(SCHEMA_VALIDATORS) >/dev/null; \
	fi

pdf: $(BIN) pdf-deps
	$(BIN) build --pdf --input input --templates Templates --output output

check: $(BIN)
	$(BIN) check --input input --templates Templates

# Serves the site from memory on http://127.0.0.1:8017/ and rebuilds it on every save (Ctrl-C stops).
preview: $(BIN)
	$(BIN) preview --input input --templates Templates

test: deps pdf-deps pdf-validators schema-validators
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift
	@# The core does no I/O: it may use FactsheetSupport's locks, never its files, processes or console.
	@if grep -rnE 'FileSystem\.|ChildProcess|Interruption\.|Console\.|FileManager|FileHandle|ProcessInfo\.processInfo\.environment|Date\(\)' Sources/FactsheetInput Sources/FactsheetFigures Sources/FactsheetPresentation Sources/FactsheetSite; then \
	  echo "make: the core modules (FactsheetInput, FactsheetFigures, FactsheetPresentation, FactsheetSite) must do no I/O and read no clock or environment (above)"; exit 1; fi
	@# Every module imports only what Package.swift says it depends on: the stages' one direction
	@# holds for third-party modules too (an undeclared import would otherwise compile).
	$(SWIFT) test --disable-xctest --explicit-target-dependency-import-check error
	$(SWIFT) build --product factsheet
	$(SWIFT) build --product factsheet-preview
	Tests/cli/run.sh .build/debug/factsheet
	Tests/cli/output-current.sh .build/debug/factsheet
	Tests/cli/faults.sh .build/debug/factsheet
	Tests/cli/new-language.sh .build/debug/factsheet
	Tests/cli/preview.sh .build/debug/factsheet
	Tests/cli/preview-load.py .build/debug/factsheet
	Tests/docs/commands.sh .build/debug/factsheet
	Tests/site/check.sh .build/debug/factsheet
	Tests/site/browser.sh .build/debug/factsheet
	PDF_VALIDATORS="$(PDF_VALIDATORS)" Tests/pdf/check.sh .build/debug/factsheet
	Tests/xlsx/check.sh .build/debug/factsheet
	Tests/schemas/check.sh .build/debug/factsheet
	@python3 -c 'import websocket' 2>/dev/null || { echo "make: installing websocket-client (PyPI) for the browser test"; python3 -m pip install -q websocket-client >/dev/null 2>&1; }
	Tests/cli/preview-browser.py .build/debug/factsheet

clean:
	rm -rf .build

# Coverage-guided fuzzing of the CSV, workbook and YAML loading, the logo sanitiser, the Markdown escaping and whole builds of
# random editions with libFuzzer. FUZZ_SECONDS=600 make fuzz runs longer; crashes are written to
# .fuzz/ as crash-* files. Leak detection is off: the Swift runtime keeps caches for the life of
# the process, which LeakSanitizer took for possible leaks and rescanned the heap after nearly
# every run (8 runs a second instead of hundreds); ASAN_OPTIONS turns off the check at exit too,
# which reported the CFError objects Foundation's XMLParser leaks on every XML error (in
# Foundation, not ours; malformed logos make many) and wrote an empty input as a crash.
FUZZ_SECONDS ?= 120
fuzz: deps
	FACTSHEET_FUZZ=1 $(SWIFT) build --scratch-path .build-fuzz --product FactsheetFuzz -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
	mkdir -p .fuzz/corpus
	./scripts/fuzz-seeds.sh .fuzz/corpus
	cd .fuzz && ASAN_OPTIONS=detect_leaks=0 ../.build-fuzz/debug/FactsheetFuzz -max_total_time=$(FUZZ_SECONDS) -timeout=10 -detect_leaks=0 -print_final_stats=1 corpus

# Whole builds of random editions (RandomEdition, from the fuzzer's bytes) with the shipped
# templates: a third of a second a run with AddressSanitizer, so apart from `make fuzz`.
fuzz-builds: deps
	FACTSHEET_FUZZ=1 $(SWIFT) build --scratch-path .build-fuzz --product FactsheetFuzz -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
	mkdir -p .fuzz/builds
	printf 'seed-of-a-whole-build' > .fuzz/builds/seed
	cd .fuzz && ASAN_OPTIONS=detect_leaks=0 FACTSHEET_FUZZ_BUILDS=1 ../.build-fuzz/debug/FactsheetFuzz -max_total_time=$(FUZZ_SECONDS) -timeout=30 -detect_leaks=0 -print_final_stats=1 builds

# Speed and scale, measured side by side (not part of `make test`): synthetic editions of
# BENCH_SIZES municipalities, the cmark-gfm tool and Hugo on the same Markdown.
BENCH_SIZES ?= 1000,10000
bench: deps
	@command -v cmark-gfm >/dev/null && command -v hugo >/dev/null || { \
	  echo "make: installing cmark-gfm and hugo for the comparison"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq cmark-gfm hugo >/dev/null; }
	$(SWIFT) build $(RELEASE) --product factsheet
	$(SWIFT) build $(RELEASE) --product factsheet-preview
	$(SWIFT) build $(RELEASE) --product factsheet-bench
	.build/release/factsheet-bench --sizes $(BENCH_SIZES) --repo .
	scripts/preview-latency.py .build/release/factsheet .
