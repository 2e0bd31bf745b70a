// A small in-memory archive behind the UI's ArchiveData seam, for tests of screen wiring (key handling,
// navigation, pagination). The real provider over @ember-archive/core is tested against the sample archive.
import type { ArchiveData, ListingEntry, ObjectEntry, OpenFile, PoseView } from '../data.js';

/** Folder contents by URI ('' is the root); a function makes the folder throw. */
export type MemoryFolders = Record<string, ListingEntry[] | (() => never)>;

/** What a memory archive has served, for assertions about how much the UI asked for. */
export interface MemoryLog {
  pagesServed: Record<string, number>;
  opened: string[];
  closed: string[];
}

/** Build an ArchiveData over `folders`, served `pageSize` entries at a time. */
export function memoryArchive(folders: MemoryFolders, options: { pageSize?: number; files?: Record<string, Record<string, ObjectEntry[]>>; pose?: PoseView | ((container?: string) => PoseView) } = {}): ArchiveData & { log: MemoryLog } {
  const pageSize = options.pageSize ?? 100;
  const log: MemoryLog = { pagesServed: {}, opened: [], closed: [] };
  return {
    log,
    rootLabel: 'memory archive',
    async *list(uri) {
      const folder = folders[uri ?? ''];
      if (folder === undefined) throw new Error(`no folder ${uri}`);
      if (typeof folder === 'function') folder();
      for (let i = 0; i < (folder as ListingEntry[]).length; i += pageSize) {
        await new Promise((r) => setTimeout(r, 1));
        log.pagesServed[uri ?? ''] = (log.pagesServed[uri ?? ''] ?? 0) + 1;
        yield (folder as ListingEntry[]).slice(i, i + pageSize);
      }
    },
    async open(uri): Promise<OpenFile> {
      const groups = options.files?.[uri];
      if (!groups) throw new Error(`not a file: ${uri}`);
      log.opened.push(uri);
      return {
        uri,
        list: async (path) => groups[path] ?? [],
        attrs: async (path) => ({ path }),
        describe: async (path) => ({ path, shape: [3], dtype: 'float64', chunks: null, filters: [], attrs: {}, firstValues: ['1', '2', '3'], elementCount: 3 }),
        stats: () => ({ requests: 1, bytesFetched: 100, fileSize: 1000 }),
        close: async () => {
          log.closed.push(uri);
        },
      };
    },
    async nwbSummary() {
      return { fields: [{ label: 'identifier', value: 'memory' }], subject: [], sections: [], namespaces: [] };
    },
    async pose(_file, container) {
      if (!options.pose) throw new Error('no pose');
      return typeof options.pose === 'function' ? options.pose(container) : options.pose;
    },
    parent(uri) {
      const trimmed = uri.replace(/\/$/, '');
      const cut = trimmed.lastIndexOf('/');
      return cut < 0 ? undefined : `${trimmed.slice(0, cut)}/`;
    },
  };
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
