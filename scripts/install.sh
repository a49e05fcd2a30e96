#!/usr/bin/env bash
# Install everything communique needs on a fresh Debian machine with Python 3.11:
# the project in .venv, and (with --system) the Debian packages its tests use.
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

want_system=0
for arg in "$@"; do [ "$arg" = "--system" ] && want_system=1; done

if [ "$want_system" = 1 ]; then
  # Chromium for browser tests, a CJK font so Japanese renders, PostgreSQL for the
  # second database, and the Pango stack WeasyPrint draws PDFs with.
  pkgs=(chromium fonts-noto-cjk poppler-utils postgresql postgresql-contrib libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
  missing=()
  for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v -i warning || true
.venv/bin/python -m pip install -q -e ".[test]" 2>&1 | grep -v -i warning || true
