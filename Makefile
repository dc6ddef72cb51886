# Two commands a fresh machine needs (see README "Quick start"):
#   make run    sets up .venv and starts the app
#   make test   sets up .venv (and, as root on Debian, PostgreSQL and a Secret Service) and runs all tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
TS     := $(wildcard resources/i18n/*.ts)
QM     := $(TS:.ts=.qm)

.PHONY: run test bench screenshots build selftest-frozen lint clean translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# One stamp per install flavour, redone when pyproject.toml changes.
$(VENV)/.app-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.app-installed

# A new file renamed over the old one: a running Signaal keeps reading the catalogue it loaded.
resources/i18n/%.qm: resources/i18n/%.ts | $(VENV)/.app-installed
	$(BIN)/pyside6-lrelease -silent $< -qm $@.tmp && mv -f $@.tmp $@

translations: $(QM)

run: $(VENV)/.app-installed translations
	$(BIN)/signaal $(ARGS)

test: $(VENV)/.dev-installed translations
	scripts/test.sh $(ARGS)

bench: $(VENV)/.dev-installed translations
	$(BIN)/python -m tests.benchmarks $(ARGS)

screenshots: $(VENV)/.dev-installed translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m desktop.screenshots docs/screenshots

build: $(VENV)/.dev-installed translations
	scripts/build.sh

selftest-frozen:
	QT_QPA_PLATFORM=offscreen scripts/check-frozen.sh

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/lint-imports

clean:
	rm -rf build dist $(QM)
