// DANDI's "dandi-etag": the S3 multipart ETag an upload would get if it used DANDI's fixed part-size rule.
// The rule and its test vectors come from dandischema `dandischema/digests/dandietag.py` (PartGenerator.for_file_size,
// DandiETag.as_str) and `dandischema/digests/tests/test_dandietag.py`; dandi-cli `dandi/support/digests.py` uses it.
import { createHash, type Hash } from 'node:crypto';

const MiB = 2 ** 20;
/** S3 allows at most 10,000 parts per upload. */
const MAX_PARTS = 10_000;
/** DANDI uploads in 64 MiB parts unless that would need more than MAX_PARTS parts. */
export const DANDI_DEFAULT_PART_SIZE = 64 * MiB;
/** S3's largest object: 5 TiB. */
const MAX_OBJECT_SIZE = 5 * 2 ** 40;

/** How a file of a given size is cut into parts: `count` parts of `partSize`, the last one `finalPartSize`. */
export interface PartLayout {
  count: number;
  partSize: number;
  finalPartSize: number;
}

/** DANDI's part layout for a file of `fileSize` bytes (the same numbers dandischema's PartGenerator gives). */
export function dandiPartLayout(fileSize: number): PartLayout {
  if (!Number.isSafeInteger(fileSize) || fileSize < 0) throw new RangeError(`invalid file size ${fileSize}`);
  if (fileSize === 0) return { count: 0, partSize: 0, finalPartSize: 0 };
  if (fileSize > MAX_OBJECT_SIZE) throw new RangeError('File is larger than the S3 maximum object size.');
  let partSize = DANDI_DEFAULT_PART_SIZE;
  // ">=" (not ">") is dandischema's choice: a file of exactly 10,000 default parts already gets bigger parts.
  if (Math.ceil(fileSize / partSize) >= MAX_PARTS) partSize = Math.ceil(fileSize / MAX_PARTS);
  let count = Math.floor(fileSize / partSize);
  let finalPartSize = fileSize % partSize;
  if (finalPartSize === 0) finalPartSize = partSize;
  else count += 1;
  if (count === 1) partSize = finalPartSize;
  return { count, partSize, finalPartSize };
}

/** Byte offset and size of part `index` (0-based) of a layout. */
export function partAt(layout: PartLayout, index: number): { offset: number; size: number } {
  return { offset: index * layout.partSize, size: index === layout.count - 1 ? layout.finalPartSize : layout.partSize };
}

/** Incremental dandi-etag over bytes fed in file order, in chunks of any size. */
export class DandiEtagHasher {
  readonly #layout: PartLayout;
  readonly #digests: Buffer[] = [];
  #part: Hash = createHash('md5');
  #inPart = 0;
  #total = 0;

  constructor(readonly fileSize: number) {
    this.#layout = dandiPartLayout(fileSize);
  }

  /** Feed the next bytes of the file. */
  update(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.byteLength) {
      if (this.#digests.length >= this.#layout.count)
        throw new RangeError('more bytes than the file size given to DandiEtagHasher');
      const partSize = partAt(this.#layout, this.#digests.length).size;
      const take = Math.min(partSize - this.#inPart, chunk.byteLength - offset);
      this.#part.update(chunk.subarray(offset, offset + take));
      this.#inPart += take;
      this.#total += take;
      offset += take;
      if (this.#inPart === partSize) {
        this.#digests.push(this.#part.digest());
        this.#part = createHash('md5');
        this.#inPart = 0;
      }
    }
  }

  /** The etag `<md5 of the part md5s>-<part count>`; every byte must have been fed. */
  digest(): string {
    if (this.#total !== this.fileSize)
      throw new RangeError(`dandi-etag needs ${this.fileSize} bytes, got ${this.#total}`);
    const whole = createHash('md5');
    for (const d of this.#digests) whole.update(d);
    return `${whole.digest('hex')}-${this.#digests.length}`;
  }
}
