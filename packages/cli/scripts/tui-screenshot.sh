#!/usr/bin/env bash
# Screen captures of the terminal UI for the README: runs the built CLI in tmux against the sample archive, walks
# root -> 000463 -> sub-ADPTM01 -> NWB -> pose chart, then kumar2025 pose file -> tree, and writes docs/tui-*.txt and the same screens as docs/tui-*.svg images. Run from packages/cli after a build: `bash scripts/tui-screenshot.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(cd ../.. && pwd)
sock="ember-tui-shot-$$"
out=$(mktemp)
t() { tmux -L "$sock" "$@"; }
trap 't kill-server 2>/dev/null || true; rm -f "$out"' EXIT

t new-session -d -s sa -x 80 -y 5 "node '$root/packages/sample-archive/dist/bin.js' --port 0 > '$out'"
for _ in $(seq 100); do [ -s "$out" ] && break; sleep 0.2; done
s3=$(head -1 "$out" | node -e 'process.stdin.on("data", d => console.log(JSON.parse(d).s3))')
api=$(head -1 "$out" | node -e 'process.stdin.on("data", d => console.log(JSON.parse(d).api))')

t new-session -d -s tui -x 100 -y 28 -e "EMBER_API_URL=$api" -e "EMBER_S3_ENDPOINT=$s3" "node '$root/packages/cli/bin/ember-archive.js'; sleep 60"

# wait_for TEXT: poll the screen until it shows TEXT (20 s at most).
wait_for() {
  for _ in $(seq 200); do t capture-pane -p -t tui | grep -qF -- "$1" && return 0; sleep 0.1; done
  echo "tui-screenshot: the screen never showed '$1'" >&2; t capture-pane -p -t tui >&2; exit 1
}
keys() { t send-keys -t tui "$@"; sleep 0.3; }
capture() {
  t capture-pane -p -t tui | sed -e 's/[[:space:]]*$//' -e 's/127\.0\.0\.1:[0-9]*/127.0.0.1:PORT/g' > "docs/tui-$1.txt"
  node scripts/text-to-svg.mjs "docs/tui-$1.txt" "docs/tui-$1.svg"
}

wait_for '000463/'
wait_for 'entries'
keys Down; wait_for '› ▸ 000463/'
capture browse
keys Enter; wait_for '› ▸ sub-ADPTM01/'
keys Enter; wait_for '.nwb'
keys p; wait_for 'x (px'; wait_for 'y (px'
sleep 0.5; capture pose
keys Escape; wait_for '.nwb'
keys BSpace; wait_for '› ▸ sub-ADPTM01/'
keys BSpace; wait_for 'kumar2025/'
keys Up; keys Enter; wait_for 'pose_files/'
keys Down; keys Enter; wait_for '_pose_est_v'
keys Enter; wait_for 'poseest/'
keys Enter; wait_for 'points ('
keys Down; keys Down; wait_for 'First values'
sleep 0.5; capture file
keys q
echo "tui-screenshot: wrote $(ls docs/tui-* | tr '\n' ' ')"
