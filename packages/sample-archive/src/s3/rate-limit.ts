// A bandwidth limit for the sample S3 server, so benchmarks can show what a user on a real link sees (issue 14:
// "--rate 1gbit" and "--rate 100mbit"). One token bucket per server: every response body draws from it, so
// parallel connections share the link as they would share a real one.
import { Transform, type TransformCallback } from 'node:stream';

const UNITS: Record<string, number> = { '': 1, k: 1e3, m: 1e6, g: 1e9 };

/** Bytes per second of a rate such as "1gbit", "100mbit", "2.5gbit" or "250kbit" (decimal units, bits per second). */
export function parseRate(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)bit(?:\/s)?$/i.exec(text.trim());
  const bitsPerSecond = match ? Number(match[1]) * UNITS[match[2]!.toLowerCase()]! : Number.NaN;
  if (!(bitsPerSecond >= 8_000)) {
    throw new RangeError(
      `A rate is a number of bits per second of at least 8kbit, such as 1gbit or 100mbit, not "${text}".`,
    );
  }
  return bitsPerSecond / 8;
}

/** A token bucket: `reserve(n)` takes n bytes' worth and says how long to wait before sending them. */
export class TokenBucket {
  readonly #bytesPerSecond: number;
  readonly #burstBytes: number;
  readonly #now: () => number;
  #tokens: number;
  #at: number;

  /** `burstBytes` (default 20 ms at the rate, at least 16 KiB) may go out at once after a pause. */
  constructor(bytesPerSecond: number, options: { burstBytes?: number; now?: () => number } = {}) {
    if (!(bytesPerSecond > 0)) throw new RangeError(`A token bucket needs a positive rate, not ${bytesPerSecond}.`);
    this.#bytesPerSecond = bytesPerSecond;
    this.#burstBytes = options.burstBytes ?? Math.max(16 * 1024, bytesPerSecond / 50);
    this.#now = options.now ?? (() => performance.now());
    this.#tokens = this.#burstBytes;
    this.#at = this.#now();
  }

  /** The largest piece worth reserving at once (one burst). */
  get burstBytes(): number {
    return this.#burstBytes;
  }

  /** Reserve `bytes` (the bucket may go into debt); the milliseconds to wait before sending them. */
  reserve(bytes: number): number {
    const now = this.#now();
    this.#tokens = Math.min(this.#burstBytes, this.#tokens + ((now - this.#at) / 1000) * this.#bytesPerSecond);
    this.#at = now;
    this.#tokens -= bytes;
    return this.#tokens >= 0 ? 0 : (-this.#tokens / this.#bytesPerSecond) * 1000;
  }
}

/** A pass-through stream that releases bytes no faster than `bucket` allows, in pieces of at most one burst. */
export function throttled(bucket: TokenBucket): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      let at = 0;
      const next = (): void => {
        if (at >= chunk.length) return done();
        const piece = chunk.subarray(at, at + bucket.burstBytes);
        at += piece.length;
        const wait = bucket.reserve(piece.length);
        const send = () => {
          this.push(piece);
          next();
        };
        if (wait < 1) send();
        else setTimeout(send, wait);
      };
      next();
    },
  });
}
