"""What h5py reports about every dataset of the HDF5 files named on the command line, as JSON on stdout: the fill
value (ds.fillvalue), the bytes on disk (ds.id.get_storage_size()) and the chunk list (ds.id.get_chunk_info(i) for
i in range(ds.id.get_num_chunks())). The storage tests compare the format reader against it."""
import itertools
import json
import math
import sys

import h5py
import numpy as np


def fill_value(ds):
    dtype = ds.dtype
    if dtype.kind == "O":
        # ds.fillvalue zero-fills an object array through HDF5 and crashes on variable-length types; ask the
        # property list whether the value is the library default instead (then h5py's value is the empty string).
        status = ds.id.get_create_plist().fill_value_defined()
        if h5py.check_string_dtype(dtype) is not None and status == h5py.h5d.FILL_VALUE_DEFAULT:
            return {"string": ""}
        if h5py.check_string_dtype(dtype) is not None and status == h5py.h5d.FILL_VALUE_USER_DEFINED and ds.id.get_storage_size() == 0 and ds.size > 0:
            # Nothing written: every element reads as the fill value.
            value = ds[(0,) * ds.ndim]
            return {"string": value.decode("utf-8") if isinstance(value, bytes) else value}
        return {"unknown": True} if h5py.check_string_dtype(dtype) is not None else None
    try:
        value = ds.fillvalue
    except Exception:  # "fill value is undefined"
        return None
    if h5py.check_string_dtype(dtype) is not None:
        if isinstance(value, bytes):
            return {"string": value.decode("utf-8", "replace")}
        if isinstance(value, str):
            return {"string": value}
        return {"string": ""}
    enum = h5py.check_enum_dtype(dtype)
    if dtype.kind == "b":
        return {"bool": bool(value)}
    if dtype.kind in "iu":
        if dtype.itemsize == 8 and enum is None:
            return {"bigint": str(int(value))}
        return {"number": int(value)}
    if dtype.kind == "f":
        f = float(value)
        return {"float": "nan" if math.isnan(f) else repr(f)}
    return None


def chunk_info(ds, i, userblock):
    info = ds.id.get_chunk_info(i)
    return {
        "offsets": [int(o) for o in info.chunk_offset],
        "address": int(info.byte_offset) + userblock,
        "size": int(info.size),
        "filterMask": int(info.filter_mask),
    }


def add_chunks(entry, ds, userblock):
    """get_chunk_info(i) for every i. It walks the index from the start on each call (HDF5 1.10), so for a dataset
    with many chunks only a sample of them is listed, beside the count."""
    count = ds.id.get_num_chunks()
    unlimited = [d for d, n in enumerate(ds.maxshape) if n is None]
    if len(unlimited) == 1 and unlimited[0] > 0:
        # An extensible array stores chunks with the unlimited dimension moved first; HDF5 1.10's chunk iteration
        # (H5D__earray_idx_iterate_cb) counts them in plain C order instead, so get_chunk_info reports offsets
        # outside the dataset (and get_chunk_info_by_coord misses chunks). Ask each chunk by its coordinates with
        # read_direct_chunk (an index lookup, which swizzles correctly) and keep get_chunk_info's addresses.
        grid = [range(0, n, c) for n, c in zip(ds.shape, ds.chunks)]
        by_coord = []
        for offsets in itertools.product(*grid):
            try:
                mask, data = ds.id.read_direct_chunk(offsets)
            except Exception:
                continue
            by_coord.append({"offsets": list(offsets), "size": len(data), "filterMask": int(mask)})
        entry["chunksByCoord"] = by_coord
        entry["addresses"] = sorted(chunk_info(ds, i, userblock)["address"] for i in range(count))
        return
    if count <= 2000:
        entry["chunks"] = [chunk_info(ds, i, userblock) for i in range(count)]
        return
    sample = sorted(set(range(0, 50)) | set(range(count - 50, count)) | set(range(0, count, count // 100)))
    entry["chunkCount"] = count
    entry["chunkSample"] = [chunk_info(ds, i, userblock) for i in sample]


def describe(path):
    out = {}
    with h5py.File(path, "r") as f:
        userblock = f.userblock_size

        def visit(name, obj):
            if not isinstance(obj, h5py.Dataset):
                return
            entry = {
                "storageSize": int(obj.id.get_storage_size()),
                "fillValue": fill_value(obj),
                "headerAddress": int(h5py.h5o.get_info(obj.id).addr),
            }
            if obj.chunks is not None:
                add_chunks(entry, obj, userblock)
            out["/" + name] = entry

        # visititems stops at an object HDF5 cannot open (tbogus.h5): walk the groups one by one, each object once.
        seen = {f.id}

        def walk(group, prefix):
            for name in group:
                try:
                    link = group.get(name, getlink=True)
                    if not isinstance(link, h5py.HardLink):
                        continue
                    obj = group[name]
                except (KeyError, TypeError):  # unopenable object, user-defined link class
                    continue
                if obj.id in seen:
                    continue
                seen.add(obj.id)
                full = f"{prefix}{name}"
                visit(full, obj)
                if isinstance(obj, h5py.Group):
                    walk(obj, full + "/")

        walk(f, "")
    return out


print(json.dumps({path: describe(path) for path in sys.argv[1:]}))
