// A dataset as a person looks at it: dtype in words (compound members, enum names), storage facts, the fill value
// and the first few values as display strings, read with one small selection whatever the dataset's size.
import type { DatasetInfo, DatasetValues, Hdf5File, Slice } from '../hdf5/types.js';
import { nestValues } from '../json/nest-values.js';
import type { DatasetSummary, DatasetValuesJson } from './explorer.js';
import { formatAttrValue, formatFloat } from './value-text.js';

/** How many leading values a dataset summary shows. */
export const FIRST_VALUES = 12;

/**
 * The selection holding the first `count` values in C order: trailing dimensions whole while they fit, one
 * dimension cut, the leading ones at index 0 (a contiguous prefix of the flattened dataset).
 */
export function firstValuesSelection(shape: readonly number[], count: number): Slice[] {
  const selection: Slice[] = shape.map(() => [0, 1] as [number, number]);
  let taken = 1;
  for (let dim = shape.length - 1; dim >= 0; dim--) {
    const size = shape[dim] ?? 0;
    if (size * taken <= count) {
      selection[dim] = [0, size];
      taken *= size;
      continue;
    }
    selection[dim] = [0, Math.max(1, Math.floor(count / taken))];
    break;
  }
  return selection;
}

/**
 * The dtype in words: compound members with their types (an array member as its elements' dtype and shape), enum
 * names, a fixed-length string's size, or the plain dtype; numbers stored big-endian say so, as h5py's '>f4' does.
 */
export function dtypeText(
  info: Pick<DatasetInfo, 'dtype' | 'itemSize' | 'littleEndian' | 'vlen' | 'members' | 'enumValues'>,
): string {
  if (info.members && info.members.length > 0) {
    const members = info.members.map(
      (m) => `${m.name}: ${m.base ?? m.dtype}${m.shape ? `[${m.shape.join(',')}]` : ''}`,
    );
    return `compound {${members.join(', ')}}`;
  }
  if (info.enumValues) return `enum {${Object.keys(info.enumValues).join(', ')}}`;
  if (info.dtype === 'string' && info.vlen === false) return `string (fixed, ${info.itemSize} bytes)`;
  return info.littleEndian === false && info.itemSize > 1 ? `${info.dtype}, big-endian` : info.dtype;
}

/** A fill value as shown: strings quoted, null (compound, opaque... or undefined) as "none". */
export function fillText(value: NonNullable<DatasetInfo['fillValue']> | null): string {
  if (value === null) return 'none';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return formatFloat(value);
  return String(value);
}

/** Values as the details pane shows them: floats to 6 significant digits, the rest as attribute values. */
export function valueTexts(values: DatasetValues['values']): string[] {
  const out: string[] = [];
  for (const v of values as Iterable<unknown>) out.push(typeof v === 'number' ? formatFloat(v) : formatAttrValue(v));
  return out;
}

/** Describe the dataset at `path`: its info, attributes and first {@link FIRST_VALUES} values. */
export async function describeDataset(hdf5: Hdf5File, path: string): Promise<DatasetSummary> {
  const [info, attrs] = await Promise.all([hdf5.dataset(path), hdf5.attrs(path)]);
  const shape = info.shape;
  const elementCount = shape === null ? 0 : shape.reduce((a, b) => a * b, 1);
  let firstValues: string[] = [];
  if (shape !== null && elementCount > 0 && info.dtype !== 'opaque' && info.dtype !== 'unknown') {
    const read =
      shape.length === 0 ? await hdf5.read(path) : await hdf5.read(path, firstValuesSelection(shape, FIRST_VALUES));
    firstValues = valueTexts(read.values).slice(0, FIRST_VALUES);
  }
  return {
    path,
    shape,
    dtype: dtypeText(info),
    chunks: info.chunks,
    filters: info.filters.map((f) => f.name),
    ...(info.storageSize !== undefined ? { storageSize: info.storageSize } : {}),
    ...(info.fillValue !== undefined ? { fillValue: fillText(info.fillValue) } : {}),
    attrs,
    firstValues,
    elementCount,
  };
}

/** Values read from the dataset at `path` as JSON, with its storage facts when known. */
export function valuesJson(
  path: string,
  read: DatasetValues,
  facts: Pick<DatasetInfo, 'fillValue' | 'storageSize'>,
): DatasetValuesJson {
  return {
    path,
    shape: read.shape,
    dtype: read.dtype,
    values: nestValues(read),
    ...(facts.fillValue !== undefined ? { fillValue: facts.fillValue } : {}),
    ...(facts.storageSize !== undefined ? { storageSize: facts.storageSize } : {}),
  };
}

/** The values at `path` (or a selection) as JSON, with the dataset's fill value and bytes on disk. */
export async function readValuesJson(hdf5: Hdf5File, path: string, selection?: Slice[]): Promise<DatasetValuesJson> {
  const read = await hdf5.read(path, selection);
  // Storage facts of the dataset (its B-tree was just read for the values, so this costs no extra fetch).
  return valuesJson(path, read, await hdf5.dataset(path));
}
