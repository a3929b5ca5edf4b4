# Two commands on a fresh clone:  `make demo`  and  `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: demo test install install-dev lint format messages clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-dev: $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'

## Run the site with demo content on the embedded default (SQLite).
demo: install
	$(BIN)/python manage.py migrate --noinput
	HOST=$(HOST) $(BIN)/python manage.py seed_demo
	@# The background worker (WordPress imports from the admin) runs beside the server and stops with it.
	$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST)

## Run the whole test suite (PostgreSQL on 127.0.0.1:5432, or $$DATABASE_URL), in
## TEST_WORKERS parallel processes (pytest-xdist; each has its own test database and Redis db).
TEST_WORKERS ?= 2
test: install-dev
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install-dev
	$(BIN)/python manage.py makemessages -l id --ignore=.venv --ignore=tests --ignore=bench --no-obsolete
	$(BIN)/python manage.py compilemessages -l id --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 media
