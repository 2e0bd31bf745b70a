// Chunks built here the way HDF5 stores them (node:zlib deflate, HDF5's shuffle, Fletcher-32 appended), placed at
// scattered addresses of a fake file with some chunks left unallocated; every box read must equal the same box cut
// element by element out of the source array.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deflateSync, inflate as inflateCallback } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  ChunkDecodeError,
  FILTER_DEFLATE,
  FILTER_FLETCHER32,
  FILTER_SHUFFLE,
  fletcher32,
  shuffle,
  unshuffle,
  type PipelineStep,
} from './decode-chunk.js';
import { runInDecoderPool } from './decode-pool.js';
import {
  mergeRanges,
  readChunkedBox,
  type ChunkedPlan,
  type ChunkIo,
  type ChunkRecord,
  type NumericArray,
} from './read-chunked.js';
import type { Box } from './place-chunk.js';

const inflateAsync = promisify(inflateCallback);
const inflate = async (bytes: Uint8Array): Promise<Uint8Array> => new Uint8Array(await inflateAsync(bytes));

type Kind = new (n: number) => NumericArray;
const DTYPES: [string, Kind][] = [
  ['int8', Int8Array],
  ['uint8', Uint8Array],
  ['int16', Int16Array],
  ['uint16', Uint16Array],
  ['int32', Int32Array],
  ['uint32', Uint32Array],
  ['int64', BigInt64Array],
  ['uint64', BigUint64Array],
  ['float32', Float32Array],
  ['float64', Float64Array],
];

/** Deterministic pseudo-random numbers (tests must be repeatable). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Random bytes for every element: NaN payloads, negative zero and extreme integers included. */
function randomArray(Kind: Kind, n: number, random: () => number): NumericArray {
  const out = new Kind(n);
  const bytes = new Uint8Array(out.buffer);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
  return out;
}

interface Built {
  plan: ChunkedPlan;
  file: Uint8Array;
  source: NumericArray;
  /** Grid cells left unallocated. */
  missing: Set<string>;
}

interface BuildOptions {
  filters?: ('shuffle' | 'deflate' | 'fletcher32')[];
  bigEndian?: boolean;
  unallocatedEvery?: number;
  fillValue?: number | bigint | null;
  seed?: number;
}

