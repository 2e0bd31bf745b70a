#!/usr/bin/python3
"""Every numeric dataset of the HDF5 files named on the command line, as h5py reads it, as JSON on stdout.

{file: {path: {dtype, shape, rows, values}}}: integer, unsigned, float and bool datasets (numpy kinds i, u, f, b),
values flat in C order. JSON cannot hold what a reader can get wrong, so each number is written as a string:
integers in full (64-bit ones beyond 2**53 too), floats as Python's repr of the float64 value (float16 and float32
widen exactly; long double is rounded to float64, which is what the reader returns), and 'nan', 'inf', '-inf', '-0.0'
as repr writes them. Datasets of more than LIMIT elements are compared on their first rows (`rows`).
Objects h5py cannot open are skipped: the tree test checks them.
"""
import json
import sys

import h5py
import numpy as np

from h5py_objects import objects

LIMIT = 200_000


def encode(values, kind):
    flat = values.reshape(-1)
    if kind == "b":
        return ["true" if v else "false" for v in flat.tolist()]
    if kind == "f":
        return [repr(float(v)) for v in flat.astype(np.float64).tolist()]
    return [str(int(v)) for v in flat.tolist()]


def describe(path):
    out = {}
    with h5py.File(path, "r") as f:
        paths = [(full, obj) for full, obj in objects(f) if isinstance(obj, h5py.Dataset)]
        for full, dset in paths:
            kind = dset.dtype.kind
            if kind not in "iufb" or dset.dtype.names is not None:
                continue
            shape = list(dset.shape) if dset.shape is not None else None
            if shape is None:
                continue
            size = int(np.prod(shape)) if shape else 1
            rows = None
            if size > LIMIT and shape:
                per_row = max(1, size // shape[0])
                rows = max(1, LIMIT // per_row)
                values = dset[0:rows]
            else:
                try:
                    values = dset[()]
                except Exception as error:  # noqa: BLE001 - reported, the test decides
                    out[full] = {"dtype": str(dset.dtype), "shape": shape, "error": str(error)}
                    continue
            out[full] = {"dtype": str(dset.dtype), "shape": shape, "rows": rows, "values": encode(np.asarray(values), kind)}
    return out


print(json.dumps({path: describe(path) for path in sys.argv[1:]}))
