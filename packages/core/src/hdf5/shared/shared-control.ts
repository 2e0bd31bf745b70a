// The shared-memory handshake between a thread that fetches bytes (Node parent, browser page) and an h5wasm worker
// blocked on Atomics.wait until they arrive: one Int32 control array and one byte buffer. No Node or DOM imports, so
// both engines use it.

// Slots of the Int32 control array.
/** 0 while the fetching side works, 1 when the bytes are in the buffer, 2 when the fetch failed. */
export const CONTROL_STATE = 0;
/** Bytes the fetching side wrote. */
export const CONTROL_LENGTH = 1;
/** Sequence number of the request the fetching side answered. */
export const CONTROL_SEQ = 2;
/** Int32 slots in the control array. */
export const CONTROL_SLOTS = 4;

/**
 * The fetching side of one worker's reads through shared memory: fetches what the blocked worker asks for, copies it
 * into the worker's buffer and wakes it. Only the newest request is answered (an older answer could overwrite it), and
 * the last failure is kept so that the call that needed the bytes can report the real cause.
 */
export class SharedFetchServer {
  private latestSeq = 0;
  private failure: unknown;

  constructor(
    private readonly control: Int32Array,
    private readonly read: (offset: number, length: number) => Promise<Uint8Array>,
    /** False once the worker no longer belongs to this file (closed, detached). */
    private readonly accepting: () => boolean,
  ) {}

  /** Fetch `length` bytes at `offset` for request `seq`, copy them into `buffer` and wake the worker. */
  serve(seq: number, offset: number, length: number, buffer: SharedArrayBuffer): void {
    this.latestSeq = seq;
    const control = this.control;
    const answer = (state: 1 | 2, bytes?: Uint8Array): void => {
      if (seq !== this.latestSeq || !this.accepting()) return;
      if (bytes) new Uint8Array(buffer).set(bytes.subarray(0, Math.min(bytes.length, buffer.byteLength)));
      Atomics.store(control, CONTROL_LENGTH, bytes?.length ?? 0);
      Atomics.store(control, CONTROL_SEQ, seq);
      Atomics.store(control, CONTROL_STATE, state);
      Atomics.notify(control, CONTROL_STATE);
    };
    this.read(offset, length).then(
      (bytes) => answer(1, bytes),
      (error: unknown) => {
        this.failure = error;
        answer(2);
      },
    );
  }

  /** The last fetch failure, if any, kept for later calls. */
  get lastFailure(): unknown {
    return this.failure;
  }

  /** The last fetch failure, forgotten: a call has now reported it, or succeeded since. */
  takeFailure(): unknown {
    const failure = this.failure;
    this.failure = undefined;
    return failure;
  }
}
