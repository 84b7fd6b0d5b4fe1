# Two entry points for a fresh machine: `make run` (the app on the demo study) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed

.PHONY: run test lint bench venv clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(PY) main.py --demo

lint: $(STAMP)
	$(VENV)/bin/ruff check sylcollect ui tests benchmarks tools main.py
	$(VENV)/bin/ruff format --check sylcollect ui tests benchmarks tools main.py
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

NODE_DEPS = tests/core/forms/expr/differential/node_modules/.installed

# Enketo's evaluator (npm) for the differential tests of the expression language.
$(NODE_DEPS): tests/core/forms/expr/differential/package.json
	sh tests/core/forms/expr/differential/install.sh
	touch $(NODE_DEPS)

test: $(STAMP) $(NODE_DEPS) lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider
	$(PY) benchmarks/run.py --quick

bench: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info

.PHONY: translations dist

# Interface translations: pyside6-lupdate over ui/ and main.py into
# resources/translations/sylcollect_<lang>.ts (English source, Welsh to fill in), then
# pyside6-lrelease into the .qm files the app loads for the system's language.
translations: $(STAMP)
	$(PY) -m ui.i18n

# The one-folder desktop app, built by PyInstaller for the system it runs on:
# "$(DIST)/SYL Collect/" (see pyinstaller.spec and the README). PyInstaller is installed into
# the venv on first use (the `dist` extra).
DIST       ?= dist
DIST_WORK  ?= build/pyinstaller
PYINSTALLER = $(VENV)/bin/pyinstaller

$(PYINSTALLER): | $(STAMP)
	$(PY) -m pip install --quiet -e '.[dist]'

dist: $(PYINSTALLER)
	$(PYINSTALLER) --noconfirm --log-level WARN --distpath '$(DIST)' --workpath '$(DIST_WORK)' pyinstaller.spec
	@echo "built: $(DIST)/SYL Collect/"

# Screenshots of the main screens into docs/screenshots/ (a fresh demo workspace, under Xvfb).
.PHONY: screenshots
screenshots: $(STAMP)
	@command -v xvfb-run >/dev/null 2>&1 || { echo "xvfb-run is missing: sudo apt-get install xvfb (Debian/Ubuntu)"; exit 1; }
	xvfb-run -a -s "-screen 0 1600x1200x24" $(PY) tools/screenshots.py
