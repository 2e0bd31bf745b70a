"""Write the local-throughput benchmark file: a 200 MB (raw) float32 dataset, chunked and gzip-compressed.

Usage: /usr/bin/python3 make_gzip_dataset.py OUT.h5
"""
import sys
import h5py
import numpy as np

rows, cols = 3_276_800, 16  # 52,428,800 float32 = 200 MiB raw
rng = np.random.default_rng(7)
with h5py.File(sys.argv[1], "w") as f:
    d = f.create_dataset("data", shape=(rows, cols), dtype="<f4", chunks=(65_536, cols), compression="gzip", compression_opts=4)
    step = 655_360
    for start in range(0, rows, step):
        # A noisy random walk: compresses like real signals (about 2:1), not like zeros.
        block = np.cumsum(rng.normal(0, 1, (step, cols)).astype("<f4"), axis=0) + start
        d[start:start + step] = np.round(block, 2)
