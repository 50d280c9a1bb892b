# Two commands set everything up: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: demo test install lint bench-seed run

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py compile_translations
	$(PY) manage.py seed_demo
	$(PY) manage.py demo_logins
	DJANGO_DEBUG=false $(PY) manage.py run_embedded --addr 127.0.0.1:8000 --insecure

run: $(STAMP)
	DJANGO_DEBUG=false $(PY) manage.py run_embedded --addr 127.0.0.1:8000 --insecure

test: $(STAMP)
	$(PY) manage.py compile_translations -v0
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -n auto --dist loadgroup

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
