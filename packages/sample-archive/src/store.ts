// The bucket's contents as the S3 server and the DANDI emulator both see them: sorted keys, each with its size,
// ETag and a way to stream any byte range. Small objects live in memory; large generated files stay on disk.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';

/** One object in the sample bucket. */
export interface SampleObject {
  readonly key: string;
  readonly size: number;
  /** S3 ETag without quotes: the MD5 hex for single-part objects, `<md5>-<parts>` for multipart ones. */
  readonly etag: string;
  readonly lastModified: Date;
  readonly contentType: string;
  /** Tagged `embargoed=true`: the bucket policy denies it to anonymous requests (presigned URLs only). */
  readonly embargoed: boolean;
  /** Bytes `start` to `end` inclusive, as a stream. */
  read(start: number, end: number): Readable;
}

/** The objects of one bucket, kept in key order for listings. */
export class ObjectStore {
  readonly #objects = new Map<string, SampleObject>();
  #sorted: string[] | undefined;

  constructor(readonly bucket: string) {}

  /** Store bytes under `key`; the ETag is their MD5 unless one is given (e.g. a multipart ETag). */
  putBytes(key: string, bytes: Uint8Array, options: ObjectOptions = {}): SampleObject {
    const object: SampleObject = {
      key,
      size: bytes.byteLength,
      etag: options.etag ?? createHash('md5').update(bytes).digest('hex'),
      lastModified: options.lastModified ?? SAMPLE_EPOCH,
      contentType: options.contentType ?? 'application/octet-stream',
      embargoed: options.embargoed ?? false,
      read: (start, end) => Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start + 1)]),
    };
    return this.#put(object);
  }

  /** Store a file on disk under `key` without reading it into memory; the caller supplies its ETag. */
  putFile(key: string, path: string, etag: string, options: Omit<ObjectOptions, 'etag'> = {}): SampleObject {
    const object: SampleObject = {
      key,
      size: statSync(path).size,
      etag,
      lastModified: options.lastModified ?? SAMPLE_EPOCH,
      contentType: options.contentType ?? 'application/octet-stream',
      embargoed: options.embargoed ?? false,
      // 1 MiB reads instead of 64 KiB ones: half the server's CPU per GiB (1.6 -> 0.8 s here), which every client shares.
      read: (start, end) => createReadStream(path, { start, end, highWaterMark: 1024 * 1024 }),
    };
    return this.#put(object);
  }

  /** The object at `key`, if any. */
  get(key: string): SampleObject | undefined {
    return this.#objects.get(key);
  }

  /** Every key, in the byte order S3 lists them (UTF-8 binary order). */
  keys(): readonly string[] {
    this.#sorted ??= [...this.#objects.keys()].sort(compareKeys);
    return this.#sorted;
  }

  #put(object: SampleObject): SampleObject {
    this.#objects.set(object.key, object);
    this.#sorted = undefined;
    return object;
  }
}

export interface ObjectOptions {
  etag?: string;
  lastModified?: Date;
  contentType?: string;
  embargoed?: boolean;
}

/** Every sample object is dated here, so listings are the same on every run. */
export const SAMPLE_EPOCH = new Date('2025-06-01T12:00:00.000Z');

/** S3 orders keys by their UTF-8 bytes, which differs from JS string order for characters above U+FFFF. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
