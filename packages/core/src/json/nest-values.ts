// Dataset values as JSON: the flat C-order values a read returns, nested into arrays of the dataset's shape.
import type { AttrValue, DatasetValues } from '../hdf5/types.js';

/** A value of a nested dataset value: numbers, bigints, strings, booleans, references and compound records. */
export type NestedValue = number | bigint | string | boolean | AttrValue | NestedValue[] | null;

/** Flat C-order values as nested arrays of `shape` (a scalar for shape []); bools as booleans. */
export function nestValues(read: Pick<DatasetValues, 'values' | 'shape' | 'dtype'>): NestedValue {
  const flat = Array.from(read.values as ArrayLike<number | bigint | string | AttrValue>, (v) =>
    read.dtype === 'bool' && typeof v === 'number' ? v !== 0 : v,
  );
  if (read.shape.length === 0) return flat[0] ?? null;
  const build = (axis: number, start: number): NestedValue[] => {
    const size = read.shape[axis] ?? 0;
    const inner = read.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: size }, (_, i) =>
      axis === read.shape.length - 1 ? (flat[start + i] ?? null) : build(axis + 1, start + i * inner),
    );
  };
  return build(0, 0);
}
