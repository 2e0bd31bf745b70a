// Conditional GET/HEAD as S3 answers them (GetObject docs: If-Match true with If-Unmodified-Since false is 200;
// If-None-Match false with If-Modified-Since true is 304), which is RFC 9110 13.2.2's order: If-Match, else
// If-Unmodified-Since; then If-None-Match, else If-Modified-Since. Dates compare at whole seconds, the
// resolution of Last-Modified.

/** The validators of the object a request names. */
export interface Validators {
  /** Without quotes. */
  readonly etag: string;
  readonly lastModified: Date;
}

/** The conditional request headers that matter, as sent. */
export interface ConditionalHeaders {
  readonly ifMatch?: string | undefined;
  readonly ifNoneMatch?: string | undefined;
  readonly ifModifiedSince?: string | undefined;
  readonly ifUnmodifiedSince?: string | undefined;
}

/** Serve the object, answer 304, or fail with 412 naming the header that did not hold. */
export type PreconditionOutcome =
  | { readonly kind: 'proceed' }
  | { readonly kind: 'not-modified' }
  | { readonly kind: 'failed'; readonly condition: 'If-Match' | 'If-Unmodified-Since' };

/** How the conditional headers of a GET or HEAD decide its answer. */
export function evaluatePreconditions(headers: ConditionalHeaders, object: Validators): PreconditionOutcome {
  const modifiedAt = wholeSeconds(object.lastModified.getTime());
  if (headers.ifMatch !== undefined) {
    if (!etagListMatches(headers.ifMatch, object.etag)) return { kind: 'failed', condition: 'If-Match' };
  } else {
    const limit = parseHttpDate(headers.ifUnmodifiedSince);
    if (limit !== undefined && modifiedAt > limit) return { kind: 'failed', condition: 'If-Unmodified-Since' };
  }
  if (headers.ifNoneMatch !== undefined) {
    if (etagListMatches(headers.ifNoneMatch, object.etag)) return { kind: 'not-modified' };
  } else {
    const since = parseHttpDate(headers.ifModifiedSince);
    if (since !== undefined && modifiedAt <= since) return { kind: 'not-modified' };
  }
  return { kind: 'proceed' };
}

/** Whether an If-Range validator still names this object, so its Range applies (otherwise: the whole object). */
export function ifRangeHolds(ifRange: string | undefined, object: Validators): boolean {
  if (ifRange === undefined) return true;
  const value = ifRange.trim();
  // If-Range needs a strong validator: a weak ETag never matches (RFC 9110 13.1.5).
  if (value.startsWith('W/')) return false;
  if (value.startsWith('"')) return unquote(value) === object.etag;
  const date = parseHttpDate(value);
  return date !== undefined && date === wholeSeconds(object.lastModified.getTime());
}

function etagListMatches(list: string, etag: string): boolean {
  return list.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || unquote(tag.replace(/^W\//, '')) === etag;
  });
}

function unquote(tag: string): string {
  return tag.length >= 2 && tag.startsWith('"') && tag.endsWith('"') ? tag.slice(1, -1) : tag;
}

function parseHttpDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

function wholeSeconds(time: number): number {
  return Math.floor(time / 1000) * 1000;
}
