// The server's memory of answers that cost an upstream request (listing pages, object information): a viewer and
// the scripts of many people ask the same folder again and again, and the archive should not be asked each time.
// Bounded by bytes and by entries (least recently used go first), each entry fresh for as long as the answer's own
// Cache-Control allows (request-access.ts: immutable for blobs and published versions, short for drafts), and
// concurrent misses of one key share one upstream request. Only anonymous answers are kept: routes never put an
// answer read with a caller's key here (request-access.ts cachedAnswer), so nothing embargoed reaches another caller.

/** An encoded 200 answer: the bytes sent and their entity tag. */
export interface EncodedAnswer {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

/** Bounds of an {@link AnswerCache}. */
export interface AnswerCacheOptions {
  /** Body bytes kept at most (default 32 MiB). */
  maxBytes?: number;
  /** Answers kept at most (default 2,000). */
  maxEntries?: number;
  /** Milliseconds since an epoch (tests move time). */
  now?: () => number;
}

interface Entry {
  answer: EncodedAnswer;
  expires: number;
}

/** Answers of one app, least recently used first, bounded in bytes and entries, each with its own lifetime. */
export class AnswerCache {
  readonly #entries = new Map<string, Entry>();
  readonly #loading = new Map<string, Promise<EncodedAnswer>>();
  readonly #maxBytes: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  #bytes = 0;

  constructor(options: AnswerCacheOptions = {}) {
    this.#maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.#maxEntries = options.maxEntries ?? 2_000;
    this.#now = options.now ?? (() => Date.now());
  }

  /** Body bytes held now. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Answers held now. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * The fresh answer under `key`, else `load()`'s, kept for `freshSeconds` (0: not kept). Concurrent calls for a
   * missing key wait for the same load; a failed load is not kept.
   */
  async answer(key: string, freshSeconds: number, load: () => Promise<EncodedAnswer>): Promise<EncodedAnswer> {
    const kept = this.#fresh(key);
    if (kept !== undefined) return kept;
    const pending = this.#loading.get(key);
    if (pending !== undefined) return pending;
    const loading = load().then(
      (answer) => {
        this.#loading.delete(key);
        this.#keep(key, answer, freshSeconds);
        return answer;
      },
      (error: unknown) => {
        this.#loading.delete(key);
        throw error;
      },
    );
    this.#loading.set(key, loading);
    return loading;
  }

  /** Forget every answer (tests, and an operator's reset). */
  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #fresh(key: string): EncodedAnswer | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#drop(key, entry);
    if (entry.expires <= this.#now()) return undefined;
    // Re-inserted: a Map iterates in insertion order, so the first entry is the least recently used.
    this.#entries.set(key, entry);
    this.#bytes += entry.answer.body.byteLength;
    return entry.answer;
  }

  #keep(key: string, answer: EncodedAnswer, freshSeconds: number): void {
    const size = answer.body.byteLength;
    // An answer larger than a quarter of the cache would push out many others for one folder: it is not kept.
    if (freshSeconds <= 0 || size > this.#maxBytes / 4) return;
    const old = this.#entries.get(key);
    if (old !== undefined) this.#drop(key, old);
    this.#entries.set(key, { answer, expires: this.#now() + freshSeconds * 1000 });
    this.#bytes += size;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes && this.#entries.size <= this.#maxEntries) break;
      this.#drop(oldest, entry);
    }
  }

  #drop(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#bytes -= entry.answer.body.byteLength;
  }
}
