// Presigned GET URLs for embargoed blobs. dandi-archive tags an embargoed blob `embargoed=true`, a bucket policy
// denies such objects to the public, and owners get a presigned URL from the API's download view
// (dandi/dandi-archive doc/design/embargo-redesign.md). Real URLs carry an AWS SigV4 signature; the emulator signs
// with its own HMAC over key, date and lifetime under the same query names, since only this server checks them.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a request's signature says about it. */
export type SignatureCheck = 'unsigned' | 'valid' | 'expired' | 'mismatch';

/** Signs object keys for the API emulator and checks them for the S3 server. */
export interface UrlSigner {
  /** The query string (without "?") that lets an anonymous GET or HEAD read `key` for `expiresSeconds`. */
  sign(key: string, now?: Date): string;
  /** Whether `query` holds a signature for `key` that is valid now. */
  check(key: string, query: URLSearchParams, now?: Date): SignatureCheck;
}

/** A signer with a fresh secret (one per running archive); URLs live `expiresSeconds` (dandi-archive: 1 hour). */
export function createUrlSigner(expiresSeconds = 3600, secret: Uint8Array = randomBytes(32)): UrlSigner {
  const mac = (key: string, date: string, expires: string): string =>
    createHmac('sha256', secret).update(`${key}\n${date}\n${expires}`).digest('hex');
  return {
    sign(key, now = new Date()) {
      const date = amzDate(now);
      const expires = String(expiresSeconds);
      return new URLSearchParams({
        'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
        'X-Amz-Credential': `sample-archive/${date.slice(0, 8)}/us-east-1/s3/aws4_request`,
        'X-Amz-Date': date,
        'X-Amz-Expires': expires,
        'X-Amz-SignedHeaders': 'host',
        'X-Amz-Signature': mac(key, date, expires),
      }).toString();
    },
    check(key, query, now = new Date()) {
      const signature = query.get('X-Amz-Signature');
      if (signature === null) return 'unsigned';
      const date = query.get('X-Amz-Date') ?? '';
      const expires = query.get('X-Amz-Expires') ?? '';
      const expected = Buffer.from(mac(key, date, expires));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'mismatch';
      const signedAt = parseAmzDate(date);
      if (Number.isNaN(signedAt) || !/^\d+$/.test(expires)) return 'mismatch';
      return now.getTime() > signedAt + Number(expires) * 1000 ? 'expired' : 'valid';
    },
  };
}

/** 2025-06-01T12:00:00.000Z -> 20250601T120000Z */
function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function parseAmzDate(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : Number.NaN;
}
