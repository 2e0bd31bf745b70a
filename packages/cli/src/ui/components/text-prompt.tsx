// A one-line text prompt: printable keys edit the value, ⏎ submits, esc cancels. Controlled by its parent, which
// keeps the value (the filter of a listing narrows as it is typed).
import { useRef } from 'react';
import { Text, useInput } from 'ink';
import { useTextEntry } from '../text-entry.js';
import { terminalSafe } from './terminal-text.js';

/** Props of the text prompt. */
export interface TextPromptProps {
  label: string;
  value: string;
  /** Only the visible prompt takes keys. */
  active: boolean;
  width: number;
  onChange(value: string): void;
  onSubmit(value: string): void;
  onCancel(): void;
}

/** `label value▌`, the end of a long value kept in view. */
export function TextPrompt({ label, value, active, width, onChange, onSubmit, onCancel }: TextPromptProps) {
  useTextEntry(active);
  // Keys typed faster than the screen redraws each see the value the previous one left, not the last render's.
  const latest = useRef(value);
  latest.current = value;
  const change = (next: string) => {
    latest.current = next;
    onChange(next);
  };
  useInput(
    (input, key) => {
      if (key.return) return onSubmit(latest.current);
      if (key.escape) return onCancel();
      if (key.backspace || key.delete) return change(latest.current.slice(0, -1));
      if (key.ctrl || key.meta || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.tab) return;
      // Pasted text arrives as one input; control characters in it are dropped.
      const text = terminalSafe(input);
      if (text) change(latest.current + text);
    },
    { isActive: active },
  );
  const room = Math.max(4, width - label.length - 2);
  const shown = value.length > room ? `…${value.slice(value.length - room + 1)}` : value;
  return (
    <Text wrap="truncate-end">
      <Text bold color="yellow">
        {label}
      </Text>{' '}
      {shown}
      <Text inverse> </Text>
    </Text>
  );
}
