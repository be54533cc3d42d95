# Quick start: `make` builds the fact sheets from input/ into output/; `make test` runs the tests.
# Both install the Debian packages they need (cmark-gfm) when they are missing.

SWIFT ?= swift
APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
BIN := .build/release/factsheet

.PHONY: all build deps test check clean

all: build

deps:
	@if ! dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
	  echo "make: installing $(APT_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES); \
	fi

$(BIN): deps $(shell find Sources -name '*.swift' -o -name '*.h' -o -name '*.modulemap') Package.swift
	$(SWIFT) build -c release --product factsheet

build: $(BIN)
	$(BIN) build --input input --templates Templates --output output

check: $(BIN)
	$(BIN) check --input input --templates Templates

test: deps
	$(SWIFT) test --disable-xctest
	$(SWIFT) build --product factsheet
	Tests/cli/run.sh .build/debug/factsheet

clean:
	rm -rf .build
