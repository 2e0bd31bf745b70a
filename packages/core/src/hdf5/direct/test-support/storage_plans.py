"""Print the storage plan of every chunked or contiguous dataset of an HDF5 file as HDF5 itself reports it (h5py's
low-level API: H5Dget_chunk_info, H5Pget_filter, H5Dget_offset), in the shape of format/storage-types.ts
DatasetStorage. Tests use it as an oracle independent of our own format parser.

    /usr/bin/python3 storage_plans.py FILE.h5 > plans.json
"""
import json
import sys

import h5py
import numpy as np


def plan(ds):
    dcpl = ds.id.get_create_plist()
    layout = dcpl.get_layout()
    filters = []
    for i in range(dcpl.get_nfilters()):
        code, flags, values, name = dcpl.get_filter(i)
        filters.append({"id": int(code), "name": name.decode() if isinstance(name, bytes) else name,
                        "optional": bool(flags & 1), "clientData": [int(v) for v in values]})
    dt = ds.dtype
    order = "none" if dt.itemsize == 1 or dt.byteorder == "|" else ("big" if dt.byteorder == ">" else "little")
    out = {
        "path": ds.name,
        "shape": list(ds.shape) if ds.shape is not None else None,
        "elementSize": dt.itemsize,
        "byteOrder": order,
        "fixedSize": h5py.check_vlen_dtype(dt) is None and h5py.check_string_dtype(dt) is None or (
            h5py.check_string_dtype(dt) is not None and h5py.check_string_dtype(dt).length is not None),
        "filters": filters,
        "dtype": str(dt),
    }
    fill = np.zeros((1,), dtype=dt) if dt.kind in "iufb" else None
    if fill is not None:
        try:
            dcpl.get_fill_value(fill)
            value = fill[0].item()
            # JSON has no NaN or infinities: such fill values are given as text.
            out["fillValue"] = value if not isinstance(value, float) or np.isfinite(value) else str(value)
        except Exception:
            out["fillValue"] = None
    if layout == h5py.h5d.CHUNKED:
        out["layout"] = "chunked"
        out["chunkShape"] = list(ds.chunks)
        chunks = []
        for i in range(ds.id.get_num_chunks()):
            info = ds.id.get_chunk_info(i)
            chunks.append({"offsets": list(info.chunk_offset), "address": int(info.byte_offset),
                           "size": int(info.size), "filterMask": int(info.filter_mask)})
        chunks.sort(key=lambda c: c["offsets"])
        out["chunks"] = chunks
    elif layout == h5py.h5d.CONTIGUOUS:
        out["layout"] = "contiguous"
        offset = ds.id.get_offset()
        out["contiguous"] = None if offset is None else {"address": int(offset), "size": int(ds.id.get_storage_size())}
    else:
        return None
    return out


def main():
    plans = []
    with h5py.File(sys.argv[1], "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                p = plan(obj)
                if p:
                    plans.append(p)
        f.visititems(visit)
    json.dump(plans, sys.stdout)


if __name__ == "__main__":
    main()
