#!/usr/bin/env bash
# The HTML report in a real browser: Debian's chromium, headless. Skipped (exit 77, CTest's
# SKIP_RETURN_CODE) when no chromium is installed: the lab never needs one.
#
#   tests/browser_check.sh TOKENLAB SOURCE_DIR WORK_DIR
#
# 1. A screenshot of the leases example's page: a PNG of the window's size, and not blank
#    (much larger than the screenshot of an empty page of the same size).
# 2. The page after its JavaScript ran (--dump-dom), with step 13 picked by the address
#    (#r1-step-13): one bar per life, and the token tree of that step shown alone, with the
#    child token alive under its parent; with step 24, the same tree shows them revoked.
set -euo pipefail
tokenlab=$1 source_dir=$2 work=$3

browser=""
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null 2>&1; then browser=$(command -v "$b"); break; fi
done
if [ -z "$browser" ]; then
  echo "SKIP: no chromium on this machine (apt-get install chromium to run this test)"
  exit 77
fi

fail() { echo "FAIL: $*" >&2; exit 1; }

rm -rf "$work" && mkdir -p "$work/profile"
page=$work/leases.html
(cd "$source_dir" && "$tokenlab" run scenarios/leases/parent-revocation-kills-aws-leases.vlab \
  --format html --output "$page")
printf '<!DOCTYPE html><html><head><meta charset="utf-8"/><title>blank</title></head><body></body></html>\n' \
  >"$work/blank.html"

# Headless chromium as root needs --no-sandbox; its own profile keeps it from the user's.
chrome() {
  timeout 90 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --no-first-run --user-data-dir="$work/profile" "$@" 2>>"$work/chromium.log"
}

width=1100 height=1400
chrome --window-size=$width,$height --screenshot="$work/leases.png" "file://$page" >/dev/null
chrome --window-size=$width,$height --screenshot="$work/blank.png" "file://$work/blank.html" >/dev/null
[ -s "$work/leases.png" ] || fail "no screenshot (see $work/chromium.log)"

# The PNG's signature and its IHDR: width and height, big-endian, at bytes 16 and 20.
signature=$(od -An -tx1 -N8 "$work/leases.png" | tr -d ' \n')
[ "$signature" = 89504e470d0a1a0a ] || fail "the screenshot is not a PNG ($signature)"
be32() { od -An -tu1 -j"$2" -N4 "$1" | awk '{ print ($1 * 16777216) + ($2 * 65536) + ($3 * 256) + $4 }'; }
w=$(be32 "$work/leases.png" 16) h=$(be32 "$work/leases.png" 20)
[ "$w" -eq $width ] && [ "$h" -eq $height ] || fail "the screenshot is ${w}x$h, not ${width}x$height"
size=$(stat -c %s "$work/leases.png") blank=$(stat -c %s "$work/blank.png")
[ "$size" -gt $((blank * 10)) ] || fail "the screenshot ($size bytes) looks blank (an empty page: $blank bytes)"
echo "screenshot: ${w}x$h, $size bytes (an empty page: $blank bytes)"

# The page once its script ran: bars, and the tree of the picked step alone.
dom() { chrome --virtual-time-budget=3000 --dump-dom "file://$page#r1-step-$1" >"$work/dom-$1.html"; }
dom 13
dom 24
bars=$(grep -o 'class="life' "$work/dom-13.html" | wc -l)
[ "$bars" -eq 6 ] || fail "$bars bars, not one per life (6)"
grep -q '<html lang="en" class="js">' "$work/dom-13.html" || fail "the script did not run"
for step in 13 24; do
  shown=$(grep -c 'class="tree-group shown"' "$work/dom-$step.html" || true)
  [ "$shown" -eq 1 ] || fail "step $step: $shown trees shown, not 1"
  grep 'class="tree-group shown"' "$work/dom-$step.html" >"$work/tree-$step.html"
  grep -q "data-steps=\"[0-9 ]*\b$step\b" "$work/tree-$step.html" || fail "step $step: the tree shown is another step's"
done
grep -q '<li class="token alive" title="[^"]*">token child <span class="state">alive</span>' \
  "$work/tree-13.html" || fail "step 13: the child token is not alive in the tree"
grep -q '<li class="token ended" title="[^"]*">token child <span class="state">revoked (parent revoked) at t+30m</span>' \
  "$work/tree-24.html" || fail "step 24: the child token is not revoked with its parent"
echo "dom: $bars bars; the trees of steps 13 and 24 shown as picked"
