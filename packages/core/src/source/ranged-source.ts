// What the HTTP and S3 sources share: the size comes from the Content-Range of a first ranged GET (never HEAD:
// DANDI's S3 CORS blocks it), whose bytes are kept so opening a file costs no extra request; later reads that
// start inside those bytes fetch only what lies past them.
import type { ByteSource, FetchStats } from './byte-source.js';

/** A ranged GET's bytes and the total size its Content-Range gave. */
export interface RangeResponse {
  bytes: Uint8Array;
  total: number;
}

/** A ByteSource over one ranged-GET primitive; subclasses say how to fetch a range and count what it cost. */
export abstract class RangedSource implements ByteSource {
  abstract readonly location: string;
  protected readonly counters: FetchStats = { requests: 0, bytesFetched: 0, cacheHits: 0, cacheMisses: 0 };
  protected readonly closing = new AbortController();
  private sizePromise: Promise<number> | undefined;
  private head: Uint8Array | undefined;

  constructor(private readonly probeBytes: number) {}

  /** Fetch bytes [offset, offset+length) with one ranged GET (retries are the subclass's business). */
  protected abstract get(offset: number, length: number, signal?: AbortSignal): Promise<RangeResponse>;

  /** Size from the first ranged GET's Content-Range. */
  size(): Promise<number> {
    this.sizePromise ??= this.get(0, this.probeBytes).then(({ bytes, total }) => {
      this.head = bytes;
      return total;
    });
    return this.sizePromise;
  }

  /** Bytes [offset, offset+length), fewer only at the end of the file. */
  async read(offset: number, length: number, signal?: AbortSignal): Promise<Uint8Array> {
    const size = await this.size();
    const end = Math.min(offset + length, size);
    if (end <= offset) return new Uint8Array(0);
    const head = this.head;
    if (head && end <= head.length) return head.slice(offset, end);
    // A read that starts inside the probed head fetches only what lies past it (cache blocks smaller than the probe
    // would otherwise fetch those bytes twice).
    if (head && offset < head.length) {
      const { bytes } = await this.get(head.length, end - head.length, signal);
      const out = new Uint8Array(head.length - offset + bytes.length);
      out.set(head.subarray(offset), 0);
      out.set(bytes, head.length - offset);
      return out;
    }
    return (await this.get(offset, end - offset, signal)).bytes;
  }

  /** Requests and bytes spent so far. */
  stats(): FetchStats {
    return { ...this.counters };
  }

  /** Abort requests still running. */
  async close(): Promise<void> {
    this.closing.abort(this.closedReason());
    this.head = undefined;
  }

  /** What requests cut short by close() fail with (the abort's default reason unless a subclass says otherwise). */
  protected closedReason(): unknown {
    return undefined;
  }
}
