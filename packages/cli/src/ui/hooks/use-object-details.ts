// Details of the object under the cursor: a dataset's shape, dtype, chunks, filters, attributes and first
// values, or a group's attributes.
import { useAsync, type AsyncState } from './use-async.js';
import type { DatasetSummary, ExplorerFile } from '../data.js';
import type { TreeRow } from './use-tree.js';

/** What the details pane shows for one object. */
export type ObjectDetails =
  { kind: 'dataset'; summary: DatasetSummary } | { kind: 'other'; path: string; attrs: Record<string, unknown> };

/** Details of `row` in `file`, read after the cursor rests for a moment. */
export function useObjectDetails(file: ExplorerFile | null, row: TreeRow | undefined): AsyncState<ObjectDetails> {
  const key = file && row && !row.kind.endsWith('link') ? `${row.kind}:${row.path}` : undefined;
  return useAsync<ObjectDetails>(
    key,
    async () => {
      if (!file || !row) throw new Error('no object selected');
      if (row.kind === 'dataset') return { kind: 'dataset', summary: await file.describe(row.path) };
      return { kind: 'other', path: row.path, attrs: await file.attrs(row.path) };
    },
    120,
  );
}
