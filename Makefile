# Two commands matter: `make run` (the whole system locally) and `make test` (lint, types, tests).
VENV   ?= .venv
PYTHON ?= python3
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup system-deps web-deps run test lint typecheck unit contract bench package clean
STAGE  ?= dev

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip<26.3"  # chalice 1.34 packages with pip and asks for < 26.3
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# The web app has no build step; npm brings the verifier's runtime files (jsQR, and cborg's ES modules).
WEB_STAMP := web/node_modules/.installed
web-deps: $(WEB_STAMP)

$(WEB_STAMP): web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund --loglevel=error
	touch $(WEB_STAMP)

# poppler-utils and zbar-tools: the tests read rendered PDFs back with pdftotext, pdfsig, zbarimg.
system-deps:
	scripts/install-system-deps.sh

run: setup web-deps
	$(PY) -m local.stack

# The import rules between the rooms of chalicelib and the harness (pyproject.toml, decision 58).
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: setup
	$(VENV)/bin/mypy

unit: setup
	$(VENV)/bin/pytest tests/unit

# The HTTP contract by Schemathesis against the live local stack (part of `make test` with 25
# examples per operation); here it searches harder.
contract: setup
	SCHEMATHESIS_EXAMPLES=$${SCHEMATHESIS_EXAMPLES:-200} $(VENV)/bin/pytest tests/integration/test_schemathesis.py -s

test: system-deps lint typecheck web-deps
	cd web && node --test test/
	$(VENV)/bin/pytest

bench: setup
	$(PY) -m bench.aws_calls
	$(PY) -m bench.cold_import
	$(PY) -m bench.render
	$(PY) -m bench.verify
	$(PY) -m bench.journey
	$(PY) -m bench.onboard
	$(PY) -m bench.phone

# CloudFormation for a stage, without AWS credentials: chalice package + infra/ merge + cfn-lint.
package: setup
	PATH="$(abspath $(VENV))/bin:$$PATH" PYTHON="$(abspath $(PY))" STAGE=$(STAGE) infra/package.sh

clean:
	rm -rf $(VENV) .local build .pytest_cache .mypy_cache .ruff_cache .import_linter_cache .grimp_cache
