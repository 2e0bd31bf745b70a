// Which digest proves a download complete, and how to compute it over bytes fed in file order.
import { createHash } from 'node:crypto';
import { DandiEtagHasher, dandiPartLayout } from './dandi-etag.js';

/** The digest kinds a download can be verified with, strongest first; "size" means no digest was available. */
export type DigestKind = 'sha2-256' | 'dandi-etag' | 'md5' | 'size';

/** A digest the archive gives for a file, normalised (lower-case hex, no quotes). */
export interface ExpectedDigest {
  kind: DigestKind;
  /** Empty for "size". */
  value: string;
}

/** What the archive says about a file's content; any of these may be missing. */
export interface ContentIdentity {
  size: number;
  /** `dandi:sha2-256` from the asset metadata. */
  sha256?: string | undefined;
  /** `dandi:dandi-etag` from the asset metadata. */
  dandiEtag?: string | undefined;
  /** The S3 ETag from a listing or HEAD (quotes allowed). */
  s3Etag?: string | undefined;
}

/** Which digest to verify when the archive gives more than one: `auto` picks the cheaper one (SHA-256 here). */
export type DigestPreference = 'auto' | 'sha2-256' | 'dandi-etag';

/** The digest preferences, as the CLI's --digest accepts them. */
export const DIGEST_PREFERENCES: readonly DigestPreference[] = ['auto', 'sha2-256', 'dandi-etag'];

/**
 * The one digest to verify. Verifying one of two digests of the same bytes proves as much as verifying both, so the
 * cheaper one is chosen: SHA-256 first. Measured on this project's machine (AMD EPYC with SHA extensions, Node
 * 20's OpenSSL): SHA-256 digests 1,710 MiB/s, MD5 (the dandi-etag's) 720 MiB/s, so a dandi-etag costs 2.4x the CPU
 * of a SHA-256; CPUs without SHA extensions hash SHA-256 at about MD5's speed, so it is never the worse choice.
 * dandi-cli verifies whichever digest comes first in its dict, which is the dandi-etag ("choose first available
 * for now. TODO: reuse that sorting based on speed", dandi/download.py `_download_file`); `prefer` lets a user
 * ask for that one instead. A file without the preferred digest is verified by the next one in the default order.
 * After those comes the S3 ETag, which is the MD5 of the bytes for single-part uploads and, for multipart uploads
 * made with DANDI's part rule (every EMBER-DANDI blob), equal to the dandi-etag. Other multipart ETags cannot be
 * recomputed without the uploader's part size, so such files are checked by size only.
 */
export function chooseDigest(identity: ContentIdentity, prefer: DigestPreference = 'auto'): ExpectedDigest {
  const sha256 = identity.sha256?.trim().toLowerCase();
  const dandiEtag = identity.dandiEtag?.trim().toLowerCase();
  const bySha256 = sha256 && /^[0-9a-f]{64}$/.test(sha256) ? ({ kind: 'sha2-256', value: sha256 } as const) : undefined;
  const byDandiEtag =
    dandiEtag && /^[0-9a-f]{32}-\d{1,5}$/.test(dandiEtag)
      ? ({ kind: 'dandi-etag', value: dandiEtag } as const)
      : undefined;
  const first = prefer === 'dandi-etag' ? (byDandiEtag ?? bySha256) : (bySha256 ?? byDandiEtag);
  if (first) return first;
  const s3Etag = identity.s3Etag?.trim().replace(/^W\//, '').replace(/^"|"$/g, '').toLowerCase();
  if (s3Etag && /^[0-9a-f]{32}$/.test(s3Etag)) return { kind: 'md5', value: s3Etag };
  const multipart = s3Etag ? /^[0-9a-f]{32}-(\d{1,5})$/.exec(s3Etag) : null;
  if (multipart && s3Etag && Number(multipart[1]) === dandiPartLayout(identity.size).count) {
    return { kind: 'dandi-etag', value: s3Etag };
  }
  return { kind: 'size', value: '' };
}

/** Something that digests bytes fed in file order. */
export interface Digester {
  update(chunk: Uint8Array): void;
  /** Lower-case hex (dandi-etag: `<hex>-<parts>`); "" for kind "size". */
  digest(): string;
}

/** A digester for `kind` over a file of `size` bytes. */
export function createDigester(kind: DigestKind, size: number): Digester {
  switch (kind) {
    case 'sha2-256':
    case 'md5': {
      const hash = createHash(kind === 'md5' ? 'md5' : 'sha256');
      return { update: (chunk) => void hash.update(chunk), digest: () => hash.digest('hex') };
    }
    case 'dandi-etag':
      return new DandiEtagHasher(size);
    case 'size':
      return { update: () => undefined, digest: () => '' };
  }
}
