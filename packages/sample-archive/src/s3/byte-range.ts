// The Range header as S3 reads it: one `bytes=` range (first-last, first-, or -suffix). S3 serves no
// multipart/byteranges: a list of ranges gets the whole object with 200 (awslabs/aws-c-s3#257 shows it), and
// so does a header it cannot parse, as RFC 9110 14.2 lets a server ignore an invalid Range.

/** What a Range header asks of an object of a given size. */
export type RangeRequest =
  | { readonly kind: 'whole' }
  | { readonly kind: 'partial'; readonly start: number; readonly end: number }
  | { readonly kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/** The bytes `header` selects from an object of `size` bytes (end inclusive). */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'whole' };
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    const suffix = Number(last);
    // A zero-length suffix, or any range of an empty object, selects nothing: 416.
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { kind: 'partial', start, end };
}
