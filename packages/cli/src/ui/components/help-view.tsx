// The full key map, screen by screen, shown by `?`.
import { Box, Text } from 'ink';
import { bindingsFor, type ScreenKind } from '../keys.js';

const SCREEN_NAMES: Record<ScreenKind, string> = {
  browser: 'Browse (folders of the archive)',
  file: 'File (HDF5/NWB object tree)',
  nwb: 'NWB summary',
  pose: 'Pose (keypoints and metrics)',
};

/** Props of the help view. */
export interface HelpViewProps {
  /** The screen the user came from; listed first. */
  screen: ScreenKind;
}

/** Every binding, grouped by screen, the current screen first. */
export function HelpView({ screen }: HelpViewProps) {
  const order: ScreenKind[] = [screen, ...(['browser', 'file', 'nwb', 'pose'] as const).filter((s) => s !== screen)];
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>Keys (press ? again to close)</Text>
      {order.map((s) => (
        <Box key={s} flexDirection="column" marginTop={1}>
          <Text color="cyan">{SCREEN_NAMES[s]}</Text>
          {bindingsFor(s).map((b, i) => (
            <Text key={`${b.action}-${i}`}>
              {'  '}
              <Text bold color="yellow">
                {b.label.padEnd(12)}
              </Text>
              {b.description}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}
