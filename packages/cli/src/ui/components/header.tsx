// The top two lines of every screen: where the user is, and what is known about it.
import { Box, Text } from 'ink';
import { truncate } from './units.js';

/** Props of the header. */
export interface HeaderProps {
  /** Screen name, e.g. "Browse", "File", "NWB", "Pose". */
  title: string;
  /** The identifier being looked at (paste it into any ember-archive command). */
  location: string;
  /** A dim second line: counts, file size, bytes fetched, the archive in use. */
  detail?: string;
  width: number;
}

/** Screen title and current URI, with one line of detail under them. */
export function Header({ title, location, detail, width }: HeaderProps) {
  const room = Math.max(10, width - title.length - 4);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold color="cyan">
          {` ${title} `}
        </Text>
        <Text> </Text>
        <Text bold>{truncate(location, room)}</Text>
      </Text>
      <Text dimColor wrap="truncate-end">
        {detail ? ` ${detail}` : ' '}
      </Text>
    </Box>
  );
}
