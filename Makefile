# Chợ Phiên — the two commands are `make run` and `make test`; the rest are helpers.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
FLASK  := $(PY) -m flask --app wsgi
# The layering contracts in pyproject.toml ([tool.importlinter]); ARCHITECTURE.md section 2.
LINT_IMPORTS := $(VENV)/bin/lint-imports --no-logo --cache-dir .cache/import-linter
HOST   ?= 127.0.0.1
PORT   ?= 5000
PO     := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO     := $(PO:.po=.mo)
# axe-core for the accessibility tests (tests/browser/test_axe_forms.py), from the npm registry.
AXE_CORE_VERSION ?= 4.10.3
AXE_JS := .cache/npm/node_modules/axe-core/axe.min.js

.PHONY: run test lint translations translations-update db-upgrade seed clean

# make run [HOST=...] [PORT=...] [STRIPE_DEMO_PORT=...] [PUBLIC_BASE_URL=...] [DEMO_PHOTOS=0]
# (scripts/serve-demo says what each does; the README's configuration section lists them all).
run: $(VENV)/.deps-run $(MO)
	$(FLASK) db upgrade
	PY=$(PY) HOST=$(HOST) PORT=$(PORT) STRIPE_DEMO_PORT=$(STRIPE_DEMO_PORT) \
		PUBLIC_BASE_URL=$(PUBLIC_BASE_URL) DEMO_PHOTOS=$(DEMO_PHOTOS) scripts/serve-demo

test: $(VENV)/.deps-dev $(MO) $(AXE_JS)
	$(PY) -m ruff check .
	$(LINT_IMPORTS)
	$(PY) -m pytest --db=sqlite $(PYTEST_ARGS)
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== the same suite on PostgreSQL =="; \
		$(PY) -m pytest --db=postgres $(PYTEST_ARGS); \
	else \
		echo "TEST_DATABASE_URL is not set: PostgreSQL run skipped (.ci/run sets it)."; \
	fi

lint: $(VENV)/.deps-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(LINT_IMPORTS)

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.deps-run: requirements.txt requirements-demo.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-demo.txt
	@touch $@

$(VENV)/.deps-dev: requirements.txt requirements-demo.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.deps-run

translations: $(MO)

# Without npm (or the registry) the axe tests skip and say why; the rest of the suite still runs.
$(AXE_JS):
	-npm install --no-save --no-audit --no-fund --prefix .cache/npm axe-core@$(AXE_CORE_VERSION)

%.mo: %.po | $(VENV)/.deps-run
	$(VENV)/bin/pybabel compile -i $< -o $@

# After adding or changing user-facing strings: extract, merge, then translate the vi catalogue.
translations-update: $(VENV)/.deps-run
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l --ignore-dirs ".* __pycache__" -o translations/messages.pot \
		--no-location --sort-output --project "Cho Phien" .
	$(VENV)/bin/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching \
		--width 100 --ignore-obsolete

db-upgrade: $(VENV)/.deps-run
	$(FLASK) db upgrade

seed: $(VENV)/.deps-run
	$(FLASK) seed-demo

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .cache/npm $(MO)
