// The explorer seam over content held in memory: the provider for tests of front ends (screens, routes, views) that
// should not start servers, and the second provider the explorer contract suite runs against (h5web keeps a mock
// provider beside its real ones for the same reasons: silx-kit/h5web packages/app/src/providers/mock/). It pages,
// windows, selects and decimates with the same pure functions as the in-process provider, from a snapshot.
import { InvalidInputError, NotFoundError, UnsupportedError } from '../errors.js';
import { extractFromBlock, resolveSelection, type TypedArrayLike } from '../hdf5/selection.js';
import type { DatasetValues, Hdf5Node, Slice } from '../hdf5/types.js';
import type { PoseData } from '../pose/model.js';
import { resolveWindow, selectNames } from '../pose/window.js';
import { FIRST_VALUES, firstValuesSelection, valuesJson, valueTexts } from './dataset-summary.js';
import type {
  DatasetSummary,
  Explorer,
  ExplorerFile,
  FileInfo,
  FileStats,
  ListingEntry,
  ListingPage,
  NwbSummaryView,
  PoseRequest,
  PoseView,
  TreeNode,
} from './explorer.js';
import { POSE_FRAME_LIMIT, poseViewWindow, toPoseView } from './pose-view.js';
import { withinSubtree } from './tree.js';

/** One file held in memory. */
export interface MemoryFile {
  /** The file's name in the archive (default: the last segment of its uri). */
  name?: string;
  /** Every object of the file with its attributes (and storage facts of datasets), root group included. */
  nodes: TreeNode[];
  /** Per dataset path: its summary as shown (else one is made from the node and values) and its whole values. */
  datasets?: Record<string, { summary?: DatasetSummary; values?: DatasetValues }>;
  nwbSummary?: NwbSummaryView;
  /** Pose as read whole, one per container (ndx-pose camera); or a function answering each request. */
  pose?: PoseData[] | ((request: PoseRequest) => PoseView);
  stats?: FileStats;
  /** What `info(uri)` answers (default: the name, the size its listing shows, no digests or links). */
  info?: FileInfo;
}

/** What a memory explorer holds: folders by uri ('' is the root) and files. */
export interface MemoryContent {
  /** A folder's entries, or a function called on each listing (to throw, or to change between listings). */
  folders: Record<string, ListingEntry[] | (() => ListingEntry[])>;
  files?: Record<string, MemoryFile>;
}

/** Options of {@link createMemoryExplorer}. */
export interface MemoryExplorerOptions {
  /** Entries per listing page (default 100). */
  pageSize?: number;
  rootLabel?: string;
  /** Milliseconds each page and open takes (default 1), so callers see them arrive asynchronously. */
  delayMs?: number;
  /** Frames a pose view reads at most (default {@link POSE_FRAME_LIMIT}). */
  poseFrameLimit?: number;
}

/** What a memory explorer has served, for assertions about how much a front end asked for. */
export interface MemoryLog {
  pagesServed: Record<string, number>;
  opened: string[];
  closed: string[];
}

/** A memory explorer and its log. */
export type MemoryExplorer = Explorer & { readonly log: MemoryLog };

function encodeOffset(uri: string, offset: number): string {
  return `${offset}:${encodeURIComponent(uri)}`;
}

function decodeOffset(cursor: string, uri: string): number {
  const match = /^(\d+):(.*)$/.exec(cursor);
  if (!match) throw new InvalidInputError(`"${cursor}" is not a listing cursor this explorer gave.`, cursor);
  if (decodeURIComponent(match[2] ?? '') !== uri) {
    throw new InvalidInputError(`The cursor "${cursor}" continues another listing than "${uri}".`, cursor);
  }
  return Number(match[1]);
}

