// The in-process provider of the explorer seam: listings through the Archive, files through an injected openHdf5
// (the Node worker engine, the browser's or the in-thread one: the explorer imports no engine), the NWB summary
// through readNwbSummary and pose through readPose. Everything here only shapes core's answers into the views.
import type { Archive } from '../archive/archive.js';
import { parentTarget, fileTarget } from '../archive/target.js';
import type { Hdf5File } from '../hdf5/types.js';
import { readNwbSummary, type NwbSummary } from '../nwb/summary.js';
import type { PoseData, ReadPoseOptions } from '../pose/model.js';
import { readPose } from '../pose/read-pose.js';
import { describeDataset, readValuesJson } from './dataset-summary.js';
import type { Explorer, ExplorerFile } from './explorer.js';
import { readFileInfo } from './file-info.js';
import { ListingCursors } from './listing-cursor.js';
import { toSummaryView } from './nwb-summary-view.js';
import { POSE_FRAME_LIMIT, readPoseView } from './pose-view.js';
import { readTree } from './tree.js';

/**
 * How the explorer opens a file's bytes: a local path or an HTTP(S) URL, as core's `openHdf5` functions take, and
 * `name`, the identifier it was opened by, for messages about its content (their `name` option: Hdf5File.name).
 */
export type OpenHdf5Function = (location: string, name: string) => Promise<Hdf5File>;

/** Options of {@link createExplorer}. */
export interface ExplorerOptions {
  archive: Archive;
  openHdf5: OpenHdf5Function;
  /** How the root is named to users, e.g. the S3 endpoint and API in use. */
  rootLabel: string;
  /** Frames a pose view reads at most (default {@link POSE_FRAME_LIMIT}). */
  poseFrameLimit?: number;
}

/**
 * A file opened in this process: the seam's views plus the full models they are made from, for front ends that
 * print or export them (typed arrays and segmentation contours, which no HTTP answer should carry whole).
 */
export interface InProcessFile extends ExplorerFile {
  /** The HDF5 file underneath, for callers that need a read the seam has no view for. */
  readonly hdf5: Hdf5File;
  /** Pose as read, for a window and a selection (readPose with this file's archive name). */
  readPose(options?: ReadPoseOptions): Promise<PoseData>;
  /** core's NwbSummary as read (what `nwb --json` prints). */
  readNwbSummary(): Promise<NwbSummary>;
}

/** An explorer whose files are {@link InProcessFile}s. */
export interface InProcessExplorer extends Explorer {
  readonly archive: Archive;
  open(uri: string): Promise<InProcessFile>;
}

/** The explorer over `archive`, reading files with `openHdf5`. */
export function createExplorer(options: ExplorerOptions): InProcessExplorer {
  const { archive } = options;
  const frameLimit = options.poseFrameLimit ?? POSE_FRAME_LIMIT;
  const cursors = new ListingCursors((uri) => archive.listEntries(archive.parse(uri)));
  return {
    archive,
    rootLabel: options.rootLabel,
    listPage: (uri, cursor) => cursors.page(uri ?? '', cursor),
    async open(uri) {
      const target = archive.parse(uri);
      const where = await archive.resolveFile(target);
      // A DANDI asset's bytes are a blob URL; messages name the file as it was asked for.
      const name = archive.format(fileTarget(target));
      const hdf5 = await options.openHdf5(where.kind === 'local' ? where.path : where.url, name);
      return openedFile(uri, where.name, hdf5, frameLimit);
    },
    info: (uri) => readFileInfo(archive, uri),
    parent(uri) {
      const target = archive.parse(uri);
      if (target.kind === 'root') return null;
      const parent = parentTarget(target);
      if (parent === undefined) return undefined;
      const formatted = archive.format(parent);
      return formatted === '' ? undefined : formatted;
    },
  };
}

function openedFile(uri: string, name: string, hdf5: Hdf5File, frameLimit: number): InProcessFile {
  return {
    uri,
    name,
    hdf5,
    list: (path) => hdf5.list(path),
    attrs: (path) => hdf5.attrs(path),
    describe: (path) => describeDataset(hdf5, path),
    values: (path, selection) => hdf5.read(path, selection),
    valuesJson: (path, selection) => readValuesJson(hdf5, path, selection),
    tree: (path, treeOptions) => readTree(hdf5, path, treeOptions),
    nwbSummary: async () => toSummaryView(await readNwbSummary(hdf5)),
    readNwbSummary: () => readNwbSummary(hdf5),
    pose: (request) => readPoseView(hdf5, name, request, frameLimit),
    readPose: (poseOptions = {}) => readPose(hdf5, { ...poseOptions, fileName: poseOptions.fileName ?? name }),
    stats: () => {
      const s = hdf5.stats();
      return { requests: s.requests, bytesFetched: s.bytesFetched, fileSize: s.fileSize, cacheHits: s.cacheHits };
    },
    close: () => hdf5.close(),
  };
}
