import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatNumber, formatPercent, formatShape, truncate } from './units.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.00 KB'],
    [1536, '1.54 KB'],
    [12_345_678, '12.3 MB'],
    [473_000_000, '473 MB'],
    [5 * 1024 ** 3, '5.37 GB'],
    [-1, '?'],
  ])('%d bytes reads %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('formatShape', () => {
  it.each([
    [[1800, 12, 2], '(1800, 12, 2)'],
    [[5], '(5,)'],
    [[], '()'],
    [null, 'null'],
  ])('%j reads %s', (shape, text) => expect(formatShape(shape)).toBe(text));
});

describe('small formatters', () => {
  it('counts with separators and plural', () => {
    expect(formatCount(1, 'file')).toBe('1 file');
    expect(formatCount(1204, 'file')).toBe('1,204 files');
  });
  it('percentages and numbers', () => {
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(Number.NaN)).toBe('—');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(3.14159265)).toBe('3.142');
    expect(formatNumber(123456789012)).toBe('1.23e+11');
    expect(formatNumber(null)).toBe('—');
  });
  it('truncates with an ellipsis', () => {
    expect(truncate('sub-ADPTM01', 20)).toBe('sub-ADPTM01');
    expect(truncate('sub-ADPTM01', 6)).toBe('sub-A…');
    expect(truncate('abc', 0)).toBe('');
  });
});
