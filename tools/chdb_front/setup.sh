#!/usr/bin/env bash
# Creates (or reuses) the Python venv with the chdb engine that the telemetry tests run against.
# Idempotent: a venv that already imports chdb and lz4 is left alone.
# Usage: tools/chdb_front/setup.sh [--with-rotel]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${ATL_CHDB_VENV:-$root/.venv-chdb}"
with_rotel=0
for arg in "$@"; do
  case "$arg" in
    --with-rotel) with_rotel=1 ;;
    *) echo "usage: $0 [--with-rotel]" >&2; exit 2 ;;
  esac
done

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi

if ! "$venv/bin/python" -c 'import chdb, lz4' 2>/dev/null; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'chdb>=4.4' 'lz4>=4'
fi

if [ "$with_rotel" = 1 ] && ! "$venv/bin/python" -c "import rotel" 2>/dev/null; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check --pre rotel
fi

"$venv/bin/python" -c 'import chdb; print("chdb venv ready:", chdb.engine_version)'