/** A dataset of `shape` stored in `chunkShape` chunks at shuffled addresses with gaps, like a file would. */
function build(Kind: Kind, shape: number[], chunkShape: number[], options: BuildOptions = {}): Built {
  const random = rng(options.seed ?? 7);
  const n = shape.reduce((a, b) => a * b, 1);
  const source = randomArray(Kind, n, random);
  const elementSize = source.BYTES_PER_ELEMENT;
  const filters = options.filters ?? [];
  const pipeline: PipelineStep[] = filters.map((f) =>
    f === 'shuffle'
      ? { id: FILTER_SHUFFLE, clientData: [elementSize] }
      : f === 'deflate'
        ? { id: FILTER_DEFLATE, clientData: [4] }
        : { id: FILTER_FLETCHER32, clientData: [] },
  );
  const grid = shape.map((s, d) => Math.ceil(s / chunkShape[d]!));
  const cells: number[][] = [];
  const visit = (d: number, prefix: number[]): void => {
    if (d === shape.length) return void cells.push(prefix);
    for (let i = 0; i < grid[d]!; i++) visit(d + 1, [...prefix, i]);
  };
  visit(0, []);
  const chunkElements = chunkShape.reduce((a, b) => a * b, 1);
  const pieces: { offsets: number[]; bytes: Uint8Array }[] = [];
  const missing = new Set<string>();
  cells.forEach((cell, i) => {
    if (options.unallocatedEvery && i % options.unallocatedEvery === 1) {
      missing.add(cell.join(','));
      return;
    }
    // The whole chunk, edge chunks padded with garbage past the dataset's extent (HDF5 stores full chunks).
    const chunk = randomArray(Kind, chunkElements, random);
    const offsets = cell.map((c, d) => c * chunkShape[d]!);
    const at = new Array<number>(shape.length);
    forEachIndex(chunkShape, (index, flat) => {
      let inside = true;
      for (let d = 0; d < shape.length; d++) {
        at[d] = index[d]! + offsets[d]!;
        if (at[d]! >= shape[d]!) inside = false;
      }
      if (inside) chunk[flat] = source[flatIndex(at, shape)]!;
    });
    let bytes = new Uint8Array(chunk.buffer.slice(0));
    if (options.bigEndian) bytes = reverseEach(bytes, elementSize);
    for (const filter of filters) {
      if (filter === 'shuffle') bytes = shuffle(bytes, elementSize);
      else if (filter === 'deflate') bytes = new Uint8Array(deflateSync(bytes, { level: 4 }));
      else {
        const sum = fletcher32(bytes);
        const withSum = new Uint8Array(bytes.length + 4);
        withSum.set(bytes);
        new DataView(withSum.buffer).setUint32(bytes.length, sum, true);
        bytes = withSum;
      }
    }
    pieces.push({ offsets, bytes });
  });
  // Scatter the chunks in reverse order with gaps of 0-99 bytes, as a file with metadata between them would.
  const chunks: ChunkRecord[] = [];
  let address = 2048;
  const parts: Uint8Array[] = [new Uint8Array(2048)];
  for (const piece of [...pieces].reverse()) {
    const gap = Math.floor(random() * 100);
    parts.push(new Uint8Array(gap));
    address += gap;
    chunks.push({ offsets: piece.offsets, address, size: piece.bytes.length, filterMask: 0 });
    parts.push(piece.bytes);
    address += piece.bytes.length;
  }
  chunks.sort((a, b) => compareC(a.offsets, b.offsets));
  const file = new Uint8Array(address);
  let at = 0;
  for (const part of parts) {
    file.set(part, at);
    at += part.length;
  }
  const plan: ChunkedPlan = {
    shape,
    chunkShape,
    filters: pipeline,
    elementSize,
    byteOrder: elementSize === 1 ? 'none' : options.bigEndian ? 'big' : 'little',
    chunks,
    fillValue: options.fillValue ?? null,
  };
  return { plan, file, source, missing };
}

function compareC(a: number[], b: number[]): number {
  for (let d = 0; d < a.length; d++) if (a[d] !== b[d]) return a[d]! - b[d]!;
  return 0;
}

function flatIndex(index: number[], shape: number[]): number {
  let flat = 0;
  for (let d = 0; d < shape.length; d++) flat = flat * shape[d]! + index[d]!;
  return flat;
}

function forEachIndex(shape: number[], visit: (index: number[], flat: number) => void): void {
  const n = shape.reduce((a, b) => a * b, 1);
  const index = new Array<number>(shape.length).fill(0);
  for (let flat = 0; flat < n; flat++) {
    visit(index, flat);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d]! < shape[d]!) break;
      index[d] = 0;
    }
  }
}

function reverseEach(bytes: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let at = 0; at < bytes.length; at += size)
    for (let k = 0; k < size; k++) out[at + k] = bytes[at + size - 1 - k]!;
  return out;
}

/** The box cut element by element: what a correct reader returns. */
function expectedBox(built: Built, box: Box): NumericArray {
  const { plan, source, missing } = built;
  const Kind = source.constructor as Kind;
  const out = new Kind(box.count.reduce((a, b) => a * b, 1));
  const at = new Array<number>(plan.shape.length);
  forEachIndex([...box.count], (index, flat) => {
    let cell = '';
    for (let d = 0; d < at.length; d++) {
      at[d] = index[d]! + box.start[d]!;
      cell += `${d === 0 ? '' : ','}${Math.floor(at[d]! / plan.chunkShape[d]!)}`;
    }
    if (missing.size > 0 && missing.has(cell)) {
      const fill = plan.fillValue;
      if (fill !== null && typeof fill !== 'string')
        (out as unknown as unknown[])[flat] =
          out instanceof BigInt64Array || out instanceof BigUint64Array ? BigInt(fill) : Number(fill);
    } else out[flat] = source[flatIndex(at, plan.shape)]!;
  });
  return out;
}

