// The NWB summary of an open file: session, subject, and what sits under acquisition/processing/intervals/...
import { useArchiveData, type NwbSummaryView, type OpenFile } from '../data.js';
import { useAsync, type AsyncState } from './use-async.js';

/** The NWB summary of `file` (waits while the file is still opening). */
export function useNwbSummary(file: OpenFile | null, attempt = 0): AsyncState<NwbSummaryView> {
  const data = useArchiveData();
  return useAsync(file ? file.uri : undefined, () => data.nwbSummary(file as OpenFile), 0, attempt);
}
