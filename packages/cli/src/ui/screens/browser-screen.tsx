// Browse screen: one folder of the archive (the root: EMBER projects beside dandisets), loading more entries as
// the cursor nears the end of what is loaded. `/` filters what is listed as it is typed; on a list of dandisets,
// ⏎ then asks the DANDI API's search, which knows every dandiset, not only the pages loaded.
import { useEffect, useMemo, useState } from 'react';
import { Box } from 'ink';
import { isHdf5Name, type ListingEntry } from '../data.js';
import { Header } from '../components/header.js';
import { ListingView } from '../components/listing-view.js';
import { clampCursor, movedCursor } from '../components/scroll-window.js';
import { useListing } from '../hooks/use-listing.js';
import { useKeys } from '../hooks/use-keys.js';
import { useScrollWindow } from '../hooks/use-scroll-window.js';
import { TextPrompt } from '../components/text-prompt.js';
import { terminalSafe } from '../components/terminal-text.js';
import { useDandisetSearch } from '../services/use-dandiset-search.js';
import type { UiServices } from '../services/ui-services.js';

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
  /** Download the entry under the cursor (absent: no download key). */
  onDownload?(entry: ListingEntry): void;
  /** Show the details of the file under the cursor. */
  onDetails?(entry: ListingEntry): void;
  /** Open the pose chart of the file under the cursor. */
  onPose?(entry: ListingEntry): void;
  /** The archive's dandiset search. */
  search?: UiServices['searchDandisets'];
}

/** Entries whose name or title contains every word of `filter`, ignoring case. */
export function filterEntries(entries: readonly ListingEntry[], filter: string): ListingEntry[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((e) => {
    const text = terminalSafe(`${e.name} ${e.title ?? ''}`).toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

const HEADER_LINES = 2;
const STATUS_LINES = 1;

/** A folder listing with a cursor; enter opens, backspace goes up. */
export function BrowserScreen(props: BrowserScreenProps) {
  const {
    uri,
    initialSelection,
    rootLabel,
    active,
    width,
    height,
    onOpenFolder,
    onOpenFile,
    onBack,
    onDownload,
    onDetails,
    onPose,
    search,
  } = props;
  const listing = useListing(uri);
  const [selectedUri, setSelectedUri] = useState<string | null>(initialSelection ?? null);
  const [notice, setNotice] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [typing, setTyping] = useState(false);
  const [searched, setSearched] = useState<string | null>(null);
  const results = useDandisetSearch(search, uri, searched);
  const searchable = useMemo(() => search?.(uri, '') !== undefined, [search, uri]);
  // Searched dandisets replace the listing's dandisets; EMBER projects (at the root) are still filtered locally.
  const entries = useMemo(() => {
    const local = filterEntries(listing.entries, filter);
    if (searched === null) return local;
    const dandisets = new Set(results.entries.map((e) => e.uri));
    return [...local.filter((e) => !e.uri.startsWith('dandi:') && !dandisets.has(e.uri)), ...results.entries];
  }, [listing.entries, filter, searched, results.entries]);
  const found = selectedUri === null ? 0 : entries.findIndex((e) => e.uri === selectedUri);
  const cursor = clampCursor(found < 0 ? 0 : found, entries.length);
  const rows = Math.max(1, height - HEADER_LINES - STATUS_LINES);
  const window = useScrollWindow(entries.length, cursor, rows);

  // Keep about one screen loaded ahead of the cursor, and no more.
  const loadDue = !listing.done && !listing.error && searched === null && entries.length - cursor <= rows;
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
        case 'filter':
          return setTyping(true);
        case 'back':
          if (filter || searched !== null) {
            setFilter('');
            return setSearched(null);
          }
          return onBack();
        case 'download':
          if (entry && onDownload) onDownload(entry);
          return;
        case 'details':
          if (entry?.kind === 'file' && onDetails) onDetails(entry);
          else if (entry) setNotice(`${entry.name} is a folder; i shows the details of files.`);
          return;
        case 'pose':
          if (entry?.kind === 'file' && isHdf5Name(entry.name) && onPose) onPose(entry);
          else if (entry)
            setNotice(`${entry.name} is not a pose file; p charts HDF5/NWB pose files (JABS, DeepLabCut, ndx-pose).`);
          return;
        case 'open':
          if (!entry) return;
          if (entry.kind === 'folder') return onOpenFolder(entry);
          if (isHdf5Name(entry.name)) return onOpenFile(entry);
          setNotice(
            `${entry.name} is not an HDF5 or NWB file; download it with \`ember-archive download ${entry.uri}\`.`,
          );
          return;
        default:
          return;
      }
    },
    active && !typing,
  );

  const detail = [
    filter ? `filter "${filter}"${searched !== null ? ' (dandisets: searched on the server)' : ''}` : null,
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
        width={width}
        height={rows - (typing ? 1 : 0)}
        loading={listing.loading || loadDue || results.loading}
        done={listing.done || searched !== null}
        error={listing.error ?? results.error}
        retryable={listing.retryable}
        notice={notice}
      />
      {typing ? (
        <TextPrompt
          label={searchable ? '/ (⏎ searches dandisets)' : '/'}
          value={filter}
          active={active}
          width={width}
          onChange={(value) => {
            setFilter(value);
            setSearched(null);
          }}
          onSubmit={(value) => {
            setTyping(false);
            setSearched(value.trim() && searchable ? value.trim() : null);
          }}
          onCancel={() => {
            setTyping(false);
            setFilter('');
            setSearched(null);
          }}
        />
      ) : null}
    </Box>
  );
}
