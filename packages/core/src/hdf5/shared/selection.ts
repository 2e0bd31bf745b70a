// Selections: the `--slice "0:10,:,1"` text, Python-style index rules (negative counts from the end, stops clamp),
// and copying a selection out of an already decoded block. Pure functions, tested with tables of cases.
import { InvalidInputError } from '../../errors.js';
import type { Slice } from '../types.js';

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
  if (!/^[+-]?\d+$/.test(value))
    throw new InvalidInputError(`"${value}" in the slice "${whole}" is not an integer.`, whole);
  return Number(value);
}

/** Resolve a selection against `shape` the way numpy does; missing trailing dimensions mean "all". */
export function resolveSelection(shape: readonly number[], selection: readonly Slice[] = []): ResolvedSelection {
  if (selection.length > shape.length) {
    throw new InvalidInputError(
      `The selection has ${selection.length} dimensions but the dataset has ${shape.length}.`,
    );
  }
  const dims = shape.map((n, axis): ResolvedDim => {
    const item = selection[axis] ?? null;
    if (item === null) return { start: 0, stop: n, step: 1, count: n, dropped: false };
    if (typeof item === 'number') {
      if (!Number.isInteger(item)) throw new InvalidInputError(`Index ${item} on axis ${axis} is not an integer.`);
      const index = item < 0 ? item + n : item;
      if (index < 0 || index >= n)
        throw new InvalidInputError(`Index ${item} is out of range for axis ${axis} of size ${n}.`);
      return { start: index, stop: index + 1, step: 1, count: 1, dropped: true };
    }
    const [rawStart, rawStop, rawStep = 1] = item;
    if (!Number.isInteger(rawStep) || rawStep <= 0)
      throw new InvalidInputError(`The step on axis ${axis} must be a positive integer.`);
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
  // Trailing axes taken whole (step 1) make every run along `runAxis` one contiguous span in both arrays: copy those
  // spans natively (a whole-series read is one memcpy instead of millions of indexed loads through a generic type).
  const typed = ArrayBuffer.isView(block) && ArrayBuffer.isView(out);
  let runAxis = rank - 1;
  while (
    runAxis > 0 &&
    dims[runAxis]!.start === 0 &&
    dims[runAxis]!.step === 1 &&
    dims[runAxis]!.count === blockShape[runAxis]
  )
    runAxis--;
  const spans = typed && rank > 0 && dims[runAxis]!.step === 1;
  let written = 0;
  const visit = (axis: number, base: number): void => {
    const dim = dims[axis]!;
    const first = axis === 0 ? dim.start - blockStart : dim.start;
    const stride = strides[axis]!;
    if (spans && axis === runAxis) {
      const from = base + first * stride;
      const length = dim.count * stride;
      (out as unknown as Float64Array).set((block as unknown as Float64Array).subarray(from, from + length), written);
      written += length;
      return;
    }
    if (axis === rank - 1) {
      for (let i = 0, index = first; i < dim.count; i++, index += dim.step)
        out[written++] = block[base + index * stride]!;
      return;
    }
    for (let i = 0, index = first; i < dim.count; i++, index += dim.step) visit(axis + 1, base + index * stride);
  };
  if (rank === 0) return;
  visit(0, 0);
}

/** Copy `src` (C order, shape `srcShape`) into `out` (C order, shape `outShape`) at `offset`. */
export function placeBox(
  src: TypedArrayLike,
  srcShape: readonly number[],
  out: TypedArrayLike,
  outShape: readonly number[],
  offset: readonly number[],
): void {
  const rank = srcShape.length;
  const strides = new Array<number>(rank).fill(1);
  for (let axis = rank - 2; axis >= 0; axis--) strides[axis] = strides[axis + 1]! * outShape[axis + 1]!;
  const base = offset.reduce((sum, o, axis) => sum + o * strides[axis]!, 0);
  // Axes of extent 1 only shift the base; an axis whose step in `out` equals the span of the next merges with it.
  // A chunk column of JABS points, (rows, 1, 2, 1) in (rows, 4, 12, 2), becomes two loops: rows x 2 at strides 96, 2.
  const dims: { n: number; stride: number }[] = [];
  for (let axis = 0; axis < rank; axis++)
    if (srcShape[axis]! > 1) dims.push({ n: srcShape[axis]!, stride: strides[axis]! });
  for (let i = dims.length - 2; i >= 0; i--) {
    const outer = dims[i]!;
    const inner = dims[i + 1]!;
    if (outer.stride === inner.n * inner.stride) dims.splice(i, 2, { n: outer.n * inner.n, stride: inner.stride });
  }
  if (dims.length === 0) {
    if (src.length > 0) out[base] = src[0]!;
    return;
  }
  if (dims.length === 1 && dims[0]!.stride === 1 && ArrayBuffer.isView(src) && ArrayBuffer.isView(out)) {
    (out as unknown as Float64Array).set((src as unknown as Float64Array).subarray(0, dims[0]!.n), base);
    return;
  }
  // Copy bits through unsigned views of the element's width, so the loops below see at most three array types
  // (every dtype through one loop made its element accesses megamorphic: 12 ns per element instead of ~1).
  const width =
    ArrayBuffer.isView(src) && ArrayBuffer.isView(out) ? (src as unknown as Uint8Array).BYTES_PER_ELEMENT : 0;
  if (width > 0 && width === (out as unknown as Uint8Array).BYTES_PER_ELEMENT) {
    const words = width === 8 ? 2 : 1;
    const view = (a: TypedArrayLike): TypedArrayLike => {
      const { buffer, byteOffset, byteLength } = a as unknown as Uint8Array;
      const Kind = width === 1 ? Uint8Array : width === 2 ? Uint16Array : Uint32Array;
      return new Kind(buffer as ArrayBuffer, byteOffset, byteLength / Kind.BYTES_PER_ELEMENT);
    };
    copyStrided(
      view(src),
      view(out),
      dims.map((d) => ({ n: d.n, stride: d.stride * words })).concat(words === 2 ? [{ n: 2, stride: 1 }] : []),
      base * words,
    );
    return;
  }
  copyStrided(src, out, dims, base);
}

/** Copy `src` in order to the places of `out` that the (extent, stride) axes `dims` visit, starting at `base`. */
function copyStrided(
  src: TypedArrayLike,
  out: TypedArrayLike,
  dims: { n: number; stride: number }[],
  base: number,
): void {
  if (dims.length <= 2) {
    const [outer, inner] = dims.length === 2 ? [dims[0]!, dims[1]!] : [{ n: 1, stride: 0 }, dims[0]!];
    let from = 0;
    for (let a = 0, row = base; a < outer.n; a++, row += outer.stride) {
      for (let b = 0, at = row; b < inner.n; b++, at += inner.stride) out[at] = src[from++]!;
    }
    return;
  }
  // Any deeper box: an odometer over all but the last merged axis.
  const last = dims[dims.length - 1]!;
  const index = new Array<number>(dims.length - 1).fill(0);
  let row = base;
  for (let from = 0; from < src.length;) {
    for (let b = 0, at = row; b < last.n; b++, at += last.stride) out[at] = src[from++]!;
    for (let axis = dims.length - 2; axis >= 0; axis--) {
      const dim = dims[axis]!;
      row += dim.stride;
      if (++index[axis]! < dim.n) break;
      row -= dim.stride * dim.n;
      index[axis] = 0;
    }
  }
}
