// Selections: the `--slice "0:10,:,1"` text, Python-style index rules (negative counts from the end, stops clamp),
// and copying a selection out of an already decoded block. Pure functions, tested with tables of cases.
import { InvalidInputError } from '../errors.js';
import type { Slice } from './types.js';

/** One dimension resolved against a shape: [start, stop) by step, and whether an index dropped the dimension. */
export interface ResolvedDim {
  start: number;
  stop: number;
  step: number;
  count: number;
  dropped: boolean;
}

/** A selection resolved against a dataset shape. */
export interface ResolvedSelection {
  dims: ResolvedDim[];
  /** Shape of the result (indexed dimensions removed). */
  shape: number[];
  /** Elements selected. */
  count: number;
}

/** Parse `0:10,:,1` (numpy basic slicing: start:stop:step, bare index, `:` or empty for all) into Slice[]. */
export function parseSliceText(text: string): Slice[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  return trimmed.split(',').map((part) => {
    const item = part.trim();
    if (item === '' || item === ':' || item === '::') return null;
    const pieces = item.split(':');
    if (pieces.length === 1) return parseInteger(item, text);
    if (pieces.length > 3) throw new InvalidInputError(`"${item}" in the slice "${text}" has too many colons.`, text);
    const [startText = '', stopText = '', stepText = ''] = pieces.map((p) => p.trim());
    const start = startText === '' ? 0 : parseInteger(startText, text);
    const stop = stopText === '' ? Number.MAX_SAFE_INTEGER : parseInteger(stopText, text);
    if (stepText === '') return [start, stop];
    const step = parseInteger(stepText, text);
    if (step <= 0) throw new InvalidInputError(`The step in "${item}" must be a positive integer.`, text);
    return [start, stop, step];
  });
}

function parseInteger(value: string, whole: string): number {
  if (!/^[+-]?\d+$/.test(value)) throw new InvalidInputError(`"${value}" in the slice "${whole}" is not an integer.`, whole);
  return Number(value);
}

/** Resolve a selection against `shape` the way numpy does; missing trailing dimensions mean "all". */
export function resolveSelection(shape: readonly number[], selection: readonly Slice[] = []): ResolvedSelection {
  if (selection.length > shape.length) {
    throw new InvalidInputError(`The selection has ${selection.length} dimensions but the dataset has ${shape.length}.`);
  }
  const dims = shape.map((n, axis): ResolvedDim => {
    const item = selection[axis] ?? null;
    if (item === null) return { start: 0, stop: n, step: 1, count: n, dropped: false };
    if (typeof item === 'number') {
      if (!Number.isInteger(item)) throw new InvalidInputError(`Index ${item} on axis ${axis} is not an integer.`);
      const index = item < 0 ? item + n : item;
      if (index < 0 || index >= n) throw new InvalidInputError(`Index ${item} is out of range for axis ${axis} of size ${n}.`);
      return { start: index, stop: index + 1, step: 1, count: 1, dropped: true };
    }
    const [rawStart, rawStop, rawStep = 1] = item;
    if (!Number.isInteger(rawStep) || rawStep <= 0) throw new InvalidInputError(`The step on axis ${axis} must be a positive integer.`);
    const start = clampIndex(rawStart, n);
    const stop = Math.max(start, clampIndex(rawStop, n));
    return { start, stop, step: rawStep, count: Math.ceil((stop - start) / rawStep), dropped: false };
  });
  return {
    dims,
    shape: dims.filter((d) => !d.dropped).map((d) => d.count),
    count: dims.reduce((product, d) => product * d.count, 1),
  };
}

function clampIndex(value: number, n: number): number {
  if (!Number.isInteger(value)) throw new InvalidInputError(`Slice bound ${value} is not an integer.`);
  const index = value < 0 ? value + n : value;
  return Math.min(n, Math.max(0, index));
}

/** Array-like with a constructor, i.e. any typed array. */
export interface TypedArrayLike {
  readonly length: number;
  [index: number]: number | bigint;
}

/**
 * Copy the elements of `dims` (absolute coordinates) out of `block`, a C-order array of shape `blockShape` whose
 * first axis starts at row `blockStart`; writes them into `out` in C order.
 */
export function extractFromBlock(
  block: TypedArrayLike,
  blockShape: readonly number[],
  blockStart: number,
  dims: readonly ResolvedDim[],
  out: TypedArrayLike,
): void {
  const rank = blockShape.length;
  const strides = new Array<number>(rank).fill(1);
  for (let axis = rank - 2; axis >= 0; axis--) strides[axis] = strides[axis + 1]! * blockShape[axis + 1]!;
  let written = 0;
  const visit = (axis: number, base: number): void => {
    const dim = dims[axis]!;
    const first = axis === 0 ? dim.start - blockStart : dim.start;
    const stride = strides[axis]!;
    if (axis === rank - 1) {
      for (let i = 0, index = first; i < dim.count; i++, index += dim.step) out[written++] = block[base + index * stride]!;
      return;
    }
    for (let i = 0, index = first; i < dim.count; i++, index += dim.step) visit(axis + 1, base + index * stride);
  };
  if (rank === 0) return;
  visit(0, 0);
}
