// The full key map, one line per binding with the screens it works on, shown by `?`. The current screen's
// bindings come first; it fits a 24-line terminal.
import { Box, Text } from 'ink';
import { KEY_MAP, type KeyBinding, type ScreenKind } from '../keys.js';

const SCREEN_NAMES: Record<ScreenKind, string> = { browser: 'Browse', file: 'File', nwb: 'NWB', pose: 'Pose' };

/** Props of the help view. */
export interface HelpViewProps {
  /** The screen the user came from; its bindings are listed first. */
  screen: ScreenKind;
  /** Lines available; bindings that do not fit are counted instead (the other screens' go first). */
  height?: number;
}

function where(binding: KeyBinding): string {
  return binding.screens === 'all' ? 'everywhere' : binding.screens.map((s) => SCREEN_NAMES[s]).join(', ');
}

function appliesTo(binding: KeyBinding, screen: ScreenKind): boolean {
  return binding.screens === 'all' || binding.screens.includes(screen);
}

/** Every binding: keys, what they do, where. */
export function HelpView({ screen, height = 24 }: HelpViewProps) {
  const here = KEY_MAP.filter((b) => appliesTo(b, screen));
  const elsewhere = KEY_MAP.filter((b) => !appliesTo(b, screen));
  const all = [...here, ...elsewhere];
  const room = Math.max(1, height - 1);
  const shown = all.length <= room ? all : all.slice(0, room - 1);
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>Keys (press ? again to close)</Text>
      {shown.map((b, i) => (
        <Text key={`${b.action}-${i}`} dimColor={!appliesTo(b, screen)} wrap="truncate-end">
          <Text bold color="yellow">
            {b.label.padEnd(12)}
          </Text>
          {b.description.padEnd(40)}
          <Text dimColor>{where(b)}</Text>
        </Text>
      ))}
      {shown.length < all.length ? <Text dimColor>{`… ${all.length - shown.length} more in a taller terminal`}</Text> : null}
    </Box>
  );
}
