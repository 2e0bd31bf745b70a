#!/usr/bin/python3
"""The stored types of every object (the root too) of the HDF5 files named on the command line as h5py describes them,
in the form h5grove's /meta gives them (silx-kit/h5grove utils.py `attr_metadata` and `get_type_metadata_h5py`):
each attribute's shape (null for an empty dataspace), and each attribute's and dataset's type: its H5T class, numpy
dtype string, size, and the class's own fields (byte order and sign of numbers, character set, padding and variable
length of strings, members of compounds and enums, the base of enums, sequences and arrays, an array's dims).
JSON on stdout: {file: {object path: {attributes: [{name, shape, type}, ...sorted by name], type (datasets)}}}.
Used by core's attribute and dataset type tests and the API's h5grove conformance test.
"""
import json
import sys

import h5py
from h5py import h5t

from h5py_objects import objects


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
    elif isinstance(type_id, h5t.TypeVlenID):
        out.update(base=type_metadata(type_id.get_super()))
    elif isinstance(type_id, h5t.TypeArrayID):
        out.update(dims=list(type_id.get_array_dims()), base=type_metadata(type_id.get_super()))
    return out


def attributes(obj):
    out = []
    for name in sorted(obj.attrs.keys()):
        aid = obj.attrs.get_id(name)
        shape = None if aid.shape is None else list(aid.shape)
        out.append({"name": name, "shape": shape, "type": type_metadata(aid.get_type())})
    return out


def describe(path):
    with h5py.File(path, "r") as f:
        described = {}
        for full, obj in objects(f):
            try:
                described[full] = {"attributes": attributes(obj)}
                if isinstance(obj, h5py.Dataset):
                    described[full]["type"] = type_metadata(obj.id.get_type())
            except Exception:  # noqa: BLE001 - an object h5py cannot describe is left out
                continue
        return described


print(json.dumps({path: describe(path) for path in sys.argv[1:]}))
