// Attribute values on one line: strings quoted only when empty, arrays abbreviated, references as their target.

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
  // core reports an attribute it cannot read as { error } (hdf5/types.ts AttrValue): mark it, with the reason.
  if (typeof value === 'object' && 'error' in value) return `✖ unreadable: ${String((value as { error: unknown }).error)}`;
  if (typeof value === 'object' && 'reference' in value) return `→ ${String((value as { reference: unknown }).reference)}`;
  return JSON.stringify(value) ?? String(value);
}
