// Run one async read per change of its inputs and keep only the latest answer, so a fast-moving cursor never
// shows the details of a row it has already left.
import { useEffect, useState } from 'react';
import { toFailure, type Failure } from './failure.js';

/** The state of one async read: loading, its value, or a one-sentence error. */
export interface AsyncState<T> {
  value: T | undefined;
  loading: boolean;
  /** One sentence, or null. */
  error: string | null;
  /** Whether retrying could help. */
  retryable: boolean;
}

/**
 * Call `load` whenever `key` changes (undefined key: nothing to load), after `delayMs` of quiet so that holding
 * an arrow key does not fire one read per row. `attempt` re-runs the same key (retry).
 */
export function useAsync<T>(key: string | undefined, load: () => Promise<T>, delayMs = 0, attempt = 0): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({
    value: undefined,
    loading: key !== undefined,
    error: null,
    retryable: false,
  });
  useEffect(() => {
    if (key === undefined) {
      setState({ value: undefined, loading: false, error: null, retryable: false });
      return;
    }
    let current = true;
    setState((s) => ({ value: s.value, loading: true, error: null, retryable: false }));
    const timer = setTimeout(() => {
      load().then(
        (value) => current && setState({ value, loading: false, error: null, retryable: false }),
        (error: unknown) => {
          const failure: Failure = toFailure(error);
          if (current)
            setState({ value: undefined, loading: false, error: failure.message, retryable: failure.retryable });
        },
      );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `load` is a fresh closure every render; `key` names what it reads.
  }, [key, attempt]);
  return state;
}
