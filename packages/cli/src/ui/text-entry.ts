// While the user types into a prompt (a filter, a destination folder), printable keys are text, not commands: the
// app's global keys (q quits, ? shows help) step aside. Prompts say so through this context.
import { createContext, useContext, useEffect } from 'react';

/** Tells the app whether a prompt is taking the keyboard. */
export type SetTyping = (typing: boolean) => void;

const TextEntryContext = createContext<SetTyping>(() => undefined);

/** Provided by the app, read by prompts. */
export const TextEntryProvider = TextEntryContext.Provider;

/** Mark the keyboard as taken while `typing` holds (and give it back on unmount). */
export function useTextEntry(typing: boolean): void {
  const setTyping = useContext(TextEntryContext);
  useEffect(() => {
    setTyping(typing);
    return () => setTyping(false);
  }, [typing, setTyping]);
}
