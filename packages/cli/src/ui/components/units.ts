// How sizes, counts and shapes read on screen: short, aligned, in the units scientists expect.
import { terminalSafe } from './terminal-text.js';

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** Bytes in decimal units with three significant digits at most: 0 B, 999 B, 1.5 KB, 12.3 MB, 473 MB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let value = bytes;
  let unit = 0;
  while (value >= 999.5 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 99.95 ? 0 : value >= 9.995 ? 1 : 2;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** A count with thousands separators, and the noun in singular or plural: "1 file", "1,204 files". */
export function formatCount(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/** A dataset shape as numpy prints it: (1800, 12, 2); scalar (); empty dataspace "null". */
export function formatShape(shape: readonly number[] | null | undefined): string {
  if (shape === null || shape === undefined) return 'null';
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/** A fraction as a percentage with one decimal: 0.1234 -> "12.3%". */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '—';
  return `${(fraction * 100).toFixed(1)}%`;
}

/** A number in at most `width` characters, switching to exponent notation when it would not fit. */
export function formatNumber(value: number | bigint | null | undefined, width = 9): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'bigint') return value.toString();
  if (Number.isNaN(value)) return 'nan';
  if (Number.isInteger(value) && String(value).length <= width) return String(value);
  const fixed = Number(value.toPrecision(4)).toString();
  return fixed.length <= width ? fixed : value.toExponential(2);
}

/** `text` made safe for the terminal, cut to `width` characters, marking the cut with an ellipsis. */
export function truncate(raw: string, width: number): string {
  if (width <= 0) return '';
  const text = terminalSafe(raw);
  if (text.length <= width) return text;
  return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
}
