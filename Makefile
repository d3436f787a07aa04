# Two commands on a fresh machine:
#   make run    installs what serving needs, then serves the studio at http://127.0.0.1:3000
#   make test   installs what is missing, then runs every check and test, the browser tests included
SHELL := /bin/bash
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
# The test server uses its own database file, so tests never touch yours.
E2E_DB := sqlite://target/e2e.db
# Same flags as cargo-leptos's server build, so tests reuse its artefacts.
TEST_RUSTFLAGS := --cfg erase_components

TOOLS ?= $(HOME)/.cache/slipway-tools
EXPORT_DIR := $(CURDIR)/target/export

.PHONY: run test setup lint unit validate-export e2e sqlx-check fmt

run:
	@scripts/setup serve
	cargo leptos serve --split

test: setup lint unit validate-export e2e

setup:
	@scripts/setup

lint:
	cargo fmt --all -- --check
	scripts/sqlx-prepare --check
	RUSTFLAGS="$(TEST_RUSTFLAGS)" cargo clippy -p app -p server -p design -p export --features app/ssr,design/file --all-targets -- -D warnings
	cargo clippy -p app -p frontend -p design --features app/hydrate --target wasm32-unknown-unknown -- -D warnings

# The API tests run twice, on SQLite and on a throwaway PostgreSQL server,
# with the replica tests (two server processes on one database).
unit:
	RUSTFLAGS="$(TEST_RUSTFLAGS)" cargo test -p design -p export -p app -p server --features app/ssr,design/file
	RUSTFLAGS="$(TEST_RUSTFLAGS)" scripts/with-postgres cargo test -p design -p export -p app -p server --features app/ssr,design/file --test api --test replicas -- --include-ignored

# Exports every preset, a sample of generated designs and designs full of
# YAML metacharacters, then checks them with external tools (see the script).
validate-export:
	rm -rf $(EXPORT_DIR)
	EXPORT_DIR=$(EXPORT_DIR) RUSTFLAGS="$(TEST_RUSTFLAGS)" cargo test -p export --test presets --test structure --test choices
	RUSTFLAGS="$(TEST_RUSTFLAGS)" cargo build -p export --example rego
	SLIPWAY_REGO=$(CURDIR)/target/debug/examples/rego SLIPWAY_TOOLS=$(TOOLS) $(TOOLS)/validate/bin/python scripts/validate-export.py \
	  --checkov fintech-eks,startup-gke,regulated-kubeadm,enterprise-aks,options-eks,options-gke,deploy $(EXPORT_DIR)/* $(CURDIR)/deploy

e2e:
	rm -f target/e2e.db target/e2e.db-wal target/e2e.db-shm
	SLIPWAY_DATABASE_URL=$(E2E_DB) cargo leptos end-to-end --split

fmt:
	cargo fmt --all
