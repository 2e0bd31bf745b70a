// Neurodata types of NWB objects. Every typed group or dataset carries `neurodata_type` and `namespace`
// attributes (nwb-schema docs/storage/source/storage_hdf5.rst); HDMF-Zarr style writers use `data_type`, accepted too.
import type { Hdf5File, Hdf5Node } from '../hdf5/types.js';
import { baseName, childPath, resolveNode, toText } from './values.js';

/** One child of an NWB group as a summary lists it. */
export interface NwbObject {
  name: string;
  /** Path where it sits (for links: the link's own path). */
  path: string;
  kind: 'group' | 'dataset' | 'link' | 'external-link' | 'broken-link';
  /** Soft and external links: where they point. */
  target?: string;
  neurodataType?: string;
  namespace?: string;
  description?: string;
}

/** The neurodata type and namespace of the object at `path` (following links), when it has them. */
export async function readNeurodataType(
  file: Hdf5File,
  path: string,
): Promise<{ neurodataType?: string; namespace?: string; description?: string }> {
  const node = await resolveNode(file, path);
  if (!node || (node.kind !== 'group' && node.kind !== 'dataset')) return {};
  const attrs = await file.attrs(path);
  const out: { neurodataType?: string; namespace?: string; description?: string } = {};
  const type = toText(attrs.neurodata_type ?? attrs.data_type);
  const namespace = toText(attrs.namespace);
  const description = toText(attrs.description);
  if (type !== undefined) out.neurodataType = type;
  if (namespace !== undefined) out.namespace = namespace;
  if (description !== undefined) out.description = description;
  return out;
}

/** Describe one node of the tree as an NwbObject (types read from the link target for soft links). */
export async function describeNode(file: Hdf5File, node: Hdf5Node): Promise<NwbObject> {
  const name = baseName(node.path);
  if (node.kind === 'external-link') return { name, path: node.path, kind: 'external-link', target: node.target ?? '' };
  if (node.kind === 'broken-link') return { name, path: node.path, kind: 'broken-link', target: node.target ?? '' };
  const base: NwbObject =
    node.kind === 'soft-link'
      ? { name, path: node.path, kind: 'link', target: node.target ?? '' }
      : { name, path: node.path, kind: node.kind === 'dataset' ? 'dataset' : 'group' };
  return { ...base, ...(await readNeurodataType(file, node.path)) };
}

/** The children of an NWB group, typed; an absent group gives an empty list. */
export async function listTypedChildren(file: Hdf5File, path: string): Promise<NwbObject[]> {
  const node = await resolveNode(file, path);
  if (!node || node.kind !== 'group') return [];
  const children = await file.list(path);
  // Asked together: over ranges each answer may wait on the network, and the order is kept by Promise.all.
  return Promise.all(
    children.map((child) => describeNode(file, { ...child, path: childPath(path, baseName(child.path)) })),
  );
}
