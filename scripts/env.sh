# Sourced by the scripts: the project's tools on PATH, Trunk offline.
KIOSQUE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$KIOSQUE_ROOT/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true
