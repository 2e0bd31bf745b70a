// Small readers that turn HDF5 values into the plain JS values NWB metadata needs (text, numbers, lists).
// NWB stores text as variable-length UTF-8 and widens numeric types freely, so every reader here accepts any
// string or numeric dtype (nwb-schema docs/storage/source/storage_hdf5.rst).
import type { AttrValue, DatasetValues, Hdf5File } from '../hdf5/types.js';

/** The values of a read as plain numbers (64-bit integers converted; strings parsed). */
export function toNumbers(values: DatasetValues['values']): number[] {
  const out: number[] = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = toNumber(values[i] as AttrValue);
  return out;
}

/** One decoded value as a number (NaN when it is not numeric). */
export function toNumber(value: AttrValue | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  if (Array.isArray(value) && value.length === 1) return toNumber(value[0]);
  return Number.NaN;
}

/** One decoded value as text; bytes-like arrays of one element are unwrapped. */
export function toText(value: AttrValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 1 ? toText(value[0]) : value.map((v) => toText(v) ?? '').join(', ');
  return undefined;
}

/** Whether a dataset (or a link to one) exists at `path`. */
export async function hasDataset(file: Hdf5File, path: string): Promise<boolean> {
  const node = await resolveNode(file, path);
  return node?.kind === 'dataset';
}

/** The node at `path`, following soft links (at most a few hops) to what they point at. */
export async function resolveNode(file: Hdf5File, path: string): Promise<import('../hdf5/types.js').Hdf5Node | null> {
  let node = await file.node(path);
  for (let hops = 0; node && node.kind === 'soft-link' && node.target && hops < 8; hops++) {
    const target = await file.node(node.target);
    if (!target) return { path, kind: 'broken-link', target: node.target };
    node = { ...target, path };
  }
  return node;
}

/** A scalar or 1-element text dataset, or undefined when absent. */
export async function readText(file: Hdf5File, path: string): Promise<string | undefined> {
  const list = await readTextList(file, path);
  if (list === undefined) return undefined;
  return list.length === 1 ? list[0] : list.join(', ');
}

/** A text dataset as a list (scalar -> one item), or undefined when absent. */
export async function readTextList(file: Hdf5File, path: string): Promise<string[] | undefined> {
  if (!(await hasDataset(file, path))) return undefined;
  const { values } = await file.read(path);
  const out: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const text = toText(values[i] as AttrValue);
    if (text !== undefined) out.push(text);
  }
  return out;
}

/** A numeric dataset as numbers, or undefined when absent. */
export async function readNumbers(file: Hdf5File, path: string): Promise<number[] | undefined> {
  if (!(await hasDataset(file, path))) return undefined;
  return toNumbers((await file.read(path)).values);
}

/** Attributes of `path`, or an empty record when the object does not exist. */
export async function attrsOf(file: Hdf5File, path: string): Promise<Record<string, AttrValue>> {
  if (!(await resolveNode(file, path))) return {};
  return file.attrs(path);
}

/** Join an HDF5 group path and a child name. */
export function childPath(parent: string, name: string): string {
  return parent === '/' || parent === '' ? `/${name}` : `${parent.replace(/\/+$/, '')}/${name}`;
}

/** The last component of an HDF5 path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The target path of an object-reference attribute (scalar or one-element array), if it is one. */
export function referenceTarget(value: AttrValue | undefined): string | undefined {
  if (Array.isArray(value) && value.length === 1) return referenceTarget(value[0]);
  if (value && typeof value === 'object' && !Array.isArray(value) && 'reference' in value && value.reference)
    return value.reference;
  return undefined;
}
