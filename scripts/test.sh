#!/usr/bin/env bash
# The whole test suite, as CI runs it: install, lint, pytest on SQLite, then the database
# tests (tracker, web app, exports) again on a throwaway PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --system
.venv/bin/ruff check src tests bench
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"

# PostgreSQL pass: the tests that touch the database, against a server started for this run.
db_tests=()
for d in tests/tracker tests/web tests/exports; do
  [ -d "$d" ] && db_tests+=("$d")
done
echo "== database tests on PostgreSQL: ${db_tests[*]}"
DATABASE_URL=$(bash scripts/postgres.sh start)
export DATABASE_URL
trap 'bash scripts/postgres.sh stop "$DATABASE_URL"' EXIT
.venv/bin/python -m pytest -q -p no:cacheprovider -m "not browser" "${db_tests[@]}"
