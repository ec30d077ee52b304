# Sourced by the scripts: the project's tools on PATH, Trunk offline. scripts/bin first: its
# wasm-bindgen splits the reader app's wasm before the real one runs (docs/wasm-split.md).
KIOSQUE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$KIOSQUE_ROOT/scripts/bin:$KIOSQUE_ROOT/.tools/bin:$KIOSQUE_ROOT/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true
