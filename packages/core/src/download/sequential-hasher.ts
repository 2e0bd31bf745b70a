// Digest a file while it is still being written: parallel ranged parts land out of order, so the hasher reads the
// file back (from the page cache) in file order, up to the prefix that is known to be complete. This also
// verifies what is really on disk, including bytes kept from an interrupted run.
import { open, type FileHandle } from 'node:fs/promises';
import { createDigester, type DigestKind } from './digest.js';

const READ_SIZE = 4 * 2 ** 20;

/** Hashes `path` in file order as its complete prefix grows. */
export class SequentialHasher {
  readonly #digester;
  #handle: FileHandle | undefined;
  #hashed = 0;
  #watermark = 0;
  #running: Promise<void> | undefined;
  #failed: unknown;
  readonly #buffer = Buffer.allocUnsafe(READ_SIZE);

  constructor(
    readonly path: string,
    readonly kind: DigestKind,
    readonly size: number,
  ) {
    this.#digester = createDigester(kind, size);
  }

  /** Bytes digested so far. */
  get hashed(): number {
    return this.#hashed;
  }

  /** Bytes `[0, watermark)` are final on disk: digest them (in the background). */
  advance(watermark: number): void {
    if (this.kind === 'size') return;
    this.#watermark = Math.max(this.#watermark, Math.min(watermark, this.size));
    this.#running ??= this.#run().finally(() => (this.#running = undefined));
  }

  /** Digest the rest (the whole file must be on disk) and return the hex digest. */
  async finish(): Promise<string> {
    this.advance(this.size);
    while (this.#running) await this.#running;
    if (this.#failed) throw this.#failed;
    await this.close();
    return this.#digester.digest();
  }

  /** Stop and release the file. */
  async close(): Promise<void> {
    while (this.#running) await this.#running.catch(() => undefined);
    await this.#handle?.close();
    this.#handle = undefined;
  }

  async #run(): Promise<void> {
    try {
      this.#handle ??= await open(this.path, 'r');
      while (this.#hashed < this.#watermark) {
        const length = Math.min(READ_SIZE, this.#watermark - this.#hashed);
        const { bytesRead } = await this.#handle.read(this.#buffer, 0, length, this.#hashed);
        if (bytesRead === 0) throw new Error(`${this.path} is shorter than the bytes reported written`);
        this.#digester.update(this.#buffer.subarray(0, bytesRead));
        this.#hashed += bytesRead;
      }
    } catch (error) {
      this.#failed ??= error;
      this.#watermark = this.#hashed;
    }
  }
}

/** Digest a whole file that is already complete on disk. */
export async function digestFile(path: string, kind: DigestKind, size: number): Promise<string> {
  const hasher = new SequentialHasher(path, kind, size);
  try {
    return await hasher.finish();
  } finally {
    await hasher.close();
  }
}
