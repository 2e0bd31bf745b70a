// One async read per key, with loading / error / ready states and cancellation when the key changes, so every view
// shows the same three states without a data-fetching library in the initial bundle.
import { useEffect, useState } from 'react';

/** The state of one read. */
export type Resource<T> =
  { status: 'loading'; previous?: T } | { status: 'error'; error: Error } | { status: 'ready'; data: T };

/** Runs `load` whenever `key` changes; an earlier read still running is aborted. */
export function useResource<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const [state, setState] = useState<{ key: string; resource: Resource<T> }>({ key, resource: { status: 'loading' } });
  useEffect(() => {
    const controller = new AbortController();
    setState((old) => ({
      key,
      resource: { status: 'loading', ...(old.resource.status === 'ready' ? { previous: old.resource.data } : {}) },
    }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, resource: { status: 'ready', data } });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          key,
          resource: { status: 'error', error: error instanceof Error ? error : new Error(String(error)) },
        });
      },
    );
    return () => controller.abort();
    // Only `key` re-runs the read: `load` is a fresh closure each render, and `key` names everything it reads.
  }, [key]);
  return state.key === key ? state.resource : { status: 'loading' };
}
