# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed
HOST ?= 127.0.0.1
PORT ?= 8000
BACKUP_DIR ?= backups

.PHONY: run worker test setup lint bench serve clean-db backup restore load

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_areas
	$(PY) manage.py load_demo
	@echo "Mở http://$(HOST):$(PORT)/ và đăng nhập bằng một tài khoản ở trên."
	@# The task worker runs long jobs (imports, large documents) beside the web server; it is
	@# started again whenever it dies (a database outage), and stopped with the server (Ctrl-C).
	scripts/keep_running.sh $(PY) manage.py worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The task worker alone (another terminal, another machine): `manage.py worker` runs the
# backend TASKS_BACKEND names (database: db_worker; rq: rqworker with django-tasks-rq's job
# class, Redis at REDIS_URL), warmed up first like a web worker. docs/deploy.md §5.
worker: $(STAMP)
	$(PY) manage.py worker

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check .

bench: $(STAMP)
	$(PY) -m bench

serve: $(STAMP)
	$(PY) manage.py collectstatic --noinput
	$(VENV)/bin/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers 3

clean-db:
	rm -f db.sqlite3

# Data safety (docs/backup.md): one archive of the database and MEDIA_ROOT under backups/.
backup: $(STAMP)
	scripts/backup.sh $(BACKUP_DIR)

restore: $(STAMP)
	@test -n "$(FILE)" || { echo "Cách dùng: make restore FILE=backups/giamngheo-….tar"; exit 2; }
	scripts/restore.sh "$(FILE)"

# Load test on loopback (docs/load.md): throw-away PostgreSQL databases, gunicorn, locust;
# then the household list's throughput at 2 connections over 1,000,000 households.
load: $(STAMP)
	$(PY) -m pip install --quiet -r requirements-load.txt
	$(PY) -m bench.load $(LOAD_ARGS)
	$(PY) -m bench.load.throughput $(THROUGHPUT_ARGS)
