"""The peer side of the remote-HDF5 benchmark: h5py over fsspec's HTTP file system (or a local file), doing the same
steps as ember-archive. Prints one JSON object with the wall time of each step.

Usage: /usr/bin/python3 h5py_reads.py URL_OR_PATH SCENARIO SERIES_PATH WINDOW_START [BLOCK_SIZE]
  SCENARIO: tree (open + every object, attribute and dataset shape/dtype), tree+series (then the whole series),
            window (open, then 1,000 frames of the series), local-read (open a local file, read SERIES_PATH whole)
"""
import json
import sys
import time

import h5py

target, scenario, series, window_start = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
block_size = int(sys.argv[5]) if len(sys.argv) > 5 else None

t0 = time.perf_counter()
if target.startswith("http"):
    import fsspec

    fs = fsspec.filesystem("http")
    handle = fs.open(target, "rb", **({"block_size": block_size} if block_size else {}))
    f = h5py.File(handle, "r")
else:
    f = h5py.File(target, "r")
steps = {"open": time.perf_counter() - t0}

if scenario.startswith("tree"):
    seen = []

    def visit(name, obj):
        attrs = {k: obj.attrs[k] for k in obj.attrs.keys()}
        if isinstance(obj, h5py.Dataset):
            seen.append((name, obj.shape, str(obj.dtype), len(attrs)))
        else:
            seen.append((name, None, None, len(attrs)))

    {k: f.attrs[k] for k in f.attrs.keys()}
    f.visititems(visit)
    steps["tree"] = time.perf_counter() - t0
    steps["objects"] = len(seen)
if scenario == "tree+series":
    values = f[series][()]
    steps["series"] = time.perf_counter() - t0
    steps["values"] = int(values.size)
if scenario == "window":
    values = f[series][window_start:window_start + 1000]
    steps["window"] = time.perf_counter() - t0
    steps["values"] = int(values.size)
if scenario == "local-read":
    t1 = time.perf_counter()
    values = f[series][()]
    steps["read"] = time.perf_counter() - t1
    steps["values"] = int(values.size)
if scenario == "info":
    d = f[series]
    steps["storage_size"] = int(d.id.get_storage_size())
    steps["shape"] = list(d.shape)
    steps["chunks"] = list(d.chunks) if d.chunks else None
f.close()
steps["total"] = time.perf_counter() - t0
print(json.dumps(steps))
