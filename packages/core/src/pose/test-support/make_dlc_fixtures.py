"""Write a multi-animal DeepLabCut table file laid out as pandas/PyTables write `to_hdf(key="df_with_missing",
format="table")`: compound /df_with_missing/table {index, values_block_0}, column names only in pickled attributes
(made with CPython's own pickle, protocol 0, as PyTables stores them). pandas is not installed here, so the layout
follows the real DLC2NWB example file in the corpus attribute by attribute.

Run by the tests with Debian's python3-h5py: /usr/bin/python3 make_dlc_fixtures.py OUT_FILE
"""
import pickle
import sys

import h5py
import numpy as np

SCORER = "DLC_dlcrnetms5_maTestMay1shuffle1_100"
columns = []
for individual, bodyparts in (("mouse1", ("snout", "tail")), ("mouse2", ("snout", "tail")), ("single", ("food",))):
    for bodypart in bodyparts:
        for coord in ("x", "y", "likelihood"):
            columns.append((SCORER, individual, bodypart, coord))

rows = 5
values = np.zeros((rows, len(columns)))
for r in range(rows):
    for c, (_, individual, bodypart, coord) in enumerate(columns):
        base = {"mouse1": 100, "mouse2": 200, "single": 300}[individual] + {"snout": 0, "tail": 10, "food": 20}[bodypart]
        values[r, c] = {"x": base + r, "y": base + 0.5 + r, "likelihood": 0.9 - 0.1 * r}[coord]
values[2, columns.index((SCORER, "mouse2", "tail", "x"))] = np.nan
values[2, columns.index((SCORER, "mouse2", "tail", "y"))] = np.nan

table = np.zeros(rows, dtype=[("index", "<i8"), ("values_block_0", "<f8", (len(columns),))])
table["index"] = np.arange(rows)
table["values_block_0"] = values


def pickled(value):
    return np.bytes_(pickle.dumps(value, 0))


with h5py.File(sys.argv[1], "w") as f:
    g = f.create_group("df_with_missing")
    g.attrs["pandas_type"] = np.bytes_(b"frame_table")
    g.attrs["pandas_version"] = np.bytes_(b"0.15.2")
    g.attrs["table_type"] = np.bytes_(b"appendable_frame")
    g.attrs["levels"] = 1
    g.attrs["index_cols"] = pickled([(0, "index")])
    g.attrs["values_cols"] = pickled(["values_block_0"])
    g.attrs["non_index_axes"] = pickled([(1, columns)])
    g.attrs["info"] = pickled({1: {"names": ["scorer", "individuals", "bodyparts", "coords"], "type": "MultiIndex"}, "index": {}})
    t = g.create_dataset("table", data=table, maxshape=(None,), chunks=(4,))
    t.attrs["CLASS"] = np.bytes_(b"TABLE")
    t.attrs["values_block_0_kind"] = pickled(columns)
    t.attrs["values_block_0_dtype"] = np.bytes_(b"float64")
