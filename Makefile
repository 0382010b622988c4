# The two commands a newcomer needs: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUNTIME := $(VENV)/.runtime
# `make demo PORT=8001` when 8000 is taken (a busy port is refused with E066).
PORT ?= 8000

.PHONY: demo test check lint format typecheck imports bench docs clean compiled

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

# The demo needs only the runtime dependencies, not the dev toolchain.
$(RUNTIME): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $(RUNTIME)

demo: $(RUNTIME)
	$(BIN)/claimledger demo --port $(PORT)

# Everything: lint, format, types, the import contract, and every test, including the
# mypyc equivalence build, the browser tests and the slow ones.
test: $(STAMP) lint typecheck imports
	$(BIN)/python -m pytest -q -n 2

# The contributor's fast loop (under 3 minutes on 2 cores): the same static checks, and the
# tests that are not marked slow, browser or compiled.
check: $(STAMP) lint typecheck imports
	$(BIN)/python -m pytest -q -n 2 -m "not slow and not browser and not compiled"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks tools
	$(BIN)/ruff check --fix src tests benchmarks tools

# The layer rules of docs/architecture.md (contracts in pyproject.toml, [tool.importlinter]).
imports: $(STAMP)
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_web.py

# The extraction engine compiled with mypyc (setup.py), installed into build/compiled: use it
# with PYTHONPATH=build/compiled (see README, "Speed").
compiled: $(STAMP)
	rm -rf build/compiled build/lib.* build/temp.* build/bdist.*  # no stale modules of an earlier build
	CLAIMLEDGER_MYPYC=1 $(BIN)/python -m pip install -q --no-deps --no-build-isolation --target build/compiled .

docs: $(STAMP)
	$(BIN)/python -c 'from claimledger.cli import reference_markdown as r; print(r(), end="")' > docs/cli.md

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
