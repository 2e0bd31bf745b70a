// Local files for the Archive seam, through node:fs. Only the Node entry point exports this module, so the
// browser bundle never pulls in node:fs.
import { opendir, stat } from 'node:fs/promises';
import type { LocalFiles, LocalStat } from './archive.js';

const PAGE = 1000;

/** LocalFiles backed by the Node file system; directory listings come in pages of up to 1,000 entries. */
export const nodeLocalFiles: LocalFiles = {
  async stat(path: string): Promise<LocalStat | undefined> {
    try {
      const info = await stat(path);
      return { isDirectory: info.isDirectory(), size: info.size, modified: info.mtime };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  async *list(path: string): AsyncIterable<Array<LocalStat & { name: string }>> {
    const dir = await opendir(path);
    let page: Array<LocalStat & { name: string }> = [];
    for await (const entry of dir) {
      const info = await stat(`${path.replace(/\/+$/, '')}/${entry.name}`).catch(() => undefined);
      if (!info) continue; // vanished or a dangling symlink
      page.push({ name: entry.name, isDirectory: info.isDirectory(), size: info.size, modified: info.mtime });
      if (page.length === PAGE) {
        yield page.sort(byName);
        page = [];
      }
    }
    if (page.length > 0) yield page.sort(byName);
  },
};

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
