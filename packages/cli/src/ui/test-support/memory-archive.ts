// Screens are tested over core's memory provider of the explorer seam (createMemoryExplorer): this builds one from
// the few things a wiring test states (folders, groups of a file, a pose view), with a fixed dataset summary and
// fetch figures, so key handling, navigation and pagination can be checked without servers.
import {
  createMemoryExplorer,
  type Hdf5Node,
  type ListingEntry,
  type MemoryExplorer,
  type MemoryFile,
  type PoseRequest,
  type PoseView,
  type TreeNode,
} from '@ember-archive/core';

/** Folder contents by URI ('' is the root); a function is called on each listing (and may throw). */
export type MemoryFolders = Record<string, ListingEntry[] | (() => ListingEntry[])>;

/** What a test states of the memory archive besides folders. */
export interface MemoryArchiveOptions {
  pageSize?: number;
  /** Per file uri: the children of each group path. */
  files?: Record<string, Record<string, Hdf5Node[]>>;
  /** The pose view of every file, or one per requested container. */
  pose?: PoseView | ((container?: string) => PoseView);
}

function memoryFile(groups: Record<string, Hdf5Node[]>, pose: MemoryArchiveOptions['pose']): MemoryFile {
  const children = Object.values(groups).flat();
  const nodes: TreeNode[] = [
    { path: '/', kind: 'group', attrs: { path: '/' } },
    ...children.map((n) => ({ ...n, attrs: { path: n.path } })),
  ];
  const datasets: NonNullable<MemoryFile['datasets']> = {};
  for (const n of children) {
    if (n.kind !== 'dataset') continue;
    datasets[n.path] = {
      summary: {
        path: n.path,
        shape: [3],
        dtype: 'float64',
        chunks: null,
        filters: [],
        attrs: {},
        firstValues: ['1', '2', '3'],
        elementCount: 3,
      },
    };
  }
  const file: MemoryFile = { nodes, datasets, stats: { requests: 1, bytesFetched: 100, fileSize: 1000, cacheHits: 0 } };
  if (pose !== undefined) {
    file.pose = (request: PoseRequest) => (typeof pose === 'function' ? pose(request.container) : pose);
  }
  return file;
}

/** A memory explorer over `folders`, served `pageSize` entries at a time. */
export function memoryArchive(folders: MemoryFolders, options: MemoryArchiveOptions = {}): MemoryExplorer {
  const files = Object.fromEntries(
    Object.entries(options.files ?? {}).map(([uri, groups]) => [uri, memoryFile(groups, options.pose)]),
  );
  return createMemoryExplorer({ folders, files }, { pageSize: options.pageSize ?? 100 });
}

/** Wait until `condition` holds (polling), failing after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Terminal key sequences as a terminal sends them. */
export const KEYS = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  backspace: '\u007F',
  escape: '\u001B',
  pageDown: '\u001B[6~',
} as const;
