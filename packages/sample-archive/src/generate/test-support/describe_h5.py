#!/usr/bin/python3
"""Describe HDF5 files as the reference library (h5py) sees them, for the generator tests.

Usage: describe_h5.py [--no-values] FILE... > JSON. For each file: every object path once (a second hard link to an object is
reported as a link instead), its kind, shape, numpy dtype, chunks, compression, maxshape, attribute names, types
and values, and the full values of datasets up to a size limit (NaN as null, strings decoded, references as the
path they point to). Soft links are reported with their targets, like the corpus expected/*.json conventions.
"""
import json
import sys

import h5py
import numpy as np

VALUE_LIMIT = 2_000_000


def clean(value, f):
    if isinstance(value, h5py.Reference):
        return {"ref": f[value].name} if value else None
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray):
        if value.dtype.kind == "f":
            out = value.astype(object)
            out[np.isnan(value)] = None
            return out.tolist()
        if value.dtype.kind == "O":
            return [clean(v, f) for v in value.tolist()] if value.ndim == 1 else [clean(v, f) for v in value]
        return value.tolist()
    if isinstance(value, (np.floating, float)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, list):
        return [clean(v, f) for v in value]
    return value


def address(obj):
    info = h5py.h5o.get_info(obj.id)
    return getattr(info, "addr", None) if hasattr(info, "addr") else info.token


def describe(path, with_values=True):
    f = h5py.File(path, "r")
    nodes, links, seen = [], [], {}
    out = {
        "file": path,
        "libver": list(f.libver),
        "superblock": f.id.get_create_plist().get_version()[0],
        "root_attrs": sorted(f.attrs.keys()),
        "root_attr_values": {k: clean(f.attrs[k], f) for k in f.attrs.keys()},
        "nodes": nodes,
        "links": links,
    }

    def attrs_of(obj):
        types = {}
        for name in obj.attrs.keys():
            aid = obj.attrs.get_id(name)
            types[name] = {"dtype": str(aid.dtype), "shape": list(aid.shape)}
        return types

    def walk(group, base):
        for name in group.keys():
            p = base.rstrip("/") + "/" + name
            link = group.get(name, getlink=True)
            if isinstance(link, h5py.SoftLink):
                links.append({"path": p, "kind": "soft", "target": link.path})
                continue
            if isinstance(link, h5py.ExternalLink):
                links.append({"path": p, "kind": "external", "target": link.path, "file": link.filename})
                continue
            obj = group[name]
            key = address(obj)
            if key in seen:
                links.append({"path": p, "kind": "hard", "target": seen[key]})
                continue
            seen[key] = p
            node = {
                "path": p,
                "attrs": sorted(obj.attrs.keys()),
                "attr_types": attrs_of(obj),
                "attr_values": {k: clean(obj.attrs[k], f) for k in obj.attrs.keys()},
            }
            if isinstance(obj, h5py.Dataset):
                node.update({
                    "kind": "dataset",
                    "shape": list(obj.shape),
                    "dtype": str(obj.dtype),
                    "chunks": list(obj.chunks) if obj.chunks else None,
                    "compression": obj.compression,
                    "compression_opts": obj.compression_opts,
                    "maxshape": [m for m in obj.maxshape] if obj.maxshape is not None else None,
                })
                if with_values and obj.size <= VALUE_LIMIT:
                    node["value"] = clean(obj[()], f)
                nodes.append(node)
            else:
                node["kind"] = "group"
                for a in ("neurodata_type", "namespace"):
                    if a in obj.attrs:
                        node[a] = clean(obj.attrs[a], f)
                nodes.append(node)
                walk(obj, p)

    walk(f, "/")
    f.close()
    return out


if __name__ == "__main__":
    args = sys.argv[1:]
    values = "--no-values" not in args
    json.dump([describe(p, values) for p in args if p != "--no-values"], sys.stdout, allow_nan=False)
