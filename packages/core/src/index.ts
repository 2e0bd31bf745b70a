// Public API of @ember-archive/core: re-exports only.
export * from './errors.js';
export { VERSION, USER_AGENT } from './version.js';
// NWB metadata, TimeSeries and DynamicTable.
export { readNwbSummary, readCachedNamespaces, type NwbSummary, type NwbSubject, type NwbDevice, type NwbNamespace, type NwbProcessingModule } from './nwb/summary.js';
export { readNeurodataType, listTypedChildren, type NwbObject } from './nwb/neurodata.js';
export { readTimeSeriesInfo, readTimeAxis, rateTimeAxis, type TimeSeriesInfo, type TimeSeriesData, type TimeSeriesTiming } from './nwb/time-series.js';
export { readDynamicTableInfo, readDynamicTableRows, type DynamicTableInfo, type DynamicTableColumn, type DynamicTableRows, type TableCell } from './nwb/dynamic-table.js';
// Pose: one model, readers for ndx-pose, JABS and DeepLabCut, metrics and export.
export type { PoseData, PoseTrack, PoseSource, PoseStaticObject, ReadPoseOptions } from './pose/model.js';
export { findTrack } from './pose/model.js';
export { readPose, detectPoseFormat } from './pose/read-pose.js';
export { readJabsPose, jabsVersionFromName, JABS_KEYPOINT_NAMES, JABS_EDGES, JABS_MINIMUM_CONFIDENCE } from './pose/jabs.js';
export { readDlcPose, readDlcTableColumns, DLC_DEFAULT_PCUTOFF, type DlcColumn } from './pose/dlc.js';
export { readNdxPose, findPoseContainers, matchNodesToSeries, type PoseContainer } from './pose/ndx-pose.js';
export { parsePickle, type PickleValue } from './pose/pickle.js';
export { poseMetrics, keypointMetrics, centroidTrack, distanceTravelled, pointSpeeds, validFrames, type KeypointMetrics } from './pose/metrics.js';
export { poseToJson, poseToCsv, poseCsvChunks, type PoseJson, type PoseJsonTrack } from './pose/export.js';
// Byte sources and the block cache (isomorphic: fetch and the AWS SDK).
export type { ByteSource, FetchStats } from './source/byte-source.js';
export { HttpSource, type HttpSourceOptions } from './source/http-source.js';
export { S3Source, type S3SourceOptions } from './source/s3-source.js';
export { BlockCache, CachedSource, sharedBlockCache, type BlockCacheOptions, type CachedSourceOptions } from './source/block-cache.js';
export { DEFAULT_RANGE_RETRY_POLICY, type RangeRetryPolicy } from './source/retry.js';
// HDF5 contracts and selections.
export type * from './hdf5/types.js';
export { parseSliceText, resolveSelection, type ResolvedSelection, type ResolvedDim } from './hdf5/selection.js';
