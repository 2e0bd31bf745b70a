"""Write small HDF5 files covering what the corpus lacks (links, references, enums, compounds, filters, >1 chunk).

Run by the tests with Debian's python3-h5py: /usr/bin/python3 make_fixtures.py OUT_DIR
"""
import sys
import os
import h5py
import numpy as np

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

with h5py.File(os.path.join(out, "features.h5"), "w") as f:
    f.attrs["title"] = "features"
    f.attrs["count"] = np.int64(7)
    f.attrs["big"] = np.uint64(2**63 + 5)
    f.attrs["scale"] = np.array([1.5, 2.5, 3.5])
    f.attrs["flag"] = np.bool_(True)
    f.attrs["names"] = np.array([b"a", b"bc"], dtype="S2")
    g = f.create_group("group")
    d = g.create_dataset("grid", data=np.arange(1000 * 6, dtype="<f4").reshape(1000, 6), chunks=(100, 6),
                         compression="gzip", shuffle=True, fillvalue=-1.0)
    d.attrs["unit"] = "m"
    g.attrs["target"] = d.ref
    g.attrs["targets"] = np.array([d.ref, f.ref], dtype=h5py.ref_dtype)
    f["group/ints64"] = np.arange(-5, 5, dtype="<i8")
    f["group/bigend"] = np.arange(4, dtype=">i4")
    f["group/flags"] = np.array([True, False, True])
    f["group/labels"] = np.array(["nose", "tail", "ear"], dtype=h5py.string_dtype())
    f["group/fixed"] = np.array([b"ab", b"cd"], dtype="S2")
    f["group/scalar"] = 3.25
    f["group/text"] = "hello"
    ct = h5py.enum_dtype({"RED": 0, "GREEN": 1, "BLUE": 2}, basetype="u1")
    f.create_dataset("group/colors", data=np.array([0, 2, 1], dtype="u1"), dtype=ct)
    comp = np.zeros(3, dtype=[("id", "<i4"), ("score", "<f8")])
    comp["id"] = [1, 2, 3]
    comp["score"] = [0.5, 1.5, 2.5]
    f["group/table"] = comp
    f["group/refs"] = np.array([d.ref, g.ref], dtype=h5py.ref_dtype)
    # NWB TimeSeriesReferenceVectorData: a compound with an object reference member.
    tsr = np.zeros(2, dtype=[("idx_start", "<i4"), ("count", "<i4"), ("timeseries", h5py.ref_dtype)])
    tsr["idx_start"] = [0, 5]
    tsr["count"] = [5, 3]
    tsr["timeseries"] = [d.ref, g.ref]
    f["group/timeseries"] = tsr
    f["group/empty"] = h5py.Empty("f4")
    f["hard"] = d  # a second hard link to the same dataset
    f["soft"] = h5py.SoftLink("/group/grid")
    f["softgroup"] = h5py.SoftLink("/group")
    f["broken"] = h5py.SoftLink("/nowhere")
    f["external"] = h5py.ExternalLink("other.h5", "/x")
    f.create_dataset("lzf", data=np.random.default_rng(1).integers(0, 3, 1000, dtype="<i4"), chunks=(100,), compression="lzf")
    f["half"] = np.arange(4, dtype="<f2")
    f["rows"] = np.arange(4000 * 2, dtype="<u2").reshape(4000, 2)

with h5py.File(os.path.join(out, "chunked.h5"), "w") as f:
    # 200 chunks of 4,000 bytes each, indexed by a v1 B-tree: the chunk prefetch has something to find.
    f.create_dataset("series", data=np.arange(200_000, dtype="<i4"), chunks=(1000,))

with h5py.File(os.path.join(out, "narrow.h5"), "w") as f:
    # Chunks narrower than a row, like JABS points: reads go chunk column by chunk column. Value = flat index mod 65521
    # (points) and flat index / 8 (confidence), so a test can compute what any box holds.
    n = 20_000
    f.create_dataset("points", data=(np.arange(n * 3 * 4 * 2) % 65521).astype("<u2").reshape(n, 3, 4, 2),
                     chunks=(1500, 1, 2, 1), compression="gzip")
    f.create_dataset("confidence", data=(np.arange(n * 3 * 4) / 8).astype("<f4").reshape(n, 3, 4),
                     chunks=(900, 1, 2), compression="gzip")
