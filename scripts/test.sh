#!/usr/bin/env bash
# The whole test suite, as CI runs it: install, lint, then pytest on SQLite
# (and on PostgreSQL for the database tests, once the tracker exists).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --system
.venv/bin/ruff check src tests bench
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
