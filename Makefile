# The two commands a new user needs: `make run` and `make test`. Both create .venv and install on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Production is the default (DJANGO_DEBUG=false); the two commands run the development settings explicitly.
DEV := DJANGO_DEBUG=true

.PHONY: install run test test-schema lint format demo messages bench docs

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py load_demo
	$(DEV) $(BIN)/python manage.py create_demo_users

run: demo
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(DEV) $(BIN)/python -m pytest

# Schemathesis's coverage phase for the four roles (minutes each; CI runs it too, two roles at a time).
test-schema: install
	$(DEV) $(BIN)/python -m pytest -m schema_coverage tests/api/test_schema_coverage.py

# The README's screenshots (docs/*.png), taken again by the browser tests that walk those pages.
docs: install
	UPDATE_DOCS=1 $(DEV) $(BIN)/python -m pytest tests/browser/test_cooperation.py

# Benchmarks at 10,000 and 100,000 people on PostgreSQL (127.0.0.1); writes its tables into README.md.
bench: install
	cd bench && ../$(BIN)/python run.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# After changing a translatable string: update the French and Arabic catalogues, translate, then compile (the
# compiled .mo files are committed, so a fresh clone needs no gettext).
messages: install
	$(DEV) $(BIN)/python manage.py makemessages -l fr -l ar -l pt --ignore=.venv --ignore=tests --ignore=staticfiles
	$(DEV) $(BIN)/python manage.py compilemessages --ignore=.venv
