// Message decoding for the versions no h5py available here writes (HDF5 1.4-era layout v1/v2 and the old fill value
// message) and edge cases, from bytes laid out as the HDF5 File Format Specification v3 describes them.
import { describe, expect, it } from 'vitest';
import { ReaderError } from '../shared/reader-error.js';
import { lookup3 } from './checksum.js';
import { readDataspace } from './dataspace.js';
import { readDatatype } from './datatype.js';
import { Cursor } from './file-bytes.js';
import { decodeElement, fillValueOf, readFillValue, readOldFillValue } from './fill-value.js';
import { readFilterPipeline } from './filter-pipeline.js';
import { readLayout } from './layout.js';

/** Little-endian bytes from a list of [value, width] fields and raw bytes (Uint8Array). */
function bytes(...fields: ([number | bigint, number] | Uint8Array)[]): Cursor {
  const out: number[] = [];
  for (const field of fields) {
    if (field instanceof Uint8Array) {
      out.push(...field);
      continue;
    }
    const [value, width] = field;
    let v = BigInt(value);
    for (let i = 0; i < width; i++) {
      out.push(Number(v & 0xffn));
      v >>= 8n;
    }
  }
  return new Cursor(Uint8Array.from(out), 8, 8, 'test message');
}

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

const file = { read: () => new Uint8Array(0), base: 0, offsetSize: 8, lengthSize: 8, size: 1 << 20 };
const int32 = () => readDatatype(bytes([0x10, 1], [0x08, 1], [0, 1], [0, 1], [4, 4], [0, 2], [32, 2]));

describe('layout messages', () => {
  it.each([
    [
      'v1 contiguous (size from the dataspace)',
      bytes([1, 1], [2, 1], [1, 1], [0, 5], [4096, 8], [10, 4], [4, 4], [4, 4]),
      { class: 'contiguous', address: 4096, size: undefined },
    ],
    [
      'v2 chunked (last dimension is the element size)',
      bytes([2, 1], [3, 1], [2, 1], [0, 5], [800, 8], [10, 4], [5, 4], [4, 4]),
      { class: 'chunked', address: 800, chunk: [10, 5], index: { type: 'btree1' } },
    ],
    [
      'v1 compact',
      bytes([1, 1], [2, 1], [0, 1], [0, 5], [3, 4], [4, 4], [3, 4], Uint8Array.from([7, 8, 9])),
      { class: 'compact', data: Uint8Array.from([7, 8, 9]) },
    ],
    [
      'v3 contiguous, not allocated',
      bytes([3, 1], [1, 1], [0xffffffffffffffffn, 8], [400, 8]),
      { class: 'contiguous', address: undefined, size: 400 },
    ],
    [
      'v3 chunked',
      bytes([3, 1], [2, 1], [3, 1], [96, 8], [7, 4], [9, 4], [2, 4]),
      { class: 'chunked', address: 96, chunk: [7, 9], index: { type: 'btree1' } },
    ],
    [
      'v4 single chunk, filtered',
      bytes([4, 1], [2, 1], [0x02, 1], [2, 1], [2, 1], [64, 2], [8, 2], [1, 1], [135, 8], [0, 4], [507787, 8]),
      { class: 'chunked', address: 507787, chunk: [64], index: { type: 'single', filteredSize: 135, filterMask: 0 } },
    ],
    [
      'v4 extensible array',
      bytes(
        [4, 1],
        [2, 1],
        [0, 1],
        [2, 1],
        [1, 1],
        [1, 1],
        [1, 1],
        [4, 1],
        [32, 1],
        [4, 1],
        [4, 1],
        [16, 1],
        [10, 1],
        [777, 8],
      ),
      {
        class: 'chunked',
        address: 777,
        chunk: [1],
        index: {
          type: 'extensible-array',
          maxBits: 32,
          indexElements: 4,
          minPointers: 4,
          minElements: 16,
          pageBits: 10,
        },
      },
    ],
    [
      'v4 fixed array, partial edge chunks left unfiltered (flag 0x01)',
      bytes([4, 1], [2, 1], [0x01, 1], [2, 1], [2, 1], [64, 2], [8, 2], [3, 1], [10, 1], [900, 8]),
      {
        class: 'chunked',
        address: 900,
        chunk: [64],
        index: { type: 'fixed-array', pageBits: 10 },
        unfilteredEdges: true,
      },
    ],
    ['v4 virtual', bytes([4, 1], [3, 1], [0, 8], [0, 4]), { class: 'virtual' }],
  ])('%s', (_name, message, expected) => {
    expect(readLayout(message)).toEqual(expected);
  });

  it.each([
    ['an unknown version', bytes([9, 1], [1, 1])],
    ['a zero chunk dimension', bytes([3, 1], [2, 1], [2, 1], [96, 8], [0, 4], [2, 4])],
    ['an unknown chunk index', bytes([4, 1], [2, 1], [0, 1], [2, 1], [1, 1], [4, 1], [1, 1], [9, 1])],
    ['a message cut short', bytes([3, 1], [1, 1], [96, 4])],
  ])('rejects %s as corrupt', (_name, message) => {
    expect(() => readLayout(message)).toThrow(ReaderError);
    try {
      readLayout(message);
    } catch (error) {
      expect((error as ReaderError).detail.kind).toBe('corrupt');
    }
  });
});

