// The one JSON encoding of every JSON output (CLI --json, the HTTP API, pose exports). JSON has no NaN, no
// infinities, no negative zero and no 64-bit integers, and JSON.stringify silently turns the first three into null
// and 0, and throws on the last: "a wrong number is worse than an error", so numbers are written as follows.
//
//   NaN        -> "NaN"          (a string)
//   +Infinity  -> "Infinity"     (a string)
//   -Infinity  -> "-Infinity"    (a string)
//   -0         -> -0             (a number; JSON.stringify writes 0)
//   bigint     -> a number when it is a safe integer, else its decimal digits as a string
//   missing    -> null           (a value the data does not have: pose's missing points, an absent fill value)
//
// Typed arrays are written as arrays, `undefined` object members are left out (in arrays: null), as JSON.stringify.
// Python's json module reads "NaN" as a string too; `decodeJsonNumber` turns the strings back into numbers.

/** A JSON value as this encoding writes it (bigint and typed arrays are accepted and converted). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The strings non-finite numbers are written as. */
export const NON_FINITE_JSON = { nan: 'NaN', infinity: 'Infinity', negativeInfinity: '-Infinity' } as const;

/** A number as this encoding writes it: a JSON number, or one of the strings of {@link NON_FINITE_JSON}. */
export function numberJson(n: number): string {
  if (Number.isNaN(n)) return `"${NON_FINITE_JSON.nan}"`;
  if (n === Infinity) return `"${NON_FINITE_JSON.infinity}"`;
  if (n === -Infinity) return `"${NON_FINITE_JSON.negativeInfinity}"`;
  return Object.is(n, -0) ? '-0' : String(n);
}

/** A bigint as a number when exact, else as a decimal string (JSON readers hold doubles). */
export function bigintJson(value: bigint): number | string {
  const exact = value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER);
  return exact ? Number(value) : value.toString();
}

/** A number read back from this encoding: the strings of {@link NON_FINITE_JSON} as numbers, null as NaN. */
export function decodeJsonNumber(value: number | string | null): number {
  if (value === null || value === NON_FINITE_JSON.nan) return Number.NaN;
  if (value === NON_FINITE_JSON.infinity) return Infinity;
  if (value === NON_FINITE_JSON.negativeInfinity) return -Infinity;
  return Number(value);
}

/**
 * `value` as JSON text in this encoding; `indent` spaces per level (0: one line), laid out as JSON.stringify lays
 * out the same value, so outputs that hold only finite numbers are byte for byte what JSON.stringify wrote.
 */
export function stringifyJson(value: unknown, indent = 0): string {
  // JSON.stringify writes numbers natively, several times faster than `write` (a pose window is ~50,000 of them):
  // it is used whenever nothing in the value needs this encoding's own rules.
  if (isPlainJson(value, 0)) return JSON.stringify(value, null, indent) ?? 'null';
  return write(value, indent, '') ?? 'null';
}

/** Nesting deeper than this is left to `write` rather than scanned (and JSON.stringify's own recursion). */
const MAX_SCAN_DEPTH = 64;

/** True when JSON.stringify writes `value` as `write` does: no non-finite, -0, bigint, typed array or toJSON. */
function isPlainJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) && !(value === 0 && 1 / value < 0);
    case 'string':
    case 'boolean':
    case 'undefined':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth >= MAX_SCAN_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!isPlainJson(item, depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) {
    if (Object.hasOwn(value, key) && !isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

function write(value: unknown, indent: number, margin: string): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      return numberJson(value);
    case 'bigint':
      return JSON.stringify(bigintJson(value));
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  const object = value as object;
  if ('toJSON' in object && typeof object.toJSON === 'function') return write(object.toJSON(), indent, margin);
  const inner = indent > 0 ? margin + ' '.repeat(indent) : '';
  const open = indent > 0 ? `\n${inner}` : '';
  const close = indent > 0 ? `\n${margin}` : '';
  const separator = indent > 0 ? `,\n${inner}` : ',';
  if (Array.isArray(object) || (ArrayBuffer.isView(object) && !(object instanceof DataView))) {
    const items = Array.from(object as ArrayLike<unknown>, (item) => write(item, indent, inner) ?? 'null');
    return items.length === 0 ? '[]' : `[${open}${items.join(separator)}${close}]`;
  }
  const members: string[] = [];
  for (const [key, member] of Object.entries(object)) {
    const text = write(member, indent, inner);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${indent > 0 ? ' ' : ''}${text}`);
  }
  return members.length === 0 ? '{}' : `{${open}${members.join(separator)}${close}}`;
}
