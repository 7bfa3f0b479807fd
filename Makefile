# report-convert: `make all` builds every format of every seed into dist/, `make test` runs the tests.
# Both create the virtual environment (.venv) and install the package first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# A second environment with every dependency at the lowest version pyproject.toml allows.
LOWEST := .venv-lowest
LOWEST_STAMP := $(LOWEST)/.installed
SEEDS  := $(wildcard seeds/*.txt)
DIST   := dist
JOBS   ?= 2

# One build time for every output, so two builds of the same sources are byte-identical.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 315532800)
export SOURCE_DATE_EPOCH

.PHONY: all release test test-lowest regen clean distclean venv json docx pdf epub html xliff bench outline a11y-tools

VERSION = $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)

all: $(STAMP)
	rm -rf $(DIST)
	$(BIN)/report-convert $(SEEDS) --all -o $(DIST) -j $(JOBS)
	$(BIN)/python -m convert.release sums $(DIST)
	@ls -l $(DIST)

# The release: every artifact, checked by the real validators, in one reproducible archive.
release: all
	$(BIN)/python .ci/check_dist.py $(DIST)
	$(BIN)/python -m convert.release pack $(DIST) report-convert-$(VERSION).tar.gz

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "report-convert needs Python 3.11 or newer (set PYTHON=...)")'
	@$(PYTHON) -m venv $(VENV) || { echo "could not create $(VENV): on Debian, install python3-venv (apt-get install python3-venv)"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# One format for every seed: make docx, make pdf, ...
json docx pdf epub html xliff: $(STAMP)
	$(BIN)/report-convert $(SEEDS) --$@ -o $(DIST) -j $(JOBS)

outline: $(STAMP)
	@for seed in $(SEEDS); do $(BIN)/report-convert outline $$seed; done

# The accessibility checkers the tests run (Ace by DAISY, axe-core), pinned by tools/a11y's
# lock file; they drive the system Chromium. Without npm the tests that need them skip.
A11Y_STAMP := tools/a11y/node_modules/.installed

a11y-tools: $(A11Y_STAMP)

$(A11Y_STAMP): tools/a11y/package.json tools/a11y/package-lock.json
	cd tools/a11y && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $(A11Y_STAMP)

test: $(STAMP)
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory a11y-tools; \
	  else echo "npm not found: the accessibility checks (Ace, axe-core) will be skipped"; fi
	$(BIN)/python -m pytest -q

# The test suite once more, with each dependency (and test tool) pinned to its floor in
# pyproject.toml (.ci/floors.py writes the constraints; what they pull in comes at its newest):
# a floor that names a missing release or a version that breaks fails here.
test-lowest: $(LOWEST_STAMP)
	$(LOWEST)/bin/python -m pytest -q

$(LOWEST_STAMP): pyproject.toml .ci/floors.py
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "report-convert needs Python 3.11 or newer (set PYTHON=...)")'
	rm -rf $(LOWEST)
	@$(PYTHON) -m venv $(LOWEST) || { echo "could not create $(LOWEST): on Debian, install python3-venv (apt-get install python3-venv)"; exit 1; }
	$(LOWEST)/bin/python -m pip install --quiet --upgrade pip
	$(PYTHON) .ci/floors.py test > $(LOWEST)/constraints.txt
	$(LOWEST)/bin/python -m pip install --quiet -c $(LOWEST)/constraints.txt -e '.[test]'
	@touch $@

# Rewrite every golden file from the current code, then show what changed.
regen: $(STAMP)
	REGEN=1 $(BIN)/python -m pytest -q -p no:randomly || true
	git --no-pager diff --stat -- tests/golden tests/fixtures
	git --no-pager status --short -- tests/golden tests/fixtures

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(DIST) build *.egg-info .pytest_cache report-convert-*.tar.gz
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) $(LOWEST) .hypothesis
