# The two commands of the quick start: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench eval serve install clean lint

$(STAMP): pyproject.toml newsarchive/vietnamese/_speedups.c
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,browser,segment]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/newsarchive demo

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,eval]'
	NEWSARCHIVE_BENCH=1 $(BIN)/python -m pytest -q -s tests/benchmarks -p no:cacheprovider

eval: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,eval]'
	$(BIN)/newsarchive eval

serve: $(STAMP)
	$(BIN)/newsarchive serve

clean:
	rm -rf $(VENV) data/archive.db* data/warc
	rm -f newsarchive/vietnamese/_speedups.*.so
