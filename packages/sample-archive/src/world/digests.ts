// The two digests DANDI records for every blob, computed from the bytes for real.
// dandi-etag: the ETag S3 gives a multipart upload made with DANDI's fixed part-size rule, as implemented in
// dandischema `dandischema/digests/dandietag.py` (PartGenerator.for_file_size + DandiETag.as_str):
//   - part size 64 MiB, unless that needs >= 10,000 parts, then ceil(size / 10,000);
//   - the last part holds the remainder (a whole part when size divides evenly);
//   - ETag = md5(concatenated binary md5 of each part) hex + "-" + number of parts, even for one part;
//   - an empty file has zero parts: md5 of nothing, "-0".
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

const MiB = 2 ** 20;
/** dandischema PartGenerator.DEFAULT_PART_SIZE. */
export const DANDI_DEFAULT_PART_SIZE = 64 * MiB;
/** dandischema PartGenerator.MAX_PARTS (the S3 limit). */
export const DANDI_MAX_PARTS = 10_000;

/** Digests of one blob, under the keys dandi-schema uses in `digest`. */
export interface BlobDigests {
  'dandi:dandi-etag': string;
  'dandi:sha2-256': string;
}

/** Size of every part but the last for a file of `size` bytes, per dandischema PartGenerator.for_file_size. */
export function dandiPartSize(size: number): number {
  if (size === 0) return 0;
  let partSize = DANDI_DEFAULT_PART_SIZE;
  if (Math.ceil(size / partSize) >= DANDI_MAX_PARTS) partSize = Math.ceil(size / DANDI_MAX_PARTS);
  return partSize;
}

/** Number of parts for a file of `size` bytes. */
export function dandiPartCount(size: number): number {
  return size === 0 ? 0 : Math.ceil(size / dandiPartSize(size));
}

/** Incremental dandi-etag + sha256 over a byte stream of known total size. */
export class BlobDigester {
  readonly #size: number;
  readonly #partSize: number;
  readonly #sha256 = createHash('sha256');
  readonly #partDigests: Buffer[] = [];
  #part = createHash('md5');
  #inPart = 0;
  #seen = 0;

  constructor(size: number) {
    this.#size = size;
    this.#partSize = dandiPartSize(size);
  }

  /** Feed the next bytes of the file. */
  update(chunk: Uint8Array): void {
    this.#sha256.update(chunk);
    this.#seen += chunk.byteLength;
    let offset = 0;
    while (offset < chunk.byteLength) {
      const take = Math.min(this.#partSize - this.#inPart, chunk.byteLength - offset);
      this.#part.update(chunk.subarray(offset, offset + take));
      this.#inPart += take;
      offset += take;
      if (this.#inPart === this.#partSize) {
        this.#partDigests.push(this.#part.digest());
        this.#part = createHash('md5');
        this.#inPart = 0;
      }
    }
  }

  /** Both digests; throws if fewer or more bytes arrived than the size announced. */
  digest(): BlobDigests {
    if (this.#seen !== this.#size) {
      throw new RangeError(`BlobDigester expected ${this.#size} bytes but received ${this.#seen}`);
    }
    if (this.#inPart > 0) this.#partDigests.push(this.#part.digest());
    const etag = createHash('md5').update(Buffer.concat(this.#partDigests)).digest('hex');
    return {
      'dandi:dandi-etag': `${etag}-${this.#partDigests.length}`,
      'dandi:sha2-256': this.#sha256.digest('hex'),
    };
  }
}

/** Digests of bytes held in memory. */
export function digestBytes(bytes: Uint8Array): BlobDigests {
  const digester = new BlobDigester(bytes.byteLength);
  digester.update(bytes);
  return digester.digest();
}

/** Digests of a file on disk, streamed so multi-GiB files never sit in memory. */
export async function digestFile(path: string, size: number): Promise<BlobDigests> {
  const digester = new BlobDigester(size);
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * MiB })) digester.update(chunk as Buffer);
  return digester.digest();
}
