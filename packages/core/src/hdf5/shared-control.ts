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

/** Where the answers to one worker's fetch requests go, and which request is still awaited. */
export interface SharedFetchTarget {
  control: Int32Array;
  /** The request the worker is waiting for now: older ones are dropped, an answer could overwrite a newer one. */
  latestSeq(): number;
  /** False once the worker no longer belongs to this file (closed, detached). */
  accepting(): boolean;
}

/** Fetch `length` bytes at `offset` for the blocked worker, copy them into `buffer` and wake it; failures go to `onError`. */
export function serveSharedFetch(
  target: SharedFetchTarget,
  seq: number,
  buffer: SharedArrayBuffer,
  fetch: () => Promise<Uint8Array>,
  onError: (error: unknown) => void,
): void {
  const { control } = target;
  const answer = (state: 1 | 2, bytes?: Uint8Array): void => {
    if (seq !== target.latestSeq() || !target.accepting()) return;
    if (bytes) new Uint8Array(buffer).set(bytes.subarray(0, Math.min(bytes.length, buffer.byteLength)));
    Atomics.store(control, CONTROL_LENGTH, bytes?.length ?? 0);
    Atomics.store(control, CONTROL_SEQ, seq);
    Atomics.store(control, CONTROL_STATE, state);
    Atomics.notify(control, CONTROL_STATE);
  };
  fetch().then(
    (bytes) => answer(1, bytes),
    (error: unknown) => {
      onError(error);
      answer(2);
    },
  );
}
