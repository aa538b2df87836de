# Two commands do all set-up on a fresh machine (see README.md):
#   make serve   build the graph from seeds/ and serve it on http://127.0.0.1:8000
#   make test    install everything the tests need, then run them
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: serve test install system-deps bench clean

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/kg

serve: $(BIN)/kg
	$(BIN)/kg build
	$(BIN)/kg serve

system-deps:
	scripts/install-system-deps

test: $(BIN)/kg system-deps
	$(BIN)/pytest

bench: $(BIN)/kg
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_endpoint.py

clean:
	rm -rf var .pytest_cache build *.egg-info
