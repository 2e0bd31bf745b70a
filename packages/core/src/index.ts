// Public API of @ember-archive/core: re-exports only.
export * from './errors.js';
export { VERSION, USER_AGENT } from './version.js';
// Configuration: EMBER endpoints, dandi-cli instances, environment overrides.
export { loadConfig, getInstance, apiKeyEnvVar, normalizeBaseUrl, KNOWN_INSTANCES, EMBER_INSTANCE, EMBER_S3, CONFIG_ENV_VARS, type Config, type ConfigOverrides, type DandiInstance, type BucketConfig, type HttpConfig } from './config.js';
// The bucket: unsigned S3 listing and HEAD, URL <-> key.
export { createUnsignedS3Client, type S3Location } from './bucket/s3-client.js';
export { BucketClient, type BucketClientOptions, type BucketFolder, type BucketObject, type BucketPage, type ListPrefixOptions } from './bucket/bucket-client.js';
export { parseBucketUrl, parseS3Uri, formatS3Uri, objectUrl, resolveObjectUrl, encodeKey, type BucketRef } from './bucket/bucket-urls.js';
// DANDI REST API client.
export { DandiClient, createDandiClient, MAX_PAGE_SIZE, type DandiClientOptions, type DandisetQuery, type AssetQuery, type ResolvedAsset } from './dandi/dandi-client.js';
export type { FetchFunction } from './dandi/dandi-http.js';
export type { Dandiset, DandisetVersion, DandisetMetadata, VersionInfo, ServerInfo, AssetPath, AssetSummary, AssetMetadata, AssetDigests, EmbargoStatus, Page } from './dandi/types.js';
// Identifiers and the Archive seam (bucket projects, dandisets and local files alike).
export { parseTarget, formatTarget, parentTarget, type ArchiveTarget, type RootTarget, type LocalTarget, type BucketTarget, type InstanceTarget, type DandisetTarget, type AssetTarget, type UrlTarget } from './archive/target.js';
export { createArchive, type Archive, type ArchiveEntry, type ArchiveOptions, type ArchiveCallOptions, type FileLocation, type LocalFileLocation, type RemoteFileLocation, type LocalFiles, type LocalStat } from './archive/archive.js';
// The explorer seam: what the terminal UI, the HTTP API and the web viewer ask of the archive (explorer/explorer.ts).
export type * from './explorer/explorer.js';
export { createExplorer, type ExplorerOptions, type OpenHdf5Function, type InProcessExplorer, type InProcessFile } from './explorer/in-process.js';
export { decimateMinMax, decimateChannels } from './explorer/decimate.js';
export { POSE_FRAME_LIMIT, poseViewWindow, toPoseView } from './explorer/pose-view.js';
export { FIRST_VALUES, firstValuesSelection } from './explorer/dataset-summary.js';
export { nwbSessionFields, nwbSubjectFields, toSummaryView } from './explorer/nwb-summary-view.js';
export { readTree } from './explorer/tree.js';
export { formatAttrValue, formatFloat } from './explorer/value-text.js';
// The one JSON encoding of every JSON output (NaN/Infinity as strings, -0 kept, bigint exact): json/json-encoding.ts.
export { stringifyJson, numberJson, bigintJson, decodeJsonNumber, NON_FINITE_JSON, type JsonValue } from './json/json-encoding.js';
export { nestValues, type NestedValue } from './json/nest-values.js';
// NWB metadata, TimeSeries and DynamicTable.
export { readNwbSummary, readCachedNamespaces, type NwbSummary, type NwbSubject, type NwbDevice, type NwbNamespace, type NwbProcessingModule } from './nwb/summary.js';
export { readNeurodataType, listTypedChildren, type NwbObject } from './nwb/neurodata.js';
export { readTimeSeriesInfo, readTimeAxis, rateTimeAxis, rateFromTimestamps, type TimeSeriesInfo, type TimeSeriesData, type TimeSeriesTiming } from './nwb/time-series.js';
export { readDynamicTableInfo, readDynamicTableRows, type DynamicTableInfo, type DynamicTableColumn, type DynamicTableRows, type TableCell } from './nwb/dynamic-table.js';
// Pose: one model, readers for ndx-pose, JABS and DeepLabCut, metrics and export.
export type { PoseData, PoseTrack, PoseSource, PoseStaticObject, ReadPoseOptions, PoseContour, PoseSegmentation, PoseSegmentationTrack } from './pose/model.js';
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
export { openHdf5Edge, type OpenHdf5EdgeOptions } from './hdf5/open-hdf5-edge.js';
export type { DatasetStorage, StoredChunk, FilterStep } from './hdf5/format/storage-types.js';
export type { StorageReader } from './hdf5/file-calls.js';
