#!/usr/bin/env bash
# Regenerate crates/kiosque-extract/data/* from the pinned source packages.
# Idempotent and re-runnable: downloads go to a cache, outputs are deterministic.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CACHE="${KIOSQUE_GAZ_CACHE:-$HOME/.cache/kiosque-gazetteer}"
PY="${PYTHON:-python3}"

mkdir -p "$CACHE"
if [ ! -x "$CACHE/venv/bin/python" ]; then
  "$PY" -m venv "$CACHE/venv"
fi
"$CACHE/venv/bin/python" -m pip install -q --disable-pip-version-check -r "$HERE/requirements.txt"
"$CACHE/venv/bin/python" "$HERE/fetch_sources.py" --cache "$CACHE" "$@"
"$CACHE/venv/bin/python" "$HERE/generate.py" --cache "$CACHE" --out "$ROOT/crates/kiosque-extract/data"
