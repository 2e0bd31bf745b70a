// Frame windows and selections shared by the pose readers: validate [start, end) and pick individuals/keypoints.
import { InvalidInputError } from '../errors.js';
import type { ReadPoseOptions } from './model.js';

/** Clamp nothing: a window outside [0, frameCount] is the user's mistake and says so. */
export function resolveWindow(
  options: ReadPoseOptions,
  frameCount: number,
  location: string,
): { start: number; end: number } {
  const start = options.start ?? 0;
  const end = options.end ?? frameCount;
  for (const [name, value] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new InvalidInputError(
        `The ${name} frame must be a whole number of at least 0, not ${value}.`,
        String(value),
      );
    }
  }
  if (start > end)
    throw new InvalidInputError(`The start frame ${start} is after the end frame ${end}.`, `${start}:${end}`);
  if (end > frameCount) {
    throw new InvalidInputError(`The end frame ${end} is past the ${frameCount} frames of ${location}.`, String(end));
  }
  return { start, end };
}

/** Indices of the wanted names in `all` (all of them when none are asked for); unknown names are an error. */
export function selectNames(
  all: readonly string[],
  wanted: readonly string[] | undefined,
  what: string,
  location: string,
): number[] {
  if (!wanted || wanted.length === 0) return all.map((_, i) => i);
  return wanted.map((name) => {
    const index = all.indexOf(name);
    if (index < 0) {
      throw new InvalidInputError(
        `${location} has no ${what} "${name}"; it has ${all.map((n) => `"${n}"`).join(', ') || 'none'}.`,
        name,
      );
    }
    return index;
  });
}

/** Bytes per read when extracting long windows: large enough that per-call costs vanish, far below the read limit. */
export const BYTES_PER_READ = 32 * 1024 * 1024;

/** Rows per read for rows of `rowBytes` bytes. */
export function rowsPerRead(rowBytes: number): number {
  return Math.max(1024, Math.floor(BYTES_PER_READ / Math.max(1, rowBytes)));
}

/** Split [start, end) into consecutive blocks of at most `size` rows. */
export function* rowBlocks(start: number, end: number, size = 65_536): Generator<[number, number]> {
  for (let lo = start; lo < end; lo += size) yield [lo, Math.min(end, lo + size)];
}

/**
 * Rows per block when a long window is split so that the reader's worker inflates the next block while this thread
 * converts the last: about `pieces` blocks, each a whole number of `chunkRows` (so no chunk is inflated twice), never
 * more than `maxRows`.
 */
export function pipelinedBlockRows(rows: number, chunkRows: number | undefined, maxRows: number, pieces = 4): number {
  const unit = chunkRows !== undefined && chunkRows > 0 ? chunkRows : 1;
  const wanted = Math.ceil(Math.ceil(rows / pieces) / unit) * unit;
  return Math.max(unit, Math.min(wanted, Math.max(unit, Math.floor(maxRows / unit) * unit)));
}

/** Split [start, end) at multiples of `size` (chunk-aligned blocks when `size` is a multiple of the chunk rows). */
export function* alignedRowBlocks(start: number, end: number, size: number): Generator<[number, number]> {
  for (let lo = start; lo < end;) {
    const hi = Math.min(end, (Math.floor(lo / size) + 1) * size);
    yield [lo, hi];
    lo = hi;
  }
}

/** Keep the edges whose both ends were selected, renumbered to the selection. */
export function remapEdges(edges: readonly [number, number][], chosen: number[]): [number, number][] {
  const position = new Map(chosen.map((k, i) => [k, i]));
  const out: [number, number][] = [];
  for (const [a, b] of edges) {
    const pa = position.get(a);
    const pb = position.get(b);
    if (pa !== undefined && pb !== undefined) out.push([pa, pb]);
  }
  return out;
}
