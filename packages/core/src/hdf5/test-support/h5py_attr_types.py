#!/usr/bin/python3
"""The stored type and shape of every attribute of every object (the root too) of the HDF5 files named on the
command line, as h5py describes them (`obj.attrs.get_id(name)`), as JSON on stdout:

{file: {object path: {attribute: {dtype, shape, size, class, order, vlen, cset, strpad}}}}. dtype is numpy's dtype
string ('<f4', '>i8', '|S5', 'object', '|b1'; 'compound' for a structured dtype), shape null for an empty (null)
dataspace, size the HDF5 type's size in bytes, class its H5T class code, order the byte order of numbers
(H5T_order_t: 0 little-endian, 1 big-endian); vlen, cset and strpad only for strings.
Objects h5py cannot open are skipped.
"""
import json
import sys

import h5py


def attribute_types(obj):
    out = {}
    for name in obj.attrs.keys():
        aid = obj.attrs.get_id(name)
        stored = aid.get_type()
        dtype = aid.dtype
        entry = {
            "dtype": "compound" if dtype.names is not None else dtype.str,
            "shape": None if aid.shape is None else list(aid.shape),
            "size": stored.get_size(),
            "class": stored.get_class(),
        }
        # The stored byte order of numbers (0 little-endian, 1 big-endian), which numpy drops for a single byte.
        atomic = stored.get_super() if isinstance(stored, h5py.h5t.TypeEnumID) else stored
        if isinstance(atomic, (h5py.h5t.TypeIntegerID, h5py.h5t.TypeFloatID, h5py.h5t.TypeBitfieldID)):
            entry["order"] = atomic.get_order()
        if isinstance(stored, h5py.h5t.TypeStringID):
            entry["vlen"] = bool(stored.is_variable_str())
            entry["cset"] = stored.get_cset()
            entry["strpad"] = stored.get_strpad()
        out[name] = entry
    return out


def describe(path):
    out = {}
    with h5py.File(path, "r") as f:
        seen = {f.id}
        out["/"] = attribute_types(f)

        # visititems stops at an object HDF5 cannot open: walk the groups one by one instead.
        def walk(group, prefix):
            for name in group:
                full = f"{prefix}/{name}"
                try:
                    link = group.get(name, getlink=True)
                except TypeError:  # a user-defined link class
                    continue
                if not isinstance(link, h5py.HardLink):
                    continue
                try:
                    obj = group[name]
                except Exception:
                    continue
                if obj.id in seen:
                    continue
                seen.add(obj.id)
                try:
                    out[full] = attribute_types(obj)
                except Exception:
                    continue
                if isinstance(obj, h5py.Group):
                    walk(obj, full)

        walk(f, "")
    return out


print(json.dumps({path: describe(path) for path in sys.argv[1:]}))