/** The explorer seam over `content`. */
export function createMemoryExplorer(content: MemoryContent, options: MemoryExplorerOptions = {}): MemoryExplorer {
  const pageSize = options.pageSize ?? 100;
  const delay = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 1));
  const log: MemoryLog = { pagesServed: {}, opened: [], closed: [] };
  // Parents as the listings show them: an entry's parent is the folder that lists it.
  const parents = new Map<string, string>();
  for (const [folder, entries] of Object.entries(content.folders)) {
    if (typeof entries !== 'function') for (const entry of entries) parents.set(entry.uri, folder);
  }
  return {
    log,
    rootLabel: options.rootLabel ?? 'memory archive',
    async listPage(uri, cursor): Promise<ListingPage> {
      const key = uri ?? '';
      const folder = content.folders[key];
      if (folder === undefined) throw new NotFoundError(`Nothing is listed at "${key}" in this memory archive.`, key);
      const all = typeof folder === 'function' ? folder() : folder;
      const offset = cursor === undefined ? 0 : decodeOffset(cursor, key);
      await delay();
      log.pagesServed[key] = (log.pagesServed[key] ?? 0) + 1;
      const entries = all.slice(offset, offset + pageSize);
      const end = offset + pageSize;
      return end < all.length ? { entries, next: encodeOffset(key, end) } : { entries };
    },
    async open(uri) {
      const held = content.files?.[uri];
      await delay();
      if (!held) throw new InvalidInputError(`"${uri}" is not a file of this memory archive.`, uri);
      log.opened.push(uri);
      return memoryFile(uri, held, options.poseFrameLimit ?? POSE_FRAME_LIMIT, () => log.closed.push(uri));
    },
    async info(uri) {
      const held = content.files?.[uri];
      await delay();
      if (!held) throw new InvalidInputError(`"${uri}" is not a file of this memory archive.`, uri);
      if (held.info) return held.info;
      const listed = Object.values(content.folders)
        .flatMap((entries) => (typeof entries === 'function' ? [] : entries))
        .find((entry) => entry.uri === uri);
      return {
        uri,
        name: held.name ?? listed?.name ?? lastSegment(uri),
        ...(listed?.size !== undefined ? { size: listed.size } : {}),
        location: { kind: 'remote', url: uri },
        digests: {},
        links: [],
      };
    },
    parent(uri) {
      if (uri === '') return null;
      const listed = parents.get(uri);
      if (listed !== undefined) return listed === '' ? undefined : listed;
      const trimmed = uri.replace(/\/$/, '');
      const cut = trimmed.lastIndexOf('/');
      return cut < 0 ? undefined : `${trimmed.slice(0, cut)}/`;
    },
  };
}

