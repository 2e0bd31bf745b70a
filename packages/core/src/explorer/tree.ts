// The object tree of a file as JSON: every node under a path (the whole file by default), with the storage facts
// h5py shows (bytes on disk, fill value) when asked, and attributes unless told not to read them.
import { InvalidInputError } from '../errors.js';
import type { AttrValue, DatasetInfo, Hdf5File, Hdf5Node } from '../hdf5/types.js';

/** One node of the tree as JSON. Key order is the one `tree --json` prints. */
export interface TreeNode {
  path: string;
  kind: Hdf5Node['kind'];
  shape?: number[] | null;
  dtype?: string;
  /** With `storage`: bytes on disk of a dataset. */
  storageSize?: number;
  /** With `storage`: a dataset's fill value (h5py's ds.fillvalue). */
  fillValue?: DatasetInfo['fillValue'];
  target?: string;
  /** Attributes of groups, datasets and named datatypes (links have none); absent with `attrs: false`. */
  attrs?: Record<string, AttrValue>;
}

/** What {@link readTree} reads besides the nodes. */
export interface TreeOptions {
  /** Bytes on disk and fill value of every dataset (reads every dataset's chunk index). Default false. */
  storage?: boolean;
  /** Attributes of every object. Default true. */
  attrs?: boolean;
}

/** Bytes on disk and fill value per dataset path. */
export type StorageFacts = Map<string, Pick<DatasetInfo, 'storageSize' | 'fillValue'>>;

/** The nodes at and below `root` (the root group first for '/'); InvalidInputError when nothing is at `root`. */
export function withinSubtree(nodes: Hdf5Node[], root: string): Hdf5Node[] {
  const base = root === '/' ? '/' : root.replace(/\/+$/, '');
  const inside = nodes.filter((n) => base === '/' || n.path === base || n.path.startsWith(`${base}/`));
  if (base !== '/' && !inside.some((n) => n.path === base)) {
    throw new InvalidInputError(`Nothing exists at ${base} in this file.`, base);
  }
  return base === '/' ? [{ path: '/', kind: 'group' }, ...inside] : inside;
}

/** Bytes on disk and fill value of each dataset among `nodes`. */
export async function storageFacts(file: Hdf5File, nodes: Hdf5Node[]): Promise<StorageFacts> {
  const facts: StorageFacts = new Map();
  for (const node of nodes) {
    if (node.kind !== 'dataset') continue;
    const { storageSize, fillValue } = await file.dataset(node.path);
    facts.set(node.path, {
      ...(storageSize === undefined ? {} : { storageSize }),
      ...(fillValue === undefined ? {} : { fillValue }),
    });
  }
  return facts;
}

/** `nodes` as JSON nodes, with their storage facts and (unless `readAttrs` is false) attributes. */
export async function withAttrs(
  file: Hdf5File,
  nodes: Hdf5Node[],
  facts: StorageFacts | undefined,
  readAttrs = true,
): Promise<TreeNode[]> {
  const out: TreeNode[] = [];
  for (const node of nodes) {
    const isObject = node.kind === 'group' || node.kind === 'dataset' || node.kind === 'datatype';
    out.push({
      path: node.path,
      kind: node.kind,
      ...(node.kind === 'dataset' ? { shape: node.shape ?? null, dtype: node.dtype ?? 'unknown' } : {}),
      ...(facts?.get(node.path) ?? {}),
      ...(node.target === undefined ? {} : { target: node.target }),
      ...(readAttrs ? { attrs: isObject ? await file.attrs(node.path) : {} } : {}),
    });
  }
  return out;
}

/** The tree at and below `root` as JSON nodes. */
export async function readTree(file: Hdf5File, root = '/', options: TreeOptions = {}): Promise<TreeNode[]> {
  const nodes = withinSubtree(await file.walk(), root);
  const facts = options.storage === true ? await storageFacts(file, nodes) : undefined;
  return withAttrs(file, nodes, facts, options.attrs !== false);
}
