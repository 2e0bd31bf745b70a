// The bottom line of every screen: the keys that work here, read from the one key map.
import { Box, Text } from 'ink';
import type { KeyBinding } from '../keys.js';

/** Props of the footer. */
export interface FooterProps {
  bindings: readonly KeyBinding[];
}

/** "↑/k up  ↓/j down  ⏎/→ open ..." for the current screen. */
export function Footer({ bindings }: FooterProps) {
  return (
    <Box>
      <Text wrap="truncate-end">
        {bindings.map((b, i) => (
          <Text key={`${b.action}-${i}`}>
            {i > 0 ? '  ' : ' '}
            <Text bold color="yellow">
              {b.label}
            </Text>
            <Text dimColor> {b.hint}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
}
