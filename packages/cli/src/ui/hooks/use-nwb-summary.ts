// The NWB summary of an open file: session, subject, and what sits under acquisition/processing/intervals/...
import type { ExplorerFile, NwbSummaryView } from '../data.js';
import { useAsync, type AsyncState } from './use-async.js';

/** The NWB summary of `file` (waits while the file is still opening). */
export function useNwbSummary(file: ExplorerFile | null, attempt = 0): AsyncState<NwbSummaryView> {
  return useAsync(file ? file.uri : undefined, () => (file as ExplorerFile).nwbSummary(), 0, attempt);
}
