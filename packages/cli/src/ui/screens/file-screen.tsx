// File screen: an HDF5/NWB file's object tree on the left, the selected object's details on the right.
import { useEffect, useState } from 'react';
import { Box, Text } from 'ink';
import type { ExplorerFile } from '../data.js';
import { DetailsView } from '../components/details-view.js';
import { ErrorLine } from '../components/error-line.js';
import { Header } from '../components/header.js';
import { Spinner } from '../components/spinner.js';
import { TreeView } from '../components/tree-view.js';
import { clampCursor, movedCursor } from '../components/scroll-window.js';
import { formatBytes, formatCount } from '../components/units.js';
import { useObjectDetails } from '../hooks/use-object-details.js';
import { useOpenFile } from '../hooks/use-open-file.js';
import { useKeys } from '../hooks/use-keys.js';
import { useScrollWindow } from '../hooks/use-scroll-window.js';
import { useTree } from '../hooks/use-tree.js';

/** Props of the file screen. */
export interface FileScreenProps {
  uri: string;
  active: boolean;
  width: number;
  height: number;
  onBack(): void;
  /** Show the NWB summary of the open file. */
  onNwb(file: ExplorerFile): void;
  /** Show the pose screen for the open file. */
  onPose(file: ExplorerFile): void;
  /** Download this file (absent: no download key). */
  onDownload?(): void;
}

/** Parent path of an HDF5 path ("/" for top-level objects). */
export function parentPath(path: string): string {
  const cut = path.replace(/\/+$/, '').lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

/** The groups above an HDF5 path, outermost first: /a/b/c -> [/a, /a/b]. */
export function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.slice(0, -1).map((_, i) => `/${parts.slice(0, i + 1).join('/')}`);
}

/** The object tree with expand/collapse, and details of the object under the cursor. */
export function FileScreen({ uri, active, width, height, onBack, onNwb, onPose, onDownload }: FileScreenProps) {
  const [attempt, setAttempt] = useState(0);
  const opened = useOpenFile(uri, attempt);
  const tree = useTree(opened.file);
  const [selectedPath, setSelectedPath] = useState<string | null>(null);
  const found = selectedPath === null ? 0 : tree.rows.findIndex((r) => r.path === selectedPath);
  const cursor = clampCursor(found < 0 ? 0 : found, tree.rows.length);
  const row = tree.rows[cursor];
  const details = useObjectDetails(opened.file, row);
  const bodyHeight = Math.max(3, height - 3);
  const treeWidth = Math.max(24, Math.floor(width * 0.45));
  const detailsWidth = Math.max(20, width - treeWidth - 3);
  const window = useScrollWindow(tree.rows.length, cursor, bodyHeight);

  // An identifier with a fragment (file.nwb#/processing/behavior) opens with that object shown and selected.
  const fragment = uri.includes('#') ? uri.slice(uri.indexOf('#') + 1) : '';
  useEffect(() => {
    if (!opened.file || !fragment.startsWith('/')) return;
    for (const group of ancestorPaths(fragment)) tree.expand(group);
    setSelectedPath(fragment.replace(/\/+$/, '') || null);
    // Once per opened file; `tree.expand` changes as children load.
  }, [opened.file, fragment]);

  const moveTo = (index: number) => {
    const target = tree.rows[clampCursor(index, tree.rows.length)];
    if (target) setSelectedPath(target.path);
  };

  useKeys(
    'file',
    (action) => {
      const moved = movedCursor(action, cursor, tree.rows.length, bodyHeight);
      if (moved !== undefined) return moveTo(moved);
      switch (action) {
        case 'expand':
          if (row?.kind !== 'group') return;
          if (!row.expanded) return tree.expand(row.path);
          return moveTo(cursor + 1);
        case 'collapse':
          if (!row) return;
          if (row.kind === 'group' && row.expanded) return tree.collapse(row.path);
          if (row.depth > 0) setSelectedPath(parentPath(row.path));
          return;
        case 'retry':
          if (opened.error && opened.retryable) setAttempt((a) => a + 1);
          return;
        case 'nwb':
          if (opened.file) onNwb(opened.file);
          return;
        case 'pose':
          if (opened.file) onPose(opened.file);
          return;
        case 'download':
          return onDownload?.();
        case 'back':
          return onBack();
        default:
          return;
      }
    },
    active,
  );

  const stats = opened.file?.stats();
  const detail = stats
    ? `${formatBytes(stats.fileSize)} file · ${formatCount(stats.requests, 'request')}, ${formatBytes(stats.bytesFetched)} fetched`
    : undefined;
  return (
    <Box flexDirection="column">
      <Header title="File" location={uri} {...(detail ? { detail } : {})} width={width} />
      {opened.error ? (
        <ErrorLine message={opened.error} retryable={opened.retryable} />
      ) : opened.loading ? (
        <Spinner label="Opening the file (reading its superblock and root group by ranges)…" />
      ) : tree.error ? (
        <ErrorLine message={tree.error} retryable={false} />
      ) : tree.loading ? (
        <Spinner label="Reading the root group…" />
      ) : (
        <Box flexDirection="row" height={bodyHeight}>
          <TreeView rows={tree.rows} cursor={cursor} start={window.start} height={bodyHeight} width={treeWidth} />
          <Box
            marginLeft={1}
            paddingLeft={1}
            borderStyle="single"
            borderTop={false}
            borderBottom={false}
            borderRight={false}
            flexDirection="column"
            width={detailsWidth + 2}
          >
            {details.error ? (
              <ErrorLine message={details.error} retryable={false} />
            ) : details.value && !details.loading ? (
              <DetailsView details={details.value} width={detailsWidth} height={bodyHeight} />
            ) : row?.kind.endsWith('link') ? (
              <Text dimColor>{`${row.kind} → ${row.target ?? '?'}`}</Text>
            ) : row ? (
              <Spinner label={`Reading ${row.name}…`} />
            ) : (
              <Text dimColor>empty file</Text>
            )}
          </Box>
        </Box>
      )}
    </Box>
  );
}
