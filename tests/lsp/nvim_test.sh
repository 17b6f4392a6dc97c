#!/usr/bin/env bash
# Neovim (Debian's, headless) as a real LSP client of `stacklint lsp`: see nvim_client.lua.
#   nvim_test.sh STACKLINT_BINARY SOURCE_DIR       (exit 77 when nvim is not installed)
set -euo pipefail
binary=$1
src=$2
command -v nvim >/dev/null || { echo "SKIP: nvim is not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/stacklint-nvim-XXXXXX")
trap 'rm -rf "$work"' EXIT
cp "$src/tests/lsp/media.yaml" "$work/media.yaml"
cp "$work/media.yaml" "$work/expected-on-disk.yaml"
export HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_STATE_HOME=$work/state
STACKLINT=$binary TEMPLATE=$work/media.yaml RESULT=$work/result.txt \
  timeout 120 nvim --headless --clean -n -c "luafile $src/tests/lsp/nvim_client.lua" >/dev/null 2>&1 || true
cat "$work/result.txt" 2>/dev/null || { echo "FAIL: nvim wrote no result"; exit 1; }
status=0
grep -qx 'diagnostics R001@6:6 R003@12:6 T024@10:25 T025@10:16' "$work/result.txt" ||
  { echo "FAIL: expected R001 at 6:6, R003 at 12:6, T024 at 10:25 and T025 at 10:16"; status=1; }
grep -qx 'definition 1:2' "$work/result.txt" || { echo "FAIL: definition of the Ref"; status=1; }
grep -qx 'after edit R003@15:6 T024@13:25 T025@13:16' "$work/result.txt" ||
  { echo "FAIL: R001 should be gone after the edit, the others three lines down"; status=1; }
cmp -s "$work/media.yaml" "$work/expected-on-disk.yaml" ||
  { echo "FAIL: the server or the test wrote the file"; status=1; }
exit $status
