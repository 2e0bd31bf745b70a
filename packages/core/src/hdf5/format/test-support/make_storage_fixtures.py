"""Small HDF5 files covering the storage layouts and chunk indexes the format reader must read, written with Debian's
h5py into the directory given as the first argument: old-style files (layout v3, v1 B-tree), libver='latest' files
(layout v4: fixed array, extensible array, v2 B-tree, single chunk, implicit), filters, user fill values of each
dtype kind, variable-length data and a user block."""
import sys
from pathlib import Path

import h5py
import numpy as np

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)


def fills(f):
    """One dataset per dtype kind with a user fill value, partly written so the fill shows."""
    cases = {
        "i1": np.int8(-7), "u2": np.uint16(65000), "i4": np.int32(-123456), "i8": np.int64(-(2**40) - 3),
        "u8": np.uint64(2**63 + 5), "f4": np.float32(1.5), "f8": np.float64(-2.25), "S6": np.bytes_(b"fill"),
        "?": np.bool_(True),
    }
    g = f.create_group("fill")
    for name, value in cases.items():
        d = g.create_dataset(name, shape=(20,), chunks=(5,), dtype=np.dtype(name), fillvalue=value)
        d[0:5] = value
    g.create_dataset("nan", shape=(4,), dtype="<f8", fillvalue=np.nan)
    g.create_dataset("big_endian", shape=(4,), dtype=">i4", fillvalue=np.int32(77))
    g.create_dataset("enum", shape=(4,), dtype=h5py.enum_dtype({"RED": 0, "GREEN": 1, "BLUE": 2}, basetype="i1"), fillvalue=2)
    g.create_dataset("default_i8", shape=(4,), dtype="<i8")
    g.create_dataset("default_str", shape=(4,), dtype="S3")
    g.create_dataset("default_bool", shape=(4,), dtype="?")
    g.create_dataset("compound", shape=(4,), dtype=np.dtype([("a", "<i4"), ("b", "<f8")]))
    g.create_dataset("vlen_str", data=["a", "bb", "ccc"], dtype=h5py.string_dtype())
    g.create_dataset("vlen_seq", shape=(3,), dtype=h5py.vlen_dtype(np.dtype("<i4")))
    g.create_dataset("vlen_str_fill", shape=(3,), dtype=h5py.string_dtype(), fillvalue="abc")  # kept in the global heap
    # A committed (named) datatype: the dataset's datatype message is shared, stored in the type's object header.
    g["named_type"] = np.dtype("<i2")
    g.create_dataset("committed", shape=(4,), dtype=g["named_type"], fillvalue=-5)


def layouts(f, many):
    """Contiguous, compact, unallocated, empty and chunked datasets, with and without filters."""
    f.create_dataset("contiguous", data=np.arange(100, dtype="<f8"))
    f.create_dataset("contiguous_unallocated", shape=(50,), dtype="<i4")
    f.create_dataset("scalar", data=np.float32(3.5))
    f.create_dataset("empty", data=h5py.Empty("<f4"))
    space = h5py.h5s.create_simple((6,))
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_layout(h5py.h5d.COMPACT)
    h5py.h5d.create(f.id, b"compact", h5py.h5t.STD_I16LE, space, dcpl).write(h5py.h5s.ALL, h5py.h5s.ALL, np.arange(6, dtype="<i2"))
    data = (np.arange(many * 10 * 4) % 251).astype("<i2").reshape(many * 10, 4)
    f.create_dataset("chunked", data=data, chunks=(10, 2))
    f.create_dataset("gzip_shuffle_fletcher", data=data, chunks=(10, 2), compression="gzip", shuffle=True, fletcher32=True)
    f.create_dataset("chunked_unallocated", shape=(100, 4), chunks=(10, 4), dtype="<f4")
    sparse = f.create_dataset("sparse", shape=(100, 100), chunks=(10, 10), dtype="<u1")
    sparse[0:10, 0:10] = 1
    sparse[55, 95] = 2
    # Attribute creation order tracked (version-2 object header with 2 more bytes per message header), and a header
    # that outgrows its first block (continuation blocks) as attributes are added after the data.
    tracked = f.create_dataset("tracked", data=np.arange(5, dtype="<i4"), chunks=(2,), track_order=True, fillvalue=9)
    tracked.attrs["a"] = 1
    grown = f.create_dataset("grown", data=np.arange(12, dtype="<f4"), chunks=(4,), compression="gzip", fillvalue=0.5)
    for i in range(40):
        grown.attrs[f"attribute_{i:02d}"] = np.arange(i + 1, dtype="<f8")
    # A virtual dataset over two of the above.
    virtual = h5py.VirtualLayout(shape=(2, 6), dtype="<i2")
    virtual[0] = h5py.VirtualSource(".", "compact", shape=(6,))
    virtual[1] = h5py.VirtualSource(".", "compact", shape=(6,))
    f.create_virtual_dataset("virtual", virtual, fillvalue=-1)


