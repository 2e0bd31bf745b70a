// JSON for HDF5 values: bigint that do not fit a double as strings (JSON has no 64-bit integers), references as
// { "reference": path }, nested arrays in C order for dataset values, and the --stats object.
import type { AttrValue, DatasetValues, FetchStats } from '@ember-archive/core';

/** JSON.stringify replacer: bigint as a number when exact, else as a decimal string. */
export function bigintReplacer(_key: string, value: unknown): unknown {
  if (typeof value !== 'bigint') return value;
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
}

/** Flat C-order values as nested arrays of `shape` (a scalar for shape []); bools as booleans. */
export function nestValues(read: DatasetValues): unknown {
  const flat = Array.from(read.values as ArrayLike<number | bigint | string | AttrValue>, (v) =>
    read.dtype === 'bool' && typeof v === 'number' ? v !== 0 : v,
  );
  if (read.shape.length === 0) return flat[0] ?? null;
  const build = (axis: number, start: number): unknown[] => {
    const size = read.shape[axis]!;
    const inner = read.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: size }, (_, i) => (axis === read.shape.length - 1 ? flat[start + i] : build(axis + 1, start + i * inner)));
  };
  return build(0, 0);
}

/** The --stats figures: requests, bytes fetched, file size. */
export function statsJson(stats: FetchStats & { fileSize: number }): { requests: number; bytesFetched: number; fileSize: number; cacheHits: number } {
  return { requests: stats.requests, bytesFetched: stats.bytesFetched, fileSize: stats.fileSize, cacheHits: stats.cacheHits };
}

/** The --stats line for humans. */
export function statsLine(stats: FetchStats & { fileSize: number }): string {
  const share = stats.fileSize > 0 ? ((100 * stats.bytesFetched) / stats.fileSize).toFixed(2) : '0';
  return `${stats.requests} requests, ${stats.bytesFetched} bytes fetched (${share}% of ${stats.fileSize} bytes)\n`;
}
