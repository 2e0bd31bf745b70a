// Key presses of one screen, turned into actions by the key map.
//
// Two Ink behaviours make naive handlers act on stale state, which shows as lost or misdirected keys when keys come
// fast (key repeat, typing ahead, tmux send-keys):
// - `useInput` subscribes its handler in a passive effect, so a key arriving right after a render reaches the
//   previous render's handler, or, for a screen just made active, none. Here every screen stays subscribed and
//   reads the latest handler and `active` flag from a ref that each render updates.
// - Keys that arrive in one read ("↑⏎", or "jjj" as one string) are handed over in the same batch of updates, so
//   the second would see the state from before the first. Here they queue, and the next one runs only after the
//   screen has committed the render the previous one caused (or, when a key changed nothing, after a short wait).
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useInput, type Key } from 'ink';
import { actionFor, type Action, type ScreenKind } from '../keys.js';

/** Printable keys that came in one string, one key each ("jj" -> ["j", "j"]); escape sequences stay whole. */
export function keyChunks(input: string): string[] {
  // Ink hands over an SGR mouse report (ESC [ < b ; x ; y M) with its ESC stripped: one event, not ten keys.
  if (isMouseReport(input)) return [input];
  return input.length > 1 && !input.startsWith('\u001B') ? Array.from(input) : [input];
}

/**
 * One chunk of a split input as a key press of its own: backspaces that arrived together ("\x7f\x7f", key repeat or
 * tmux send-keys) are each a backspace, though Ink parsed the pair as one unknown key.
 */
export function chunkKey(chunk: string, key: Key, input: string): { input: string; key: Key } {
  if (chunk === input) return { input: chunk, key };
  if (chunk === '\u007F' || chunk === '\b') return { input: '', key: { ...key, backspace: true } };
  return { input: chunk, key };
}

/** An xterm SGR mouse report as Ink passes it on: "[<64;12;5M" (button 64 wheel up, 65 wheel down). */
export function isMouseReport(input: string): boolean {
  return /^\u001B?\[<\d+;\d+;\d+[Mm]$/.test(input);
}

/** Call `onAction` for each key press that means something on `screen`, while `active`. */
export function useKeys(screen: ScreenKind, onAction: (action: Action, input: string) => void, active: boolean): void {
  const latest = useRef({ onAction, active });
  latest.current = { onAction, active };
  const queue = useRef<{ input: string; key: Key }[]>([]);
  const draining = useRef(false);
  const awaitingRender = useRef(false);
  const fallback = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const drain = useCallback(() => {
    clearTimeout(fallback.current);
    awaitingRender.current = false;
    const next = queue.current.shift();
    if (!next) {
      draining.current = false;
      return;
    }
    draining.current = true;
    if (latest.current.active) {
      const action = actionFor(screen, next.input, next.key);
      if (action) latest.current.onAction(action, next.input);
    }
    // Keys arriving before the screen re-renders wait in the queue.
    awaitingRender.current = true;
    // A key that changed nothing causes no render; go on anyway.
    fallback.current = setTimeout(drain, 30);
  }, [screen]);

  // After each commit, the handler in `latest` sees the state the last key left: run the next queued key.
  useLayoutEffect(() => {
    if (!awaitingRender.current) return;
    awaitingRender.current = false;
    clearTimeout(fallback.current);
    fallback.current = setTimeout(drain, 0);
  });

  // A screen that goes away drops the keys still queued for it.
  useEffect(
    () => () => {
      clearTimeout(fallback.current);
      queue.current = [];
    },
    [],
  );

  const handle = useCallback(
    (input: string, key: Key) => {
      if (!latest.current.active) return;
      for (const chunk of keyChunks(input)) queue.current.push(chunkKey(chunk, key, input));
      if (!draining.current) drain();
    },
    [drain],
  );
  useInput(handle);
}
