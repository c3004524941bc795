# The README's two commands: `make run` (the dashboard) and `make test` (the whole suite).
# Both install whatever is missing first; nothing needs to be installed by hand.

PYTHON ?= python3
UV := $(PYTHON) -m uv
PORT ?= 8501
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy

.PHONY: setup chromium postgresql run test test-fast lint bench screenshots deck-pages validation clean

setup: .venv/.synced

.venv/.synced: pyproject.toml uv.lock
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv \
		|| $(PYTHON) -m pip install --quiet --break-system-packages uv
	$(UV) sync --frozen
	@touch $@

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for browser tests and image export…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The store's tests start a throwaway PostgreSQL server (bench/pg_server.py) from Debian's package.
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		echo "Installing Debian's postgresql for the store's tests…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }

run: setup
	@echo "inference-tco: open http://localhost:$(PORT) in your browser"
	$(UV) run python -m tco.ui.serve --server.port $(PORT) --server.address 0.0.0.0

test: setup chromium postgresql
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run mypy
	$(UV) run pytest --cov

test-fast: setup postgresql
	$(UV) run pytest -m "not e2e and not slow"

lint: setup
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run mypy

bench: setup chromium postgresql
	$(UV) run python -m bench

# Regenerated documentation (committed; tests never depend on these).
screenshots: setup chromium
	$(UV) run python scripts/screenshots.py

deck-pages: setup
	$(UV) run python scripts/render_deck.py --install

validation: setup
	$(UV) run python scripts/validation_report.py

clean:
	rm -rf .venv .pytest_cache .ruff_cache .hypothesis
