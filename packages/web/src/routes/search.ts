// Typed search parameters of every view: the URL is the whole state (what is open, sorted, selected, zoomed), so
// any view can be bookmarked or shared. Values arrive as plain strings (see router.tsx) and are checked here;
// anything malformed is dropped rather than guessed.

/** How a listing is sorted. */
export type SortKey = 'name' | 'size' | 'modified';

/** Home: the search box. */
export interface HomeSearch {
  q?: string;
}

/** Browser: the folder, its filter, sort and the cursor of the first page shown. */
export interface BrowseSearch {
  id?: string;
  q?: string;
  sort?: SortKey;
  desc?: boolean;
  cursor?: string;
}

/** File: the file, the tab and the object open in the inspector. */
export interface FileSearch {
  id: string;
  tab?: 'summary' | 'inspect';
  path?: string;
}

/** Pose: the file, the camera, the selection, the frame window, the current frame and the threshold. */
export interface PoseSearch {
  id: string;
  container?: string;
  individuals?: string[];
  keypoints?: string[];
  /** Frame window [start, end) of the charts. */
  start?: number;
  end?: number;
  /** The frame under the cursor (skeleton view, trajectory marker). */
  frame?: number;
  threshold?: number;
}

type Raw = Record<string, unknown>;

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function count(value: unknown): number | undefined {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : undefined;
}

function fraction(value: unknown): number | undefined {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
  return Number.isFinite(parsed) && parsed >= 0 && parsed <= 1 ? parsed : undefined;
}

function list(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  const joined = text(value);
  return joined === undefined ? undefined : joined.split(',').filter((item) => item !== '');
}

/** Drops undefined fields so URLs carry only what is set. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Checks Home's search parameters. */
export function parseHomeSearch(raw: Raw): HomeSearch {
  return defined({ q: text(raw.q) });
}

/** Checks the Browser's search parameters. */
export function parseBrowseSearch(raw: Raw): BrowseSearch {
  const sort = raw.sort === 'name' || raw.sort === 'size' || raw.sort === 'modified' ? raw.sort : undefined;
  const desc = raw.desc === true || raw.desc === 'true' || raw.desc === '1' ? true : undefined;
  return defined({ id: text(raw.id), q: text(raw.q), sort, desc, cursor: text(raw.cursor) });
}

/** Checks the File view's search parameters (`id` is required; an empty one shows an error in the view). */
export function parseFileSearch(raw: Raw): FileSearch {
  const tab = raw.tab === 'summary' || raw.tab === 'inspect' ? raw.tab : undefined;
  return defined({ id: text(raw.id) ?? '', tab, path: text(raw.path) });
}

/** Checks the Pose view's search parameters; a window whose end is not after its start is dropped. */
export function parsePoseSearch(raw: Raw): PoseSearch {
  let start = count(raw.start);
  let end = count(raw.end);
  if (start !== undefined && end !== undefined && end <= start) {
    start = undefined;
    end = undefined;
  }
  return defined({
    id: text(raw.id) ?? '',
    container: text(raw.container),
    individuals: list(raw.individuals),
    keypoints: list(raw.keypoints),
    start,
    end,
    frame: count(raw.frame),
    threshold: fraction(raw.threshold),
  });
}
