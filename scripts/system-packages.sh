#!/usr/bin/env bash
# Debian packages that the tests and benchmarks run as peers: the reference HDF5 library (h5py), real S3 clients
# (awscli, rclone), fsspec, tmux (which drives the terminal UI in its end-to-end test) and chromium (core's browser
# end-to-end test of HDF5 in a Web Worker). Installed when missing and we are root; otherwise the tests that need them
# say so.
set -u
need=()
/usr/bin/python3 -c 'import h5py, numpy' 2>/dev/null || need+=(python3-h5py python3-numpy)
/usr/bin/python3 -c 'import fsspec, aiohttp' 2>/dev/null || need+=(python3-fsspec python3-aiohttp python3-requests)
/usr/bin/python3 -c 'import yaml' 2>/dev/null || need+=(python3-yaml)
command -v aws >/dev/null || need+=(awscli)
command -v rclone >/dev/null || need+=(rclone)
command -v tmux >/dev/null || need+=(tmux)
command -v chromium >/dev/null || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "system-packages: missing ${need[*]} (not root or no apt-get); tests that need them will fail with a clear message." >&2
  exit 0
fi
echo "system-packages: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
