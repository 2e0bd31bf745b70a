"""Every object of an open h5py file once, for the h5py test scripts beside this one."""
import h5py


def objects(f):
    """(path, object) for the root and every object reachable by hard links, each once (a second hard link to an
    object is skipped). Walked group by group, not with visititems, which stops at an object HDF5 cannot open:
    such an object, and a link of a user-defined class, is skipped and the walk goes on."""
    seen = {f.id}
    out = [("/", f)]

    def walk(group, prefix):
        for name in group:
            full = f"{prefix}/{name}"
            try:
                link = group.get(name, getlink=True)
                if not isinstance(link, h5py.HardLink):
                    continue
                obj = group[name]
            except Exception:  # noqa: BLE001 - a user-defined link class (TypeError) or an object HDF5 refuses
                continue
            # An object's id hashes by its address.
            if obj.id in seen:
                continue
            seen.add(obj.id)
            out.append((full, obj))
            if isinstance(obj, h5py.Group):
                walk(obj, full)

    walk(f, "")
    return out
