import { describe, expect, it } from 'vitest';
import { bigintJson, decodeJsonNumber, stringifyJson } from './json-encoding.js';
import { nestValues } from './nest-values.js';

describe('stringifyJson', () => {
  it.each([
    [Number.NaN, '"NaN"'],
    [Infinity, '"Infinity"'],
    [-Infinity, '"-Infinity"'],
    [-0, '-0'],
    [0, '0'],
    [1.5e300, '1.5e+300'],
    [2n ** 64n, '"18446744073709551616"'],
    [-(2n ** 63n), '"-9223372036854775808"'],
    [42n, '42'],
    [null, 'null'],
    [undefined, 'null'],
    ['a"b\n', '"a\\"b\\n"'],
  ])('%s -> %s', (value, text) => {
    expect(stringifyJson(value)).toBe(text);
  });

  it('writes non-finite numbers, -0 and bigints inside arrays, typed arrays and objects', () => {
    const value = { a: [1, Number.NaN, -0], b: new Float64Array([Infinity, -Infinity]), c: 2n ** 60n, d: undefined };
    expect(stringifyJson(value)).toBe('{"a":[1,"NaN",-0],"b":["Infinity","-Infinity"],"c":"1152921504606846976"}');
  });

  it('lays out finite values exactly as JSON.stringify does, with and without indentation', () => {
    const value = {
      nodes: [
        { path: '/', attrs: {} },
        { path: '/x', shape: [2, 3], list: [], n: null, s: 'é' },
      ],
      t: true,
    };
    for (const indent of [0, 2]) expect(stringifyJson(value, indent)).toBe(JSON.stringify(value, null, indent));
  });

  it('finds the one value that needs its own rules deep inside a large plain value', () => {
    const series = (special: unknown) => ({
      pose: [{ keypoints: Array.from({ length: 500 }, (_, i) => ({ x: i + 0.5, y: [i, i === 250 ? special : 1] })) }],
    });
    for (const [special, text] of [
      [-0, '-0'],
      [Number.NaN, '"NaN"'],
      [-Infinity, '"-Infinity"'],
      [2n ** 60n, '"1152921504606846976"'],
      [new Float32Array([0.5]), '[0.5]'],
      [{ toJSON: () => 'now' }, '"now"'],
      [new Date(0), '"1970-01-01T00:00:00.000Z"'],
    ] as const) {
      expect(stringifyJson(series(special))).toContain(`"y":[250,${text}]`);
    }
    expect(stringifyJson(series(null), 2)).toBe(JSON.stringify(series(null), null, 2));
  });

  it('reads back what it wrote', () => {
    const values = [1, Number.NaN, Infinity, -Infinity, -0];
    const read = (JSON.parse(stringifyJson(values)) as (number | string)[]).map(decodeJsonNumber);
    expect(read).toEqual(values);
    expect(Object.is(read[4], -0)).toBe(true);
  });

  it('keeps bigints exact: numbers when safe, strings beyond', () => {
    expect(bigintJson(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(bigintJson(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toBe('9007199254740992');
  });
});

describe('nestValues', () => {
  it('nests C-order values into the shape, bools as booleans, scalars bare', () => {
    expect(nestValues({ values: new Int32Array([1, 2, 3, 4, 5, 6]), shape: [2, 3], dtype: 'int32' })).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(nestValues({ values: new Uint8Array([1, 0]), shape: [2], dtype: 'bool' })).toEqual([true, false]);
    expect(nestValues({ values: new Float64Array([Number.NaN]), shape: [], dtype: 'float64' })).toBeNaN();
    expect(nestValues({ values: new Float32Array([]), shape: [0, 3], dtype: 'float32' })).toEqual([]);
  });

  it('with stringifyJson: a 2x2 of NaN, -0, Inf and a bigint', () => {
    const read = {
      values: [Number.NaN, -0, Infinity, 2n ** 63n] as unknown as BigInt64Array,
      shape: [2, 2],
      dtype: 'int64' as const,
    };
    expect(stringifyJson(nestValues(read))).toBe('[["NaN",-0],["Infinity","9223372036854775808"]]');
  });
});