function fileIo(file: Uint8Array, extra: Partial<ChunkIo> = {}): ChunkIo & { reads: [number, number][] } {
  const reads: [number, number][] = [];
  return {
    reads,
    read: async (offset, length) => {
      reads.push([offset, length]);
      return file.slice(offset, Math.min(file.length, offset + length));
    },
    inflate,
    ...extra,
  };
}

async function readBox(built: Built, box: Box, io: ChunkIo = fileIo(built.file)): Promise<NumericArray> {
  const Kind = built.source.constructor as Kind;
  const out = new Kind(box.count.reduce((a, b) => a * b, 1));
  await readChunkedBox(built.plan, box, out, io);
  return out;
}

function bytesOf(values: NumericArray): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** Same bits (NaN payloads included); on a difference, the first differing element is what the failure shows. */
function expectSameValues(actual: NumericArray, expected: NumericArray, label = ''): void {
  expect(actual.length, label).toBe(expected.length);
  if (Buffer.from(bytesOf(actual)).equals(Buffer.from(bytesOf(expected)))) return;
  const size = actual.BYTES_PER_ELEMENT;
  const a = bytesOf(actual);
  const b = bytesOf(expected);
  let at = 0;
  while (a[at] === b[at]) at++;
  const element = Math.floor(at / size);
  expect(Array.from(a.subarray(element * size, element * size + size)), `${label} element ${element}`).toEqual(
    Array.from(b.subarray(element * size, element * size + size)),
  );
}

function randomBoxes(shape: number[], count: number, random: () => number): Box[] {
  const boxes: Box[] = [{ start: shape.map(() => 0), count: [...shape] }];
  for (let i = 0; i < count; i++) {
    const start = shape.map((s) => Math.floor(random() * s));
    boxes.push({ start, count: shape.map((s, d) => 1 + Math.floor(random() * (s - start[d]!))) });
  }
  return boxes;
}

const LAYOUTS: { shape: number[]; chunks: number[] }[] = [
  { shape: [1000], chunks: [128] },
  { shape: [437, 6], chunks: [50, 6] },
  { shape: [300, 4, 12, 2], chunks: [70, 1, 2, 1] },
  { shape: [41, 9, 7], chunks: [8, 4, 3] },
  { shape: [13, 5, 6, 3], chunks: [4, 2, 6, 2] },
];

