// Public API of @ember-archive/core: re-exports only, and only what a library user and the front ends (CLI, HTTP
// API, web viewer) call. Building blocks that tests and benchmarks reach for live in ./internals (internals.ts).
export * from './errors.js';
// Retries: one policy shape for range reads, downloads and the DANDI client, configured from Config.http.
export { DEFAULT_RETRY_POLICY, retryPolicyFromConfig, type RetryPolicy, type TimedRetryPolicy } from './retry.js';
export { VERSION, USER_AGENT } from './version.js';
// Configuration: EMBER endpoints, dandi-cli instances, environment overrides.
export {
  loadConfig,
  getInstance,
  KNOWN_INSTANCES,
  EMBER_INSTANCE,
  EMBER_S3,
  CONFIG_ENV_VARS,
  type Config,
  type ConfigOverrides,
  type DandiInstance,
  type BucketConfig,
  type HttpConfig,
} from './config.js';
// Identifiers and the Archive seam (bucket projects, dandisets and local files alike).
export {
  parseTarget,
  formatTarget,
  parentTarget,
  type ArchiveTarget,
  type RootTarget,
  type LocalTarget,
  type BucketTarget,
  type InstanceTarget,
  type DandisetTarget,
  type AssetTarget,
  type UrlTarget,
} from './archive/target.js';
export { parseS3Uri, formatS3Uri, type BucketRef } from './bucket/bucket-urls.js';
export {
  createArchive,
  type Archive,
  type ArchiveEntry,
  type ArchiveOptions,
  type ArchiveCallOptions,
  type FileLocation,
  type LocalFileLocation,
  type RemoteFileLocation,
  type LocalFiles,
  type LocalStat,
} from './archive/archive.js';
// The clients an Archive hands out (archive.bucket(), archive.dandi()) and the DANDI shapes they return.
export type {
  BucketClient,
  BucketFolder,
  BucketObject,
  BucketPage,
  ListPrefixOptions,
} from './bucket/bucket-client.js';
export type { DandiClient, DandisetQuery, AssetQuery, ResolvedAsset, ZarrLocation } from './dandi/dandi-client.js';
export type { FetchFunction } from './dandi/dandi-http.js';
// Where a person opens an asset on the web (the instance's file browser, Neurosift).
export { dandiWebLinks, type WebLink } from './dandi/web-links.js';
export type {
  Dandiset,
  DandisetVersion,
  DandisetMetadata,
  VersionInfo,
  ServerInfo,
  AssetPath,
  AssetSummary,
  AssetMetadata,
  AssetDigests,
  EmbargoStatus,
  Page,
} from './dandi/types.js';
// The explorer seam: what the terminal UI, the HTTP API and the web viewer ask of the archive (explorer/explorer.ts),
// its in-process and memory providers, and the pure pieces every face shares (decimation, windows, NWB fields).
export type * from './explorer/explorer.js';
export {
  createExplorer,
  type ExplorerOptions,
  type OpenHdf5Function,
  type InProcessExplorer,
  type InProcessFile,
} from './explorer/in-process.js';
export {
  createMemoryExplorer,
  type MemoryContent,
  type MemoryFile,
  type MemoryExplorer,
  type MemoryExplorerOptions,
  type MemoryLog,
} from './explorer/memory-explorer.js';
export { decimateMinMax, decimateChannels } from './explorer/decimate.js';
export { POSE_FRAME_LIMIT, poseViewWindow } from './explorer/pose-view.js';
export {
  POSE_VIEW_BINARY_TYPE,
  poseViewToJson,
  poseViewFromJson,
  poseViewToBinary,
  poseViewFromBinary,
  type PoseViewJson,
  type PoseSeriesJson,
} from './explorer/pose-view-codec.js';
export { nwbSessionFields, nwbSubjectFields } from './explorer/nwb-summary-view.js';
export { formatAttrValue } from './explorer/value-text.js';
// The one JSON encoding of every JSON output (NaN/Infinity as strings, -0 kept, bigint exact): json/json-encoding.ts.
export { stringifyJson, decodeJsonNumber, NON_FINITE_JSON, type JsonValue } from './json/json-encoding.js';
export { nestValues, type NestedValue } from './json/nest-values.js';
// HDF5 contracts and selections (open files with openHdf5 from ./node, openHdf5InBrowser from ./browser, or ./edge).
export type * from './hdf5/types.js';
export type { ByteSource, FetchStats } from './source/byte-source.js';
export { parseSliceText, resolveSelection, type ResolvedSelection, type ResolvedDim } from './hdf5/shared/selection.js';
// NWB readers: the summary, TimeSeries and DynamicTable.
export {
  readNwbSummary,
  type NwbSummary,
  type NwbSubject,
  type NwbDevice,
  type NwbNamespace,
  type NwbProcessingModule,
} from './nwb/summary.js';
export type { NwbObject } from './nwb/neurodata.js';
export {
  readTimeSeriesInfo,
  readTimeAxis,
  type TimeSeriesInfo,
  type TimeSeriesData,
  type TimeSeriesTiming,
} from './nwb/time-series.js';
export {
  readDynamicTableInfo,
  readDynamicTableRows,
  type DynamicTableInfo,
  type DynamicTableColumn,
  type DynamicTableRows,
  type TableCell,
} from './nwb/dynamic-table.js';
// Pose: one model whatever wrote it (ndx-pose, JABS, DeepLabCut, SLEAP), its reader, metrics and export.
export type {
  PoseData,
  PoseTrack,
  PoseSource,
  PoseStaticObject,
  ReadPoseOptions,
  PoseContour,
  PoseSegmentation,
  PoseSegmentationTrack,
} from './pose/model.js';
export { findTrack } from './pose/model.js';
export { readPose, detectPoseFormat } from './pose/read-pose.js';
export { poseMetrics, centroidTrack, type KeypointMetrics } from './pose/metrics.js';
export { poseToJson, poseToCsv, poseCsvChunks, type PoseJson, type PoseJsonTrack } from './pose/export.js';
