// Node entry point: everything in the isomorphic API plus what needs Node (local files, worker threads).
export * from './index.js';
// Local files for the Archive seam.
export { nodeLocalFiles } from './archive/local-files.js';
// Downloads (Node: they write files).
export type {
  DownloadItem,
  DownloadOptions,
  DownloadEvent,
  DownloadReport,
  FileOutcome,
  PlanSummary,
  LocalState,
} from './download/types.js';
export { downloadItems, summarizePlan } from './download/run-downloads.js';
export { planDownloads, type PlanOptions } from './download/plan-targets.js';
export { zarrChecksum, type ZarrFileDigest } from './download/zarr-checksum.js';
export { compileGlob, createPathFilter, type PathMatcher } from './download/glob.js';
export {
  chooseDigest,
  DIGEST_PREFERENCES,
  type DigestKind,
  type DigestPreference,
  type ContentIdentity,
  type ExpectedDigest,
} from './download/digest.js';
// HDF5 reading (Node: a worker thread, local files).
export { openHdf5, type OpenHdf5Options } from './hdf5/node/open-hdf5.js';
export {
  closeIdleHdf5Workers,
  idleHdf5WorkerCount,
  openHdf5WorkerCount,
  prewarmHdf5Worker,
  setHdf5WorkerPoolLimits,
  type Hdf5WorkerPoolLimits,
} from './hdf5/node/worker-pool.js';
export { openArchiveHdf5, type OpenedArchiveHdf5 } from './hdf5/node/open-archive-hdf5.js';
export { createNodeExplorer } from './explorer/node-explorer.js';