function lastSegment(uri: string): string {
  const trimmed = uri.replace(/\/$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function parentPath(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

function memoryFile(uri: string, held: MemoryFile, frameLimit: number, onClose: () => void): ExplorerFile {
  const nodes = new Map(held.nodes.map((n) => [n.path, n]));
  const nodeAt = (path: string): TreeNode => {
    const node = nodes.get(path === '' ? '/' : path);
    if (!node) throw new NotFoundError(`Nothing exists at ${path} in ${uri}.`, path);
    return node;
  };
  const valuesAt = (path: string): DatasetValues => {
    const values = held.datasets?.[path]?.values;
    if (!values) throw new UnsupportedError(`The values of ${path} are not held in this memory archive.`, path);
    return values;
  };
  let requests = 0;
  const read = <T>(answer: () => T): Promise<T> => {
    requests += 1;
    return Promise.resolve().then(answer);
  };
  return {
    uri,
    name: held.name ?? lastSegment(uri),
    list: (path) =>
      read(() => {
        if (nodeAt(path).kind !== 'group') throw new InvalidInputError(`${path} is not a group of ${uri}.`, path);
        return held.nodes.filter((n) => n.path !== '/' && parentPath(n.path) === (path || '/')).map(toHdf5Node);
      }),
    attrs: (path) => read(() => nodeAt(path).attrs ?? {}),
    describe: (path) =>
      read(() => held.datasets?.[path]?.summary ?? summaryOf(nodeAt(path), held.datasets?.[path]?.values)),
    values: (path, selection) => read(() => selectValues(valuesAt(path), selection)),
    valuesJson: (path, selection) =>
      read(() => valuesJson(path, selectValues(valuesAt(path), selection), nodeAt(path))),
    tree: (path = '/', options = {}) =>
      read(() =>
        withinSubtree(held.nodes.filter((n) => n.path !== '/').map(toHdf5Node), path).map((n) => {
          const { attrs, storageSize, fillValue, ...rest }: TreeNode = nodes.get(n.path) ?? n;
          return {
            ...rest,
            ...(options.storage === true && storageSize !== undefined ? { storageSize } : {}),
            ...(options.storage === true && fillValue !== undefined ? { fillValue } : {}),
            ...(options.attrs === false ? {} : { attrs: attrs ?? {} }),
          };
        }),
      ),
    nwbSummary: () =>
      read(() => {
        if (!held.nwbSummary) throw new UnsupportedError(`${uri} is not an NWB file of this memory archive.`, uri);
        return held.nwbSummary;
      }),
    pose: (request = {}) => read(() => memoryPose(uri, held, request, frameLimit)),
    stats: () => held.stats ?? { requests, bytesFetched: 0, fileSize: 0, cacheHits: 0 },
    close: async () => onClose(),
  };
}

function toHdf5Node(node: TreeNode): Hdf5Node {
  return {
    path: node.path,
    kind: node.kind,
    ...(node.target !== undefined ? { target: node.target } : {}),
    ...(node.shape !== undefined ? { shape: node.shape } : {}),
    ...(node.dtype !== undefined ? { dtype: node.dtype as NonNullable<Hdf5Node['dtype']> } : {}),
  };
}

/** Values of a selection of a whole dataset held in memory, as an HDF5 read returns them. */
export function selectValues(whole: DatasetValues, selection?: Slice[]): DatasetValues {
  if (selection === undefined || whole.shape.length === 0) return whole;
  const resolved = resolveSelection(whole.shape, selection);
  const source = whole.values;
  const out = ArrayBuffer.isView(source)
    ? new (source.constructor as new (length: number) => typeof source)(resolved.count)
    : new Array<unknown>(resolved.count);
  extractFromBlock(
    source as unknown as TypedArrayLike,
    whole.shape,
    0,
    resolved.dims,
    out as unknown as TypedArrayLike,
  );
  return { shape: resolved.shape, dtype: whole.dtype, values: out as DatasetValues['values'] };
}

function summaryOf(node: TreeNode, values: DatasetValues | undefined): DatasetSummary {
  if (node.kind !== 'dataset') throw new InvalidInputError(`${node.path} is not a dataset.`, node.path);
  const shape = node.shape ?? null;
  const elementCount = shape === null ? 0 : shape.reduce((a, b) => a * b, 1);
  const first =
    values && shape !== null && shape.length > 0
      ? selectValues(values, firstValuesSelection(shape, FIRST_VALUES))
      : values;
  return {
    path: node.path,
    shape,
    dtype: node.dtype ?? 'unknown',
    chunks: null,
    filters: [],
    ...(node.storageSize !== undefined ? { storageSize: node.storageSize } : {}),
    attrs: node.attrs ?? {},
    firstValues: first ? valueTexts(first.values).slice(0, FIRST_VALUES) : [],
    elementCount,
  };
}

function memoryPose(uri: string, held: MemoryFile, request: PoseRequest, frameLimit: number): PoseView {
  if (typeof held.pose === 'function') return held.pose(request);
  const poses = held.pose ?? [];
  if (poses.length === 0) throw new UnsupportedError(`${uri} holds no pose data in this memory archive.`, uri);
  const wanted = request.container;
  const pose =
    wanted === undefined
      ? poses[0]
      : poses.find((p) => p.container === wanted || p.container.slice(p.container.lastIndexOf('/') + 1) === wanted);
  if (!pose) {
    const names = poses.map((p) => `"${p.container}"`).join(', ');
    throw new InvalidInputError(`${uri} has no pose container "${wanted}"; it has ${names}.`, wanted);
  }
  const window = resolveWindow(poseViewWindow(request, pose.frameCount, frameLimit, uri), pose.frameCount, uri);
  const individuals = selectNames(pose.individuals, request.individuals, 'individual', uri).map(
    (i) => pose.individuals[i] ?? '',
  );
  const keypoints = selectNames(pose.keypoints, request.keypoints, 'keypoint', uri).map((k) => pose.keypoints[k] ?? '');
  const from = window.start - pose.start;
  const to = window.end - pose.start;
  const tracks = individuals.flatMap((individual) =>
    keypoints.flatMap((keypoint) => {
      const t = pose.tracks.find((x) => x.individual === individual && x.keypoint === keypoint);
      if (!t) return [];
      return [
        {
          ...t,
          x: t.x.slice(from, to),
          y: t.y.slice(from, to),
          ...(t.z ? { z: t.z.slice(from, to) } : {}),
          confidence: t.confidence.slice(from, to),
        },
      ];
    }),
  );
  const windowed: PoseData = {
    ...pose,
    individuals,
    keypoints,
    // Edges index keypoints: kept where both ends were selected, renumbered.
    edges: pose.edges.flatMap(([a, b]) => {
      const [from, to] = [keypoints.indexOf(pose.keypoints[a] ?? ''), keypoints.indexOf(pose.keypoints[b] ?? '')];
      return from < 0 || to < 0 ? [] : [[from, to] as [number, number]];
    }),
    containers: pose.containers ?? poses.map((p) => p.container),
    start: window.start,
    end: window.end,
    time: pose.time.slice(from, to),
    tracks,
  };
  return toPoseView(windowed, request.threshold ?? pose.confidenceThreshold, request.points);
}
