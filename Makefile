# The two commands of the README: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint setup clean

$(STAMP): pyproject.toml
	# The dashboard's browser tests drive Debian's headless Chromium (tests/web/test_browser.py).
	command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		(apt-get update -qq && apt-get install -y -qq chromium chromium-driver)
	# The Spark engine's tests run PySpark in local mode, which needs a Java runtime (17+).
	command -v java >/dev/null || \
		(apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	touch $(STAMP)

setup: $(STAMP)

# Set up, ingest the bundled examples into eventwire.duckdb, and show what came out.
demo: $(STAMP)
	$(BIN)/eventwire ingest examples/ --db eventwire.duckdb
	$(BIN)/eventwire events --db eventwire.duckdb --modality all

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

# Set up and run every check CI runs: lint, types, and the whole test suite (slow tests too).
test: lint
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) eventwire.duckdb .pytest_cache .mypy_cache .ruff_cache
