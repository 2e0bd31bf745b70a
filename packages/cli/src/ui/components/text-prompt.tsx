// A one-line text prompt: printable keys edit the value, ⏎ submits, esc cancels. Controlled by its parent, which
// keeps the value (the filter of a listing narrows as it is typed).
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
  useInput(
    (input, key) => {
      if (key.return) return onSubmit(value);
      if (key.escape) return onCancel();
      if (key.backspace || key.delete) return onChange(value.slice(0, -1));
      if (key.ctrl || key.meta || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.tab) return;
      // Pasted text arrives as one input; control characters in it are dropped.
      const text = terminalSafe(input);
      if (text) onChange(value + text);
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
