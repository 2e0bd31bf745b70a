// Download progress as state: a pure reducer over the engine's DownloadEvents (tested without a terminal), and a
// hook that feeds it from an event source, for the `download` command today and the terminal UI later.
import { useEffect, useReducer } from 'react';
import type { DownloadEvent, FileOutcome } from '@ember-archive/core/node';

/** One file being transferred. */
export interface ActiveFile {
  path: string;
  size: number;
  bytes: number;
  retries: number;
  /** The last retry's reason, shown until bytes flow again. */
  lastRetry?: string;
  /** When the file started, and the bytes it resumed from (its speed counts only what this run fetched). */
  startedAt: number;
  resumed: number;
}

/** Everything the progress view shows. */
export interface DownloadProgressState {
  files: number;
  totalBytes: number;
  /** Bytes on disk for finished, skipped and active files. */
  doneBytes: number;
  downloaded: number;
  skipped: number;
  failures: FileOutcome[];
  active: ActiveFile[];
  finished: boolean;
  startedAt: number;
  now: number;
}

/** The state before any event. */
export function initialDownloadProgress(now = Date.now()): DownloadProgressState {
  return {
    files: 0,
    totalBytes: 0,
    doneBytes: 0,
    downloaded: 0,
    skipped: 0,
    failures: [],
    active: [],
    finished: false,
    startedAt: now,
    now,
  };
}

/** Apply one engine event. */
export function reduceDownloadProgress(
  state: DownloadProgressState,
  event: DownloadEvent,
  now = Date.now(),
): DownloadProgressState {
  const next = { ...state, now };
  switch (event.type) {
    case 'start':
      return { ...next, files: event.files, totalBytes: event.totalBytes };
    case 'file-start':
      return {
        ...next,
        doneBytes: state.doneBytes + event.resumed,
        active: [
          ...state.active.filter((f) => f.path !== event.path),
          {
            path: event.path,
            size: event.size,
            bytes: event.resumed,
            retries: 0,
            startedAt: now,
            resumed: event.resumed,
          },
        ],
      };
    case 'progress': {
      const file = state.active.find((f) => f.path === event.path);
      if (!file) return next;
      const { lastRetry: _cleared, ...rest } = file;
      return {
        ...next,
        doneBytes: state.doneBytes + Math.max(0, event.bytes - file.bytes),
        active: state.active.map((f) => (f === file ? { ...rest, bytes: event.bytes } : f)),
      };
    }
    case 'retry':
      return {
        ...next,
        active: state.active.map((f) =>
          f.path === event.path ? { ...f, retries: f.retries + 1, lastRetry: event.reason } : f,
        ),
      };
    case 'file-done': {
      const { outcome } = event;
      const file = state.active.find((f) => f.path === outcome.path);
      const counted = file?.bytes ?? 0;
      const active = state.active.filter((f) => f.path !== outcome.path);
      if (outcome.status === 'failed')
        return { ...next, active, doneBytes: state.doneBytes - counted, failures: [...state.failures, outcome] };
      const doneBytes = state.doneBytes - counted + outcome.size;
      return outcome.status === 'skipped'
        ? { ...next, active, doneBytes, skipped: state.skipped + 1 }
        : { ...next, active, doneBytes, downloaded: state.downloaded + 1 };
    }
    case 'done':
      return { ...next, finished: true };
  }
}

/** Something that delivers download events to a listener and returns an unsubscribe function. */
export type DownloadEventSource = (listener: (event: DownloadEvent) => void) => () => void;

/** Progress state fed by `source`, re-rendered at most every `intervalMs` (events can come thousands a second). */
export function useDownloadProgress(source: DownloadEventSource, intervalMs = 100): DownloadProgressState {
  const [state, dispatch] = useReducer(
    (s: DownloadProgressState, batch: DownloadEvent[]) => batch.reduce((acc, e) => reduceDownloadProgress(acc, e), s),
    undefined,
    () => initialDownloadProgress(),
  );
  useEffect(() => {
    let pending: DownloadEvent[] = [];
    const flush = () => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      dispatch(batch);
    };
    const timer = setInterval(flush, intervalMs);
    const unsubscribe = source((event) => {
      pending.push(event);
      if (event.type === 'done') flush();
    });
    return () => {
      clearInterval(timer);
      unsubscribe();
      flush();
    };
  }, [source, intervalMs]);
  return state;
}
