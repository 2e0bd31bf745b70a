// Values as a person reads them on one line: what the details pane of the terminal, an HTTP summary and the web
// viewer show of attributes, fill values and first values. Strings are quoted only when empty, arrays abbreviated,
// references shown as their target, floats to 6 significant digits.

/** One attribute value as a short string. */
export function formatAttrValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value === '' ? '""' : value.replace(/\s*\n\s*/g, ' ⏎ ');
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return formatAttrValue(Array.from(value as unknown as ArrayLike<number>));
  }
  if (Array.isArray(value)) {
    const head = value.slice(0, 8).map(formatAttrValue);
    return `[${head.join(', ')}${value.length > 8 ? `, … ${value.length} items` : ''}]`;
  }
  // An attribute core cannot read is { error } (hdf5/types.ts AttrValue): mark it, with the reason.
  if (typeof value === 'object' && 'error' in value)
    return `✖ unreadable: ${String((value as { error: unknown }).error)}`;
  if (typeof value === 'object' && 'reference' in value)
    return `→ ${String((value as { reference: unknown }).reference)}`;
  return JSON.stringify(value) ?? String(value);
}

/** A float to 6 significant digits (integers whole), as the details pane shows values. */
export function formatFloat(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}
