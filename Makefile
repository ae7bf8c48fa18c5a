# The two commands a new user needs: `make run` and `make test` (see README.md).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
RUN_STAMP := $(VENV)/.installed

.PHONY: run test check bench lint typecheck clean messages

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# `make run` installs only what running needs; `make test` adds the dev tools (Playwright,
# schemathesis, mypy…), which a person who only runs supple never downloads.
$(RUN_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e .
	touch $(RUN_STAMP)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP) $(RUN_STAMP)

# The web app at http://127.0.0.1:8000, opened in the browser; the terminal flow is
# `supple welcome` / `supple start`.
run: $(RUN_STAMP)
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
