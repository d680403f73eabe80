#!/usr/bin/env bash
# Creates (or reuses) the Python venv with the chdb engine that the telemetry tests run against,
# and rotel (an OpenTelemetry collector with a ClickHouse exporter) that writes real rows into it.
# Idempotent: what already imports is left alone. About 20 s and 900 MB on first run.
# Usage: tools/chdb_front/setup.sh [--without-rotel]
# The venv is $ATL_CHDB_VENV, or .venv-chdb at the repository root.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${ATL_CHDB_VENV:-$root/.venv-chdb}"
with_rotel=1
for arg in "$@"; do
  case "$arg" in
    --without-rotel) with_rotel=0 ;;
    *) echo "usage: $0 [--without-rotel]" >&2; exit 2 ;;
  esac
done

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi

if ! "$venv/bin/python" -c 'import chdb, lz4' 2>/dev/null; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'chdb==4.4.0' 'lz4==4.4.5'
fi

if [ "$with_rotel" = 1 ] && ! "$venv/bin/python" -c "import rotel" 2>/dev/null; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'rotel==0.0.1a15'
fi

"$venv/bin/python" -c 'import chdb; print("chdb venv ready:", chdb.engine_version)'
