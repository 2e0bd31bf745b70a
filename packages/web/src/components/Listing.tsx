// A folder listing that stays smooth at tens of thousands of rows: only the rows in view are in the DOM
// (@tanstack/react-virtual). Rows are links (Tab reaches the list, arrow keys, Home and End move inside it).
import { Link } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent } from 'react';
import type { ListingEntry } from '../api/types.js';
import { formatBytes, formatCount } from '../format.js';

const ROW_HEIGHT = 36;

// Inline SVG, not emoji: machines without an emoji font (headless Chromium, many Linux desktops) show boxes.
function EntryIcon({ kind }: { kind: 'folder' | 'file' }) {
  return (
    <svg className="entry-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      {kind === 'folder' ? (
        <path d="M1 3.5A1.5 1.5 0 0 1 2.5 2h3.6l1.5 1.5h5.9A1.5 1.5 0 0 1 15 5v7.5a1.5 1.5 0 0 1-1.5 1.5h-11A1.5 1.5 0 0 1 1 12.5z" />
      ) : (
        <path d="M3 1.5A1.5 1.5 0 0 1 4.5 0h5L14 4.5v10a1.5 1.5 0 0 1-1.5 1.5h-8A1.5 1.5 0 0 1 3 14.5zM9 1v4h4" />
      )}
    </svg>
  );
}

/** The route a listing entry opens: folders list, files open the File view. */
export function EntryLink({ entry }: { entry: ListingEntry }) {
  return entry.kind === 'folder' ? (
    <Link to="/browse" search={{ id: entry.uri }} className="entry-link" data-kind="folder">
      <EntryIcon kind="folder" />
      {entry.name}
    </Link>
  ) : (
    <Link to="/file" search={{ id: entry.uri }} className="entry-link" data-kind="file">
      <EntryIcon kind="file" />
      {entry.name}
    </Link>
  );
}

/** The virtualised rows of a listing, labelled for screen readers by `label`. */
export function Listing({ entries, label }: { entries: ListingEntry[]; label: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // happy-dom and first paint have no layout yet: render a screenful rather than nothing.
    initialRect: { width: 800, height: 600 },
  });

  const moveFocus = (event: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, (index: number) => number> = {
      ArrowDown: (i) => i + 1,
      ArrowUp: (i) => i - 1,
      Home: () => 0,
      End: () => entries.length - 1,
      PageDown: (i) => i + 10,
      PageUp: (i) => i - 10,
    };
    const step = keys[event.key];
    if (step === undefined) return;
    const current = Number(
      (document.activeElement?.closest('[data-index]') as HTMLElement | null)?.dataset.index ?? -1,
    );
    const next = Math.min(entries.length - 1, Math.max(0, step(current)));
    event.preventDefault();
    virtualizer.scrollToIndex(next);
    // The row may only exist after the scroll renders it.
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"] a`)?.focus());
  };

  return (
    <div className="listing" role="table" aria-label={label} aria-rowcount={entries.length + 1}>
      <div className="listing-row listing-head" role="row" aria-rowindex={1}>
        <span role="columnheader">Name</span>
        <span role="columnheader">Size</span>
        <span role="columnheader">Files</span>
        <span role="columnheader">Modified</span>
      </div>
      <div className="listing-scroll" ref={scrollRef} onKeyDown={moveFocus} role="rowgroup">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const entry = entries[item.index] as ListingEntry;
            return (
              <div
                key={entry.uri}
                className="listing-row"
                role="row"
                aria-rowindex={item.index + 2}
                data-index={item.index}
                style={{ position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                <span role="cell" className="name">
                  <EntryLink entry={entry} />
                  {entry.title !== undefined && <span className="title"> {entry.title}</span>}
                </span>
                <span role="cell">{formatBytes(entry.size)}</span>
                <span role="cell">{formatCount(entry.fileCount)}</span>
                <span role="cell">{entry.modified?.slice(0, 10) ?? '—'}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