with h5py.File(out / "old-style.h5", "w") as f:
    layouts(f, 40)  # 80 chunks per dataset: more than one v1 B-tree leaf holds (2K = 64)
    fills(f)

with h5py.File(out / "userblock.h5", "w", userblock_size=512) as f:
    f.create_dataset("contiguous", data=np.arange(10, dtype="<i4"))
    f.create_dataset("chunked", data=np.arange(100, dtype="<i4"), chunks=(10,), compression="gzip")

with h5py.File(out / "latest.h5", "w", libver="latest") as f:
    layouts(f, 40)
    fills(f)
    # Fixed array: fixed shape; more chunks than one data block page holds (2^10) makes it paged.
    f.create_dataset("fixed_small", data=np.arange(40, dtype="<i4"), chunks=(4,))
    paged = f.create_dataset("fixed_paged", shape=(3000,), chunks=(1,), dtype="<u1")
    paged[0:1500] = 1
    paged[2990:3000] = 2
    f.create_dataset("fixed_paged_gzip", data=np.arange(2500, dtype="<i2"), chunks=(1,), compression="gzip")
    # Extensible array: one unlimited dimension, enough chunks for super blocks and paged data blocks.
    grow = f.create_dataset("extensible", shape=(0,), maxshape=(None,), chunks=(1,), dtype="<u1")
    grow.resize((140000,))  # data blocks of more than 2^10 entries (paged) start at entry 131,060
    grow[0:9000] = 3
    grow[131000:132000] = 4
    grow[139990:140000] = 5
    f.create_dataset("extensible_gzip", data=np.arange(3000, dtype="<i4"), maxshape=(None,), chunks=(2,), compression="gzip")
    f.create_dataset("extensible_inner", data=np.arange(6 * 90, dtype="<i2").reshape(6, 90), maxshape=(6, None), chunks=(2, 3))
    # Version-2 B-tree: two unlimited dimensions, enough chunks for internal nodes.
    f.create_dataset("btree2", data=np.arange(100 * 100, dtype="<u2").reshape(100, 100), maxshape=(None, None), chunks=(1, 1))  # depth 2
    f.create_dataset("btree2_gzip", data=np.arange(80 * 80, dtype="<u2").reshape(80, 80), maxshape=(None, None), chunks=(2, 2), compression="gzip")
    # Single chunk: the chunk is the whole dataset.
    f.create_dataset("single", data=np.arange(64, dtype="<f4").reshape(8, 8), chunks=(8, 8))
    f.create_dataset("single_gzip", data=np.arange(64, dtype="<f4").reshape(8, 8), chunks=(8, 8), compression="gzip")
    # Implicit: fixed shape, no filters, space allocated when the dataset is created.
    space = h5py.h5s.create_simple((20, 9))
    dcpl = h5py.h5p.create(h5py.h5p.DATASET_CREATE)
    dcpl.set_chunk((4, 4))
    dcpl.set_alloc_time(h5py.h5d.ALLOC_TIME_EARLY)
    h5py.h5d.create(f.id, b"implicit", h5py.h5t.STD_I32LE, space, dcpl)
    space = h5py.h5s.create_simple((20, 9), (40, 9))
    h5py.h5d.create(f.id, b"implicit_max", h5py.h5t.STD_I32LE, space, dcpl)