describe('readChunkedBox', () => {
  for (const [name, Kind] of DTYPES) {
    it(`reads whole datasets and random boxes of ${name} in 1-4 dimensions, shuffled and deflated, edge chunks partial`, async () => {
      const random = rng(name.length * 31);
      for (const layout of LAYOUTS) {
        const built = build(Kind, layout.shape, layout.chunks, {
          filters: ['shuffle', 'deflate'],
          unallocatedEvery: 5,
          seed: layout.shape.length,
        });
        for (const box of randomBoxes(layout.shape, 6, random)) {
          expectSameValues(
            await readBox(built, box),
            expectedBox(built, box),
            `${name} ${layout.shape} ${box.start}+${box.count}`,
          );
        }
      }
    });
  }

  it('applies every filter combination, in reverse order of the pipeline', async () => {
    const combos: BuildOptions['filters'][] = [
      [],
      ['deflate'],
      ['shuffle'],
      ['fletcher32'],
      ['shuffle', 'deflate', 'fletcher32'],
      ['deflate', 'shuffle'],
    ];
    for (const filters of combos) {
      for (const Kind of [Float64Array, Uint16Array, Int8Array] as Kind[]) {
        const built = build(Kind, [437, 6], [50, 4], { filters });
        for (const box of randomBoxes([437, 6], 4, rng(3)))
          expectSameValues(await readBox(built, box), expectedBox(built, box), String(filters));
      }
    }
  });

  it('converts big-endian elements to the machine order', async () => {
    for (const Kind of [Int16Array, Uint32Array, Float32Array, Float64Array, BigInt64Array] as Kind[]) {
      const built = build(Kind, [100, 3], [30, 2], { filters: ['shuffle', 'deflate'], bigEndian: true });
      const box = { start: [5, 1], count: [90, 2] };
      expectSameValues(await readBox(built, box), expectedBox(built, box));
    }
  });

  it('reads unallocated chunks as the fill value', async () => {
    for (const [Kind, fill] of [
      [Float32Array, -1],
      [Int32Array, 7],
      [BigInt64Array, -3n],
      [Uint8Array, 255],
    ] as [Kind, number | bigint][]) {
      const built = build(Kind, [200, 5], [16, 2], { filters: ['deflate'], unallocatedEvery: 3, fillValue: fill });
      expect(built.missing.size).toBeGreaterThan(0);
      const whole = await readBox(built, { start: [0, 0], count: [200, 5] });
      expectSameValues(whole, expectedBox(built, { start: [0, 0], count: [200, 5] }));
      expect(Array.from(whole as ArrayLike<number | bigint>)).toContain(fill);
    }
  });

  it('skips a filter whose bit is set in the chunk filter mask', async () => {
    const built = build(Float32Array, [64], [16], { filters: ['shuffle', 'deflate'] });
    // Rewrite the first chunk as only shuffled (deflate, filter 1 of the pipeline, skipped).
    const first = built.plan.chunks[0]!;
    const raw = new Uint8Array(built.source.buffer, 0, 64);
    const stored = shuffle(raw, 4);
    const file = new Uint8Array(built.file.length + stored.length);
    file.set(built.file);
    file.set(stored, built.file.length);
    const chunks = built.plan.chunks.map((c) =>
      c === first ? { ...c, address: built.file.length, size: stored.length, filterMask: 0b10 } : c,
    );
    const patched = { ...built, file, plan: { ...built.plan, chunks } };
    const out = await readBox(patched, { start: [0], count: [64] }, fileIo(file));
    expectSameValues(out, built.source);
  });

  it('reads only the chunks a window needs, merged into few ranges', async () => {
    const built = build(Float64Array, [10_000, 2], [500, 2], { filters: ['deflate'] });
    const io = fileIo(built.file);
    const box = { start: [2_600, 0], count: [1_000, 2] };
    expectSameValues(await readBox(built, box, io), expectedBox(built, box));
    // Rows 2600-3599 touch chunks 5, 6 and 7: written next to each other, they come in one read.
    const needed = built.plan.chunks.filter((c) => c.offsets[0]! >= 2_500 && c.offsets[0]! < 3_600);
    expect(needed).toHaveLength(3);
    expect(io.reads).toHaveLength(1);
    const [offset, length] = io.reads[0]!;
    for (const chunk of needed)
      expect(chunk.address >= offset && chunk.address + chunk.size <= offset + length).toBe(true);
  });

  it('runs range jobs on decoder threads, from fetched bytes or reading a local file, into a shared output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'direct-pool-'));
    try {
      for (const [Kind, filters] of [
        [Float64Array, ['shuffle', 'deflate']],
        [Uint16Array, ['deflate', 'fletcher32']],
        [BigInt64Array, ['shuffle', 'deflate']],
      ] as [Kind, BuildOptions['filters']][]) {
        const built = build(
          Kind,
          [300, 4, 12, 2].slice(0, Kind === Uint16Array ? 4 : 2),
          Kind === Uint16Array ? [70, 1, 2, 1] : [64, 3],
          { filters, bigEndian: Kind === BigInt64Array },
        );
        const path = join(dir, `${Kind.name}.bin`);
        writeFileSync(path, built.file);
        for (const localPath of [undefined, path]) {
          for (const box of randomBoxes(built.plan.shape, 3, rng(5))) {
            const n = box.count.reduce((a, b) => a * b, 1);
            const out = new (Kind as unknown as new (b: ArrayBufferLike, o: number, n: number) => NumericArray)(
              new SharedArrayBuffer(n * built.source.BYTES_PER_ELEMENT),
              0,
              n,
            );
            await readChunkedBox(built.plan, box, out, { ...fileIo(built.file), run: runInDecoderPool, localPath });
            expectSameValues(out.slice(), expectedBox(built, box), `${Kind.name} ${localPath ? 'file' : 'bytes'}`);
          }
        }
        // A damaged chunk fails the job with the chunk named, as on this thread.
        const corrupt = built.file.slice();
        corrupt.fill(0x55, built.plan.chunks[0]!.address + 2, built.plan.chunks[0]!.address + 12);
        const out = new (Kind as unknown as new (b: ArrayBufferLike, o: number, n: number) => NumericArray)(
          new SharedArrayBuffer(built.source.byteLength),
          0,
          built.source.length,
        );
        await expect(
          readChunkedBox(built.plan, { start: built.plan.shape.map(() => 0), count: built.plan.shape }, out, {
            ...fileIo(corrupt),
            run: runInDecoderPool,
          }),
        ).rejects.toThrow(ChunkDecodeError);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects damaged chunks with ChunkDecodeError naming the chunk', async () => {
    const built = build(Float32Array, [400], [100], { filters: ['shuffle', 'deflate'] });
    const victim = built.plan.chunks[2]!;
    const corrupt = built.file.slice();
    corrupt.fill(0x55, victim.address + 2, victim.address + 12);
    await expect(readBox(built, { start: [0], count: [400] }, fileIo(corrupt))).rejects.toThrow(
      /chunk at \[200\].*deflate stream is damaged/,
    );

    // A stream that inflates fine but to the wrong size.
    const short = new Uint8Array(deflateSync(new Uint8Array(100)));
    const file = new Uint8Array(built.file.length + short.length);
    file.set(built.file);
    file.set(short, built.file.length);
    const plan = {
      ...built.plan,
      filters: [{ id: FILTER_DEFLATE, clientData: [] }],
      chunks: built.plan.chunks.map((c, i) => (i === 0 ? { ...c, address: built.file.length, size: short.length } : c)),
    };
    await expect(readBox({ ...built, plan }, { start: [0], count: [10] }, fileIo(file))).rejects.toThrow(
      /decodes to 100 bytes where a chunk holds 400/,
    );

    // A chunk whose bytes lie past the end of the file (a truncated download).
    await expect(
      readBox(built, { start: [0], count: [400] }, fileIo(built.file.slice(0, victim.address + 5))),
    ).rejects.toBeInstanceOf(ChunkDecodeError);

    const checked = build(Uint16Array, [400], [100], { filters: ['fletcher32'] });
    const flipped = checked.file.slice();
    flipped[checked.plan.chunks[1]!.address + 7]! ^= 1;
    await expect(readBox(checked, { start: [0], count: [400] }, fileIo(flipped))).rejects.toThrow(
      /Fletcher-32 checksum does not match/,
    );
  });

  it('bounds how many ranges are read at once', async () => {
    const built = build(Float32Array, [4_000], [100], { filters: ['deflate'] });
    let running = 0;
    let most = 0;
    const io: ChunkIo = {
      read: async (offset, length) => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running--;
        return built.file.slice(offset, offset + length);
      },
      inflate,
      concurrency: 3,
      maxRangeBytes: 1,
    };
    const box = { start: [0], count: [4_000] };
    expectSameValues(await readBox(built, box, io), expectedBox(built, box));
    expect(most).toBe(3);
  });
});

describe('mergeRanges', () => {
  it('merges chunks across small gaps and splits at the size bound', () => {
    const chunk = (address: number, size: number): ChunkRecord => ({
      offsets: [address],
      address,
      size,
      filterMask: 0,
    });
    const ranges = mergeRanges([chunk(300, 100), chunk(0, 100), chunk(110, 100), chunk(5_000, 10)], 50, 350);
    expect(ranges.map((r) => [r.offset, r.length, r.chunks.length])).toEqual([
      [0, 210, 2],
      [300, 100, 1],
      [5_000, 10, 1],
    ]);
  });
});

describe('shuffle filter', () => {
  it('unshuffle inverts shuffle, leftover bytes included', () => {
    const bytes = Uint8Array.from({ length: 43 }, (_, i) => i * 7);
    for (const size of [1, 2, 4, 8, 3]) expect(unshuffle(shuffle(bytes, size), size)).toEqual(bytes);
    // Element 1's low byte follows element 0's low byte after shuffling 2-byte elements.
    expect(Array.from(shuffle(Uint8Array.from([1, 2, 3, 4]), 2))).toEqual([1, 3, 2, 4]);
  });
});
