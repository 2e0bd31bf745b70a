// The bytes a dataset read would produce, checked against a limit before anything is read: /v1/values and h5grove's
// /data both refuse with a 413 naming the limit rather than decode more than a viewer can use.
import {
  parseSliceText,
  resolveSelection,
  SelectionTooLargeError,
  type InProcessFile,
  type Slice,
} from '@ember-archive/core';

/** What a checked selection reads. */
export interface CheckedSelection {
  selection: Slice[] | undefined;
  shape: number[];
  bytes: number;
}

/** Parse `text` (numpy-style, e.g. "0:10,:") and check the bytes it reads of `path` against `limit`. */
export async function checkSelection(
  file: InProcessFile,
  path: string,
  selection: Slice[] | undefined,
  limit: number,
  parameter: string,
): Promise<CheckedSelection> {
  const info = await file.hdf5.dataset(path);
  const resolved = resolveSelection(info.shape ?? [], selection ?? []);
  const bytes = resolved.count * Math.max(info.itemSize, 1);
  if (bytes > limit) {
    throw new SelectionTooLargeError(
      `Reading ${path} ${selection === undefined ? 'whole' : 'with this selection'} gives ${bytes} bytes, ` +
        "more than this server's limit of " +
        `${limit} bytes per request; pass a smaller ${parameter}.`,
      `${file.uri}#${path}`,
      bytes,
      limit,
    );
  }
  return { selection, shape: resolved.shape, bytes };
}

/** A numpy-style selection text as slices (undefined for none). */
export function selectionFrom(text: string | undefined): Slice[] | undefined {
  return text === undefined || text.trim() === '' ? undefined : parseSliceText(text);
}
