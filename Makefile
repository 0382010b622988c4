# The two commands a newcomer needs: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck bench docs clean compiled

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/claimledger demo

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n 2

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

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