describe('fill value messages', () => {
  it.each([
    ['old message with a value', () => readOldFillValue(bytes([4, 4], [-7 >>> 0, 4])), -7],
    ['old message without a value: undefined', () => readOldFillValue(bytes([0, 4])), null],
    ['v1 defined with a value', () => readFillValue(bytes([1, 1], [2, 1], [0, 1], [1, 1], [4, 4], [42, 4])), 42],
    ['v2 defined, size 0: the library default', () => readFillValue(bytes([2, 1], [2, 1], [0, 1], [1, 1], [0, 4])), 0],
    ['v2 not defined: undefined', () => readFillValue(bytes([2, 1], [2, 1], [0, 1], [0, 1])), null],
    ['v3 no flags: the library default', () => readFillValue(bytes([3, 1], [0x09, 1])), 0],
    ['v3 undefined flag', () => readFillValue(bytes([3, 1], [0x10, 1])), null],
    ['v3 with a value', () => readFillValue(bytes([3, 1], [0x20, 1], [4, 4], [123456, 4])), 123456],
  ])('%s', (_name, parse, expected) => {
    expect(fillValueOf(parse(), int32(), file)).toBe(expected);
  });

  it('decodes each plain kind and refuses the others', () => {
    const float16 = readDatatype(
      bytes(
        [0x11, 1],
        [0x20, 1],
        [0x0f, 1],
        [0, 1],
        [2, 4],
        [0, 2],
        [16, 2],
        [10, 1],
        [5, 1],
        [0, 1],
        [10, 1],
        [15, 4],
      ),
    );
    expect(decodeElement(Uint8Array.from([0x00, 0x3e]), float16)).toBe(1.5);
    const bigEndian = readDatatype(bytes([0x10, 1], [0x09, 1], [0, 1], [0, 1], [4, 4], [0, 2], [32, 2]));
    expect(bigEndian.byteOrder).toBe('big');
    expect(decodeElement(Uint8Array.from([0, 0, 0, 77]), bigEndian)).toBe(77);
    const uint64 = readDatatype(bytes([0x10, 1], [0, 1], [0, 1], [0, 1], [8, 4], [0, 2], [64, 2]));
    expect(decodeElement(Uint8Array.from([5, 0, 0, 0, 0, 0, 0, 0x80]), uint64)).toBe(2n ** 63n + 5n);
    const spacePadded = readDatatype(bytes([0x13, 1], [0x02, 1], [0, 1], [0, 1], [6, 4]));
    expect(decodeElement(new TextEncoder().encode('ab    '), spacePadded)).toBe('ab');
    const opaque = readDatatype(bytes([0x15, 1], [8, 1], [0, 1], [0, 1], [4, 4], text('tag\0\0\0\0\0')));
    expect(decodeElement(Uint8Array.from([1, 2, 3, 4]), opaque)).toBeNull();
  });
});

describe('datatype messages', () => {
  it('sees a variable-length member inside a compound (no raw reads then)', () => {
    const vlenString = [
      [0x19, 1],
      [0x01, 1],
      [0, 1],
      [0, 1],
      [16, 4],
      [0x13, 1],
      [0, 1],
      [0, 1],
      [0, 1],
      [1, 4],
    ] as [number, number][];
    const compound = readDatatype(
      bytes(
        [0x36, 1],
        [2, 1],
        [0, 1],
        [0, 1],
        [20, 4],
        text('a\0'),
        [0, 1],
        [0x10, 1],
        [0x08, 1],
        [0, 1],
        [0, 1],
        [4, 4],
        [0, 2],
        [32, 2],
        text('s\0'),
        [4, 1],
        ...vlenString,
      ),
    );
    expect(compound.size).toBe(20);
    expect(compound.fixedSize).toBe(false);
  });
});

describe('dataspace and filter pipeline messages', () => {
  it('reads unlimited maximum dimensions and null dataspaces', () => {
    expect(
      readDataspace(bytes([2, 1], [2, 1], [1, 1], [1, 1], [5, 8], [6, 8], [0xffffffffffffffffn, 8], [6, 8])),
    ).toEqual({ shape: [5, 6], maxShape: [Infinity, 6] });
    expect(readDataspace(bytes([2, 1], [0, 1], [0, 1], [2, 1]))).toEqual({ shape: null, maxShape: null });
    expect(readDataspace(bytes([1, 1], [0, 1], [0, 1], [0, 5]))).toEqual({ shape: [], maxShape: [] });
  });

  it('reads version 1 (padded names, padded odd value counts) and version 2 (names only above id 255)', () => {
    const v1 = bytes(
      [1, 1],
      [2, 1],
      [0, 6],
      [2, 2],
      [8, 2],
      [1, 2],
      [1, 2],
      text('shuffle\0'),
      [4, 4],
      [0, 4],
      [1, 2],
      [8, 2],
      [0, 2],
      [1, 2],
      text('deflate\0'),
      [6, 4],
      [0, 4],
    );
    expect(readFilterPipeline(v1)).toEqual([
      { id: 2, name: 'shuffle', optional: true, clientData: [4] },
      { id: 1, name: 'deflate', optional: false, clientData: [6] },
    ]);
    const v2 = bytes([2, 1], [2, 1], [1, 2], [0, 2], [1, 2], [9, 4], [32000, 2], [4, 2], [1, 2], [0, 2], text('lzf\0'));
    expect(readFilterPipeline(v2)).toEqual([
      { id: 1, name: 'deflate', optional: false, clientData: [9] },
      { id: 32000, name: 'lzf', optional: true, clientData: [] },
    ]);
  });
});

describe('lookup3', () => {
  it('matches the published test vectors of hashlittle', () => {
    // Bob Jenkins' lookup3.c driver5: hashlittle("", 0, 0) = 0xdeadbeef, "Four score and seven years ago" = 0x17770551.
    expect(lookup3(new Uint8Array(0))).toBe(0xdeadbeef);
    expect(lookup3(new TextEncoder().encode('Four score and seven years ago'))).toBe(0x17770551);
  });
});
