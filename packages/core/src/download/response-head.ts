// The status line and headers of an HTTP/1.1 response, parsed from raw bytes for the socket range reader. Only
// what a range GET needs; anything this does not understand is reported, so the caller can fall back to node:http.

/** A parsed status line and header block. */
export interface ResponseHead {
  /** "1.1" or "1.0". */
  version: string;
  status: number;
  /** Header values by lower-case name; repeated headers joined with ", " (RFC 9110 §5.3). */
  headers: Map<string, string>;
}

/** Why a header block could not be parsed (the caller names the URL in its error). */
export class MalformedHeadError extends Error {}

const STATUS_LINE = /^HTTP\/(1\.[01]) (\d{3})(?: .*)?$/;
// RFC 9110 token characters for field names.
const FIELD_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Where the header block in `bytes[0, length)` ends (just past its blank line), or -1 if it has not all arrived. */
export function findHeadEnd(bytes: Buffer, length: number): number {
  const at = bytes.subarray(0, length).indexOf('\r\n\r\n', 0, 'latin1');
  return at < 0 ? -1 : at + 4;
}

/** Parse the header block `bytes[0, end)` (as findHeadEnd found it); throws MalformedHeadError. */
export function parseResponseHead(bytes: Buffer, end: number): ResponseHead {
  const lines = bytes.toString('latin1', 0, end - 4).split('\r\n');
  const match = STATUS_LINE.exec(lines[0] ?? '');
  if (!match) throw new MalformedHeadError(`a malformed status line "${(lines[0] ?? '').slice(0, 80)}"`);
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    // Obsolete line folding (a line starting with white space) is refused too, as RFC 9112 §5.2 allows.
    if (!FIELD_NAME.test(name)) throw new MalformedHeadError(`a malformed header line "${line.slice(0, 80)}"`);
    const key = name.toLowerCase();
    const value = line.slice(colon + 1).trim();
    const before = headers.get(key);
    headers.set(key, before === undefined ? value : `${before}, ${value}`);
  }
  return { version: match[1]!, status: Number(match[2]), headers };
}

/** The body length a head announces: its Content-Length, or undefined (absent, repeated with different values, or invalid). */
export function contentLength(head: ResponseHead): number | undefined {
  const value = head.headers.get('content-length');
  if (value === undefined) return undefined;
  // "10, 10" (a repeated header) is allowed when the values agree (RFC 9110 §8.6).
  const values = new Set(value.split(',').map((v) => v.trim()));
  if (values.size !== 1) return undefined;
  const [only] = values;
  return only !== undefined && /^\d{1,15}$/.test(only) ? Number(only) : undefined;
}

/** Whether the connection may carry another request after this response's body. */
export function keepsAlive(head: ResponseHead): boolean {
  const tokens = (head.headers.get('connection') ?? '')
    .toLowerCase()
    .split(',')
    .map((t) => t.trim());
  if (tokens.includes('close')) return false;
  return head.version === '1.1' || tokens.includes('keep-alive');
}
