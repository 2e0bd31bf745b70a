// One folder of the archive as rows: folders first, then files, with sizes, file counts and dates.
import { Box, Text } from 'ink';
import type { ListingEntry } from '../data.js';
import { ErrorLine } from './error-line.js';
import { Spinner } from './spinner.js';
import { terminalSafe } from './terminal-text.js';
import { formatBytes, formatCount, truncate } from './units.js';

/** Props of the listing view. */
export interface ListingViewProps {
  entries: readonly ListingEntry[];
  cursor: number;
  /** First visible row. */
  start: number;
  /** Rows available for entries (the status line comes below them). */
  height: number;
  width: number;
  loading: boolean;
  done: boolean;
  error: string | null;
  /** Offer r to retry with the error. */
  retryable?: boolean;
  /** A one-line note about the selected entry (e.g. "video.avi is not an HDF5 file"). */
  notice?: string | null;
}

const SIZE_WIDTH = 9;
const COUNT_WIDTH = 13;
const DATE_WIDTH = 10;

/** The visible rows of a listing and a status line saying how much is loaded. */
export function ListingView({
  entries,
  cursor,
  start,
  height,
  width,
  loading,
  done,
  error,
  retryable = true,
  notice,
}: ListingViewProps) {
  const visible = entries.slice(start, start + height);
  const showDates = width >= 70 && entries.some((e) => e.modified);
  const nameWidth = Math.max(12, width - 4 - SIZE_WIDTH - COUNT_WIDTH - (showDates ? DATE_WIDTH + 1 : 0) - 2);
  return (
    <Box flexDirection="column">
      <Box flexDirection="column" height={height}>
        {visible.map((entry, i) => {
          const index = start + i;
          const selected = index === cursor;
          const isFolder = entry.kind === 'folder';
          const safeName = terminalSafe(entry.name);
          const shownName = isFolder ? `${safeName.replace(/\/$/, '')}/` : safeName;
          // Dandisets are named by number; their title says what they are.
          const line = truncate(
            entry.title ? `${shownName}  ${terminalSafe(entry.title)}` : shownName,
            nameWidth,
          ).padEnd(nameWidth);
          const name = line.slice(0, Math.min(shownName.length, line.length));
          const title = line.slice(name.length);
          const size = entry.size !== undefined ? formatBytes(entry.size) : '';
          const count = entry.fileCount !== undefined ? formatCount(entry.fileCount, 'file') : '';
          const date = showDates ? (entry.modified ?? '').slice(0, 10).padEnd(DATE_WIDTH) : '';
          return (
            <Text key={entry.uri} inverse={selected} wrap="truncate-end">
              {selected ? '›' : ' '} {isFolder ? '▸' : ' '}{' '}
              <Text color={isFolder ? 'blue' : undefined} bold={isFolder}>
                {name}
              </Text>
              <Text dimColor={!selected}>{title}</Text> {size.padStart(SIZE_WIDTH)}{' '}
              <Text dimColor={!selected}>{count.padStart(COUNT_WIDTH)}</Text>
              {showDates ? ` ${date}` : ''}
            </Text>
          );
        })}
        {entries.length === 0 && done && !error ? <Text dimColor> (empty folder)</Text> : null}
      </Box>
      <ListingStatus
        count={entries.length}
        cursor={cursor}
        loading={loading}
        done={done}
        error={error}
        retryable={retryable}
        notice={notice ?? null}
      />
    </Box>
  );
}

function ListingStatus(props: {
  count: number;
  cursor: number;
  loading: boolean;
  done: boolean;
  error: string | null;
  retryable: boolean;
  notice: string | null;
}) {
  if (props.error) return <ErrorLine message={props.error} retryable={props.retryable} />;
  if (props.notice) return <Text color="yellow">{props.notice}</Text>;
  if (props.loading)
    return (
      <Spinner
        label={props.count === 0 ? 'Loading…' : `Loading more… (${props.count.toLocaleString('en-US')} so far)`}
      />
    );
  const noun = props.count === 1 ? 'entry' : 'entries';
  const position =
    props.count > 0 ? `${(props.cursor + 1).toLocaleString('en-US')}/${props.count.toLocaleString('en-US')}` : '0';
  return <Text dimColor>{props.done ? `${position} ${noun}` : `${position} ${noun} loaded, more below`}</Text>;
}
