// Browse screen: one folder of the archive (the root: EMBER projects beside dandisets), loading more entries as
// the cursor nears the end of what is loaded.
import { useEffect, useState } from 'react';
import { Box } from 'ink';
import { isHdf5Name, type ListingEntry } from '../data.js';
import { Header } from '../components/header.js';
import { ListingView } from '../components/listing-view.js';
import { clampCursor, movedCursor } from '../components/scroll-window.js';
import { useListing } from '../hooks/use-listing.js';
import { useKeys } from '../hooks/use-keys.js';
import { useScrollWindow } from '../hooks/use-scroll-window.js';

/** Props of the browse screen. */
export interface BrowserScreenProps {
  /** Folder to list; undefined is the archive root. */
  uri: string | undefined;
  /** The entry to put the cursor on once it is listed (the folder the user came up from). */
  initialSelection?: string;
  /** Shown in the header for the root. */
  rootLabel: string;
  /** Only the top screen takes keys. */
  active: boolean;
  width: number;
  height: number;
  onOpenFolder(entry: ListingEntry): void;
  onOpenFile(entry: ListingEntry): void;
  onBack(): void;
}

const HEADER_LINES = 2;
const STATUS_LINES = 1;

/** A folder listing with a cursor; enter opens, backspace goes up. */
export function BrowserScreen({ uri, initialSelection, rootLabel, active, width, height, onOpenFolder, onOpenFile, onBack }: BrowserScreenProps) {
  const listing = useListing(uri);
  const [selectedUri, setSelectedUri] = useState<string | null>(initialSelection ?? null);
  const [notice, setNotice] = useState<string | null>(null);
  const { entries } = listing;
  const found = selectedUri === null ? 0 : entries.findIndex((e) => e.uri === selectedUri);
  const cursor = clampCursor(found < 0 ? 0 : found, entries.length);
  const rows = Math.max(1, height - HEADER_LINES - STATUS_LINES);
  const window = useScrollWindow(entries.length, cursor, rows);

  // Keep about one screen loaded ahead of the cursor, and no more.
  const loadDue = !listing.done && !listing.error && entries.length - cursor <= rows;
  useEffect(() => {
    if (loadDue && !listing.loading) listing.loadMore();
  }, [listing, loadDue]);

  const moveTo = (index: number) => {
    const target = entries[clampCursor(index, entries.length)];
    if (target) setSelectedUri(target.uri);
    setNotice(null);
  };

  useKeys(
    'browser',
    (action) => {
      const moved = movedCursor(action, cursor, entries.length, rows);
      if (moved !== undefined) return moveTo(moved);
      const entry = entries[cursor];
      switch (action) {
        case 'retry':
          if (listing.error) listing.retry();
          return;
        case 'back':
          return onBack();
        case 'open':
          if (!entry) return;
          if (entry.kind === 'folder') return onOpenFolder(entry);
          if (isHdf5Name(entry.name)) return onOpenFile(entry);
          setNotice(`${entry.name} is not an HDF5 or NWB file; download it with \`ember-archive download ${entry.uri}\`.`);
          return;
        default:
          return;
      }
    },
    active,
  );

  const detail = [
    listing.done ? (entries.length === 1 ? '1 entry' : `${entries.length.toLocaleString('en-US')} entries`) : null,
    uri === undefined ? rootLabel : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Box flexDirection="column">
      <Header title="Browse" location={uri ?? 'EMBER archive: projects and dandisets'} detail={detail} width={width} />
      <ListingView
        entries={entries}
        cursor={cursor}
        start={window.start}
        height={rows}
        width={width}
        loading={listing.loading || loadDue}
        done={listing.done}
        error={listing.error}
        retryable={listing.retryable}
        notice={notice}
      />
    </Box>
  );
}
