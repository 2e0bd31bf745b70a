// Copy the part of one decoded chunk that falls inside a selected box into the box's C-order output. Elements are
// moved as unsigned words of their width (8-byte elements as two 32-bit words), so bits come through unchanged (no
// NaN canonicalisation) and the copy loops see at most three array types whatever the dtype.

/** A box of a dataset: per axis the first index and how many (step 1). */
export interface Box {
  start: readonly number[];
  count: readonly number[];
}

/** Unsigned views of the element's width. */
export type Words = Uint8Array | Uint16Array | Uint32Array;

/** The word view of a typed array's bytes: elements of 1, 2, 4 or 8 bytes; `bytes` must be aligned to the word. */
export function wordsOf(bytes: ArrayBufferView, elementSize: number): Words {
  const { buffer, byteOffset, byteLength } = bytes;
  if (elementSize === 1) return new Uint8Array(buffer, byteOffset, byteLength);
  if (elementSize === 2) return new Uint16Array(buffer, byteOffset, byteLength >>> 1);
  return new Uint32Array(buffer, byteOffset, byteLength >>> 2);
}

/** Words per element (8-byte elements are two 32-bit words). */
export function wordsPerElement(elementSize: number): number {
  return elementSize === 8 ? 2 : 1;
}

interface Axis {
  n: number;
  src: number;
  out: number;
}

/**
 * Copy the intersection of the chunk at `chunkOffset` (full shape `chunkShape`, C order, as HDF5 stores every
 * chunk including edge ones) with `box` from `src` into `out`. Both arrays are word views of the same element width.
 */
export function placeChunk(
  src: Words,
  chunkShape: readonly number[],
  chunkOffset: readonly number[],
  out: Words,
  box: Box,
  perElement: number,
): void {
  const rank = chunkShape.length;
  const axes: Axis[] = [];
  let srcBase = 0;
  let outBase = 0;
  let srcStride = perElement;
  let outStride = perElement;
  for (let d = rank - 1; d >= 0; d--) {
    const lo = Math.max(chunkOffset[d]!, box.start[d]!);
    const hi = Math.min(chunkOffset[d]! + chunkShape[d]!, box.start[d]! + box.count[d]!);
    if (hi <= lo) return;
    srcBase += (lo - chunkOffset[d]!) * srcStride;
    outBase += (lo - box.start[d]!) * outStride;
    if (hi - lo > 1) axes.unshift({ n: hi - lo, src: srcStride, out: outStride });
    srcStride *= chunkShape[d]!;
    outStride *= box.count[d]!;
  }
  if (perElement > 1) axes.push({ n: perElement, src: 1, out: 1 });
  // An axis whose steps in both arrays equal the span of the next one merges with it: whole chunk rows inside whole
  // box rows become one run.
  for (let i = axes.length - 2; i >= 0; i--) {
    const outer = axes[i]!;
    const inner = axes[i + 1]!;
    if (outer.src === inner.n * inner.src && outer.out === inner.n * inner.out)
      axes.splice(i, 2, { n: outer.n * inner.n, src: inner.src, out: inner.out });
  }
  if (axes.length === 0) {
    out[outBase] = src[srcBase]!;
    return;
  }
  const last = axes[axes.length - 1]!;
  const contiguous = last.src === 1 && last.out === 1;
  if (axes.length <= 2 && !(contiguous && last.n >= 16)) {
    // Narrow chunk columns (JABS points: 2 values per row at a stride) as one tight double loop.
    const rows = axes.length === 2 ? axes[0]! : { n: 1, src: 0, out: 0 };
    copyRows(src, srcBase, out, outBase, rows.n, rows.src, rows.out, last.n, last.src, last.out);
    return;
  }
  const outer = axes.slice(0, -1);
  const index = new Array<number>(outer.length).fill(0);
  let s = srcBase;
  let o = outBase;
  for (;;) {
    if (contiguous && last.n >= 16) out.set(src.subarray(s, s + last.n), o);
    else copyRun(src, s, last.src, out, o, last.out, last.n);
    // Odometer over the outer axes.
    let axis = outer.length - 1;
    for (; axis >= 0; axis--) {
      const a = outer[axis]!;
      s += a.src;
      o += a.out;
      if (++index[axis]! < a.n) break;
      s -= a.src * a.n;
      o -= a.out * a.n;
      index[axis] = 0;
    }
    if (axis < 0) return;
  }
}

function copyRun(src: Words, s: number, srcStep: number, out: Words, o: number, outStep: number, n: number): void {
  for (let k = 0; k < n; k++, s += srcStep, o += outStep) out[o] = src[s]!;
}

function copyRows(
  src: Words,
  s: number,
  out: Words,
  o: number,
  rows: number,
  srcRow: number,
  outRow: number,
  n: number,
  srcStep: number,
  outStep: number,
): void {
  for (let r = 0; r < rows; r++, s += srcRow, o += outRow) {
    for (let k = 0, a = s, b = o; k < n; k++, a += srcStep, b += outStep) out[b] = src[a]!;
  }
}
