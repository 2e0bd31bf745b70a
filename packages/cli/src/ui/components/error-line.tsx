// A failure as the user sees it: one sentence, never a stack trace, and how to try again.
import { Text } from 'ink';
import { terminalSafe } from './terminal-text.js';

/** Props of the error line. */
export interface ErrorLineProps {
  message: string;
  /** Mention the retry key. */
  retryable?: boolean;
}

/** "✖ <one sentence>" in red, with "(r to retry)" when retrying makes sense. */
export function ErrorLine({ message, retryable = true }: ErrorLineProps) {
  const firstLine = terminalSafe(message.split('\n')[0] ?? message);
  return (
    <Text color="red" wrap="wrap">
      ✖ {firstLine}
      {retryable ? <Text dimColor> (r to retry)</Text> : null}
    </Text>
  );
}
