// Key presses of one screen, turned into actions by the key map. Ink subscribes `useInput` handlers in a passive
// effect, so a key that arrives right after a render (the next screen just shown, new rows just loaded) would
// reach the previous render's handler or none. Here every screen stays subscribed and reads the latest handler
// and the latest `active` flag from refs that each render updates.
import { useCallback, useRef } from 'react';
import { useInput, type Key } from 'ink';
import { actionFor, type Action, type ScreenKind } from '../keys.js';

/** Call `onAction` for each key press that means something on `screen`, while `active`. */
export function useKeys(screen: ScreenKind, onAction: (action: Action, input: string) => void, active: boolean): void {
  const latest = useRef({ onAction, active });
  latest.current = { onAction, active };
  const handle = useCallback(
    (input: string, key: Key) => {
      if (!latest.current.active) return;
      const action = actionFor(screen, input, key);
      if (action) latest.current.onAction(action, input);
    },
    [screen],
  );
  useInput(handle);
}
