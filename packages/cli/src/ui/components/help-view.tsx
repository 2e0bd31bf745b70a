// The full key map, shown by `?`: the current screen's keys first, then the other screens' with where they work.
// Descriptions wrap inside their own column (a long one used to run into the next column), so every row lines
// up at any width from 60 columns; what does not fit the height is counted, never cut mid-row.
import { Box, Text } from 'ink';
import { KEY_MAP, type KeyBinding, type ScreenKind } from '../keys.js';

const SCREEN_NAMES: Record<ScreenKind, string> = {
  browser: 'Browse',
  file: 'File',
  nwb: 'NWB',
  pose: 'Pose',
  download: 'Download',
  details: 'Details',
};

/** Props of the help view. */
export interface HelpViewProps {
  /** The screen the user came from; its bindings are listed first. */
  screen: ScreenKind;
  /** Lines available; rows that do not fit are counted instead (the other screens' go first). */
  height?: number;
  /** Columns available. */
  width?: number;
  /** First line shown. */
  start?: number;
}

/** One printed line of the help: keys (on a binding's first line only), and a piece of its description. */
export interface HelpLine {
  keys: string;
  text: string;
  /** The binding does not work on the current screen. */
  elsewhere: boolean;
  /** A section title rather than a binding. */
  heading?: boolean;
}

function appliesTo(binding: KeyBinding, screen: ScreenKind): boolean {
  return binding.screens === 'all' || binding.screens.includes(screen);
}

/** `text` cut into lines of at most `width` characters at spaces (a word longer than the line is split). */
export function wrapWords(text: string, width: number): string[] {
  const room = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > room) {
      if (line) lines.push(line);
      lines.push(rest.slice(0, room));
      rest = rest.slice(room);
      line = '';
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= room) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** The width of the keys column: the longest label and two spaces. */
export const HELP_KEYS_WIDTH = Math.max(...KEY_MAP.map((b) => b.label.length)) + 2;

/** Lines of the help for `screen` at `width` columns (the view's padding excluded). */
export function helpLines(screen: ScreenKind, width: number): HelpLine[] {
  const room = Math.max(10, width - HELP_KEYS_WIDTH);
  const lines: HelpLine[] = [];
  const add = (binding: KeyBinding, elsewhere: boolean) => {
    const where =
      elsewhere && binding.screens !== 'all' ? ` (${binding.screens.map((s) => SCREEN_NAMES[s]).join(', ')})` : '';
    wrapWords(`${binding.description}${where}`, room).forEach((text, i) =>
      lines.push({ keys: i === 0 ? binding.label : '', text, elsewhere }),
    );
  };
  lines.push({ keys: '', text: `On the ${SCREEN_NAMES[screen]} screen`, elsewhere: false, heading: true });
  for (const binding of KEY_MAP) if (appliesTo(binding, screen)) add(binding, false);
  lines.push({ keys: '', text: 'On other screens', elsewhere: true, heading: true });
  for (const binding of KEY_MAP) if (!appliesTo(binding, screen)) add(binding, true);
  return lines;
}

/** Every binding: keys and what they do, this screen's first; `start` scrolls (↑/↓ while the help is open). */
export function HelpView({ screen, height = 24, width = 80, start = 0 }: HelpViewProps) {
  const all = helpLines(screen, width - 2);
  const room = Math.max(1, height - 1);
  const from = Math.max(0, Math.min(start, all.length - (room - 1)));
  let shown = all.length <= room ? all : all.slice(from, from + room - 1);
  const after = () => all[from + shown.length];
  // Never end on half a binding: drop the first lines of one whose continuation does not fit.
  if (from + shown.length < all.length) {
    while (shown.length > 1 && after()?.keys === '' && !after()?.heading) shown = shown.slice(0, -1);
  }
  const hidden = all.slice(from + shown.length).filter((l) => l.keys !== '').length;
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>{from > 0 ? `Keys (↑ for more; ? to close)` : 'Keys (press ? again to close)'}</Text>
      {shown.map((line, i) =>
        line.heading ? (
          <Text key={i} bold color="cyan" dimColor={line.elsewhere}>
            {line.text}
          </Text>
        ) : (
          <Text key={i} dimColor={line.elsewhere} wrap="truncate-end">
            <Text bold color="yellow">
              {line.keys.padEnd(HELP_KEYS_WIDTH)}
            </Text>
            {line.text}
          </Text>
        ),
      )}
      {hidden > 0 ? <Text dimColor>{`… ${hidden} more below (↓ to scroll)`}</Text> : null}
    </Box>
  );
}
