# The two commands: `make run` (the demo) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
FAKE_STRIPE_PORT ?= 12111
# The demo's fake Stripe keeps its payments here, beside the demo database.
export FAKE_STRIPE_STATE ?= .fake-stripe.json
STAMP := $(VENV)/.installed

export DJANGO_SETTINGS_MODULE ?= cms.settings.dev
# The demo's links (canonical URLs, emails) point at wherever `make run` serves it.
export SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run install migrate seed serve test lint format check audit bench profile soak totp frontend clean

run: install migrate seed serve

install: $(STAMP)

# Reinstall only when the pins change, so a second `make run` serves within seconds.
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

seed: install
	$(PY) manage.py seed_demo

# The demo pays through the project's fake Stripe unless real keys are given (sk_live/sk_test
# from the Stripe Dashboard and STRIPE_API_BASE left empty): see the README.
serve: install
	@echo ""
	@echo "  The demo is at http://$(HOST):$(PORT)/  (staff: http://$(HOST):$(PORT)/admin/)"
	@echo "  Demo logins are printed above by seed_demo. Pay with card 4242 4242 4242 4242."
	@echo ""
	@if [ -z "$${STRIPE_SECRET_KEY:-}" ]; then \
	    $(PY) -m bookings.payments.fake_stripe --host 127.0.0.1 --port $(FAKE_STRIPE_PORT) \
	        --state-file $(FAKE_STRIPE_STATE) --webhook-url http://$(HOST):$(PORT)/payments/stripe/webhook/ & \
	    trap "kill $$! 2>/dev/null" EXIT; \
	    export STRIPE_API_BASE=$${STRIPE_API_BASE:-http://127.0.0.1:$(FAKE_STRIPE_PORT)}; \
	fi; \
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: install
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py check
	# An empty in-memory database: a stale local one must not fail (or pass) the check.
	DATABASE_URL=sqlite://:memory: DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run

# One test process per core (pytest-xdist); TEST_PROCESSES=0 runs them in this one.
# pytest exits 5 when it collected no tests: that is a failure here, not a pass.
TEST_PROCESSES ?= auto
test: install lint check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) -m pytest -n $(TEST_PROCESSES) --cov \
	    --cov-report=term:skip-covered --durations=30; \
	status=$$?; if [ $$status -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; exit $$status

# Known vulnerabilities in the locked dependencies (pip-audit). Needs the vulnerability
# service on the network; without it, it fails and says so (scripts/audit.py).
audit: install
	$(PY) scripts/audit.py

bench: install
	$(PY) bench/run.py

# Where the time goes on the pages and PDFs `make bench` measures (pyinstrument, as text).
profile: install
	$(PY) bench/profile.py

# Minutes of mixed traffic, then the database's invariants: not part of `make bench`, which
# measures speed. Shorter: make soak SOAK_SECONDS=60 SOAK_CLIENTS=6
soak: install
	$(PY) bench/soak.py

# Rebuilds static/nhsuk/ (NHS.UK frontend's CSS and JS, only what the templates use) from
# frontend/ with Node and npm. The result is committed: running and testing the site need neither.
frontend:
	cd frontend && npm ci --no-audit --no-fund && PYTHON=$(PYTHON) node build.mjs

# Prints the current MFA code of a demo staff user: make totp EMAIL=admin@example.com
totp: install
	$(PY) manage.py demo_totp $(EMAIL)

clean:
	rm -rf $(VENV) frontend/node_modules staticfiles .test-media private-media .pytest_cache .coverage .fake-stripe.json
