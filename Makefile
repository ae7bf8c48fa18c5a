# The two commands a new user needs: `make run` and `make test` (see README.md).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: run test check bench lint typecheck clean messages

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

# The web app at http://127.0.0.1:8000, opened in the browser; the terminal flow is
# `supple welcome` / `supple start`.
run: $(STAMP)
	$(BIN)/supple serve

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

bench: $(STAMP)
	$(BIN)/python bench/run.py

# After marking or changing a user-facing string: refresh the English catalog (the build
# compiles it; a test fails while it is stale).
messages: $(STAMP)
	$(BIN)/python -m supple.wording.extract

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
