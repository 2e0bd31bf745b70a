#!/usr/bin/python3
"""What h5grove's /meta says of the attributes of every object (the root too) of the HDF5 files named on the command
line, computed with h5py as h5grove computes it (silx-kit/h5grove utils.py `attr_metadata` and
`get_type_metadata_h5py`: the attribute's shape and its stored type's class, numpy dtype string, size, and the
class's own fields), as JSON on stdout: {file: {object path: [{name, shape, type}, ...sorted by name]}}.
Objects h5py cannot open are skipped.
"""
import json
import sys

import h5py
from h5py import h5t


def dtype_string(dtype):
    if dtype.fields is None:
        return dtype.str
    return {name: dtype_string(field[0]) for name, field in dtype.fields.items()}


def type_metadata(type_id):
    out = {"class": type_id.get_class(), "dtype": dtype_string(type_id.dtype), "size": type_id.get_size()}
    if isinstance(type_id, h5t.TypeIntegerID):
        out.update(order=type_id.get_order(), sign=type_id.get_sign())
    elif isinstance(type_id, (h5t.TypeFloatID, h5t.TypeBitfieldID)):
        out.update(order=type_id.get_order())
    elif isinstance(type_id, h5t.TypeStringID):
        out.update(cset=type_id.get_cset(), strpad=type_id.get_strpad(), vlen=bool(type_id.is_variable_str()))
    elif isinstance(type_id, h5t.TypeOpaqueID):
        out.update(tag=type_id.get_tag().decode())
    elif isinstance(type_id, h5t.TypeCompoundID):
        members = range(type_id.get_nmembers())
        out.update(members={type_id.get_member_name(i).decode(): type_metadata(type_id.get_member_type(i)) for i in members})
    elif isinstance(type_id, h5t.TypeEnumID):
        members = range(type_id.get_nmembers())
        out.update(
            members={type_id.get_member_name(i).decode(): type_id.get_member_value(i) for i in members},
            base=type_metadata(type_id.get_super()),
        )
    return out


def attributes(obj):
    out = []
    for name in sorted(obj.attrs.keys()):
        aid = obj.attrs.get_id(name)
        shape = None if aid.shape is None else list(aid.shape)
        out.append({"name": name, "shape": shape, "type": type_metadata(aid.get_type())})
    return out


def describe(path):
    out = {}
    with h5py.File(path, "r") as f:
        seen = {f.id}
        out["/"] = attributes(f)

        # visititems stops at an object HDF5 cannot open: walk the groups one by one instead.
        def walk(group, prefix):
            for name in group:
                full = f"{prefix}/{name}"
                try:
                    link = group.get(name, getlink=True)
                    if not isinstance(link, h5py.HardLink):
                        continue
                    obj = group[name]
                except Exception:
                    continue
                if obj.id in seen:
                    continue
                seen.add(obj.id)
                try:
                    out[full] = attributes(obj)
                except Exception:
                    continue
                if isinstance(obj, h5py.Group):
                    walk(obj, full)

        walk(f, "")
    return out


print(json.dumps({path: describe(path) for path in sys.argv[1:]}))
