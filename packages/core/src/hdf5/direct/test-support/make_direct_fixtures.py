"""Write the files the direct-read tests compare against HDF5: every numeric dtype in 1-4 dimensions, partial edge
chunks, unallocated chunks with fill values, each filter combination h5py offers for them, big-endian data,
contiguous data, plus datasets the direct path must leave to HDF5 (lzf, float16, strings, compounds) and a file with
the newer chunk indexes (libver='latest').

    /usr/bin/python3 make_direct_fixtures.py DIR
"""
import os
import sys

import h5py
import numpy as np

DTYPES = ["<i1", "<u1", "<i2", "<u2", "<i4", "<u4", "<i8", "<u8", "<f4", "<f8", "?"]
LAYOUTS = [((1000,), (128,)), ((437, 6), (50, 4)), ((300, 4, 12, 2), (70, 1, 2, 1)), ((13, 5, 6, 3), (4, 2, 6, 2))]
FILTERS = {
    "gzip": dict(compression="gzip", compression_opts=4),
    "shuffle_gzip": dict(compression="gzip", shuffle=True),
    "fletcher_shuffle_gzip": dict(compression="gzip", shuffle=True, fletcher32=True),
    "fletcher": dict(fletcher32=True),
    "none": dict(),
}


def values(rng, dtype, shape):
    dt = np.dtype(dtype)
    if dt.kind == "b":
        return rng.integers(0, 2, shape).astype(bool)
    if dt.kind == "f":
        out = rng.normal(0, 1e3, shape).astype(dt)
        flat = out.reshape(-1)
        flat[::97] = np.nan
        flat[1::101] = -0.0
        flat[2::103] = np.inf
        return out
    info = np.iinfo(dt)
    return rng.integers(info.min, info.max, shape, dtype=dt.newbyteorder("="), endpoint=True).astype(dt)


def main(out_dir):
    rng = np.random.default_rng(20261125)
    with h5py.File(os.path.join(out_dir, "direct.h5"), "w") as f:
        for dtype in DTYPES:
            name = np.dtype(dtype).name
            for index, (shape, chunks) in enumerate(LAYOUTS):
                for label, opts in FILTERS.items():
                    if label == "none" and len(shape) > 2:
                        continue
                    path = f"{name}/{len(shape)}d{index}_{label}"
                    f.create_dataset(path, data=values(rng, dtype, shape), chunks=chunks, **opts)
        for dtype in [">i2", ">u4", ">i8", ">f4", ">f8"]:
            f.create_dataset(f"bigend/{np.dtype(dtype).name}", data=values(rng, dtype, (300, 7)), chunks=(64, 3), compression="gzip", shuffle=True)
            f.create_dataset(f"bigend_contiguous/{np.dtype(dtype).name}", data=values(rng, dtype, (50, 3)))
        # Unallocated chunks: only some rows written, the rest read as the fill value.
        for dtype, fill in [("<f4", -1.5), ("<i4", 7), ("<i8", -3), ("<u1", 255), ("<f8", np.nan)]:
            d = f.create_dataset(f"sparse/{np.dtype(dtype).name}", shape=(1000, 5), chunks=(64, 2), dtype=dtype, fillvalue=fill, compression="gzip")
            d[100:300, 1:4] = values(rng, dtype, (200, 3))
            d[900:, :] = values(rng, dtype, (100, 5))
        d = f.create_dataset("sparse/nofill", shape=(500,), chunks=(50,), dtype="<i2", compression="gzip")
        d[120:180] = 9
        f.create_dataset("sparse/never_written", shape=(400, 3), chunks=(100, 3), dtype="<f8", fillvalue=2.5, compression="gzip")
        for dtype in ["<f8", "<i4", "<u2"]:
            f.create_dataset(f"contiguous/{np.dtype(dtype).name}", data=values(rng, dtype, (2000, 3)))
        f.create_dataset("contiguous/empty_rows", shape=(0, 3), dtype="<f4")
        f.create_dataset("contiguous/unwritten", shape=(40, 2), dtype="<i4", fillvalue=-9)
        # Left to HDF5.
        # lzf: HDF5 in wasm lacks it, so it is read directly when HDF5 refuses (random doubles are partly incompressible:
        # h5py's optional filter then stores those chunks unfiltered, flagged in the chunk's filter mask).
        f.create_dataset("other/lzf", data=values(rng, "<i4", (1000,)), chunks=(100,), compression="lzf")
        f.create_dataset("other/lzf_shuffle_2d", data=np.round(values(rng, "<f8", (300, 7)), 1), chunks=(64, 3), compression="lzf", shuffle=True)
        f.create_dataset("other/lzf_random", data=values(rng, "<f8", (200,)), chunks=(50,), compression="lzf")
        f.create_dataset("other/float16", data=np.arange(100, dtype="<f2"), chunks=(10,), compression="gzip")
        f.create_dataset("other/strings", data=np.array([b"a", b"bc", b"def"] * 10), chunks=(5,), compression="gzip")
        f.create_dataset("other/compound", data=np.zeros(20, dtype=[("a", "<i4"), ("b", "<f8")]), chunks=(5,), compression="gzip")
        f.create_dataset("other/scaleoffset", data=np.arange(500, dtype="<i4"), chunks=(50,), scaleoffset=0)
        f.create_dataset("other/scalar", data=3.5)
    # The newer chunk indexes: fixed array, extensible array, version-2 B-tree, single chunk.
    with h5py.File(os.path.join(out_dir, "latest.h5"), "w", libver="latest") as f:
        f.create_dataset("fixed_array", data=values(rng, "<f4", (500, 6)), chunks=(64, 4), compression="gzip", shuffle=True)
        f.create_dataset("extensible_array", data=values(rng, "<i2", (500, 6)), chunks=(64, 4), maxshape=(None, 6), compression="gzip")
        f.create_dataset("btree2", data=values(rng, "<f8", (300, 40)), chunks=(64, 16), maxshape=(None, None), compression="gzip")
        f.create_dataset("single_chunk", data=values(rng, "<u4", (100, 3)), chunks=(100, 3), compression="gzip")
        f.create_dataset("implicit", data=values(rng, "<i8", (100, 3)), chunks=(30, 3))


if __name__ == "__main__":
    main(sys.argv[1])
