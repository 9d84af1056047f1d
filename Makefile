# The two commands of the README are `make run` and `make test`; both install what is missing.
SHELL := /bin/bash
CARGO ?= cargo
HAS_APP := $(wildcard src-tauri/Cargo.toml)

.PHONY: run test test-rust test-ui test-e2e lint eval bench deps-core deps-app deps-test ui

run:
ifeq ($(HAS_APP),)
	@scripts/ensure-deps.sh core
	$(CARGO) build --release -p counterpoint-cli
	./target/release/counterpoint sources list
	./target/release/counterpoint fetch
else
	@scripts/ensure-deps.sh app
	$(MAKE) ui
	$(CARGO) run --release -p counterpoint-app
endif

ui:
ifneq ($(wildcard ui/package.json),)
	cd ui && npm run build
endif

# Every test of the project: Rust (unit, integration, end to end), the UI's, and the desktop
# app in a real window under Xvfb when the app exists.
test:
	@scripts/ensure-deps.sh test
	$(MAKE) ui
	$(MAKE) test-rust
	$(MAKE) test-ui

test-rust:
ifeq ($(HAS_APP),)
	$(CARGO) test --workspace --locked
else
	xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- env NO_AT_BRIDGE=1 COUNTERPOINT_E2E=1 $(CARGO) test --workspace --locked
endif

test-ui:
ifneq ($(wildcard ui/package.json),)
	cd ui && npm test
endif

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
ifneq ($(wildcard ui/package.json),)
	cd ui && npx tsc --noEmit
endif

# The tagger's figures on the labeled development set, beside a naive baseline.
eval:
	@scripts/ensure-deps.sh core
	$(CARGO) run --release --locked -p counterpoint-core --example eval

bench:
	@scripts/ensure-deps.sh core bench
	scripts/bench.sh
