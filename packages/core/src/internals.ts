// @ember-archive/core/internals: building blocks behind the public API, for core's own tests, the benchmarks and
// tools that need one piece on its own (a format reader, the pickle parser, the DANDI etag). Not a stable API: names
// here may change with any release. Node only (some pieces hash with node:crypto or read local files).
export { apiKeyEnvVar, normalizeBaseUrl } from './config.js';
// Bucket and DANDI clients built by hand (an Archive builds them for you).
export { createUnsignedS3Client, type S3Location } from './bucket/s3-client.js';
export { BucketClient, type BucketClientOptions } from './bucket/bucket-client.js';
export { parseBucketUrl, objectUrl, resolveObjectUrl, encodeKey } from './bucket/bucket-urls.js';
export { DandiClient, createDandiClient, MAX_PAGE_SIZE, type DandiClientOptions } from './dandi/dandi-client.js';
// Pieces of the explorer seam's providers.
export {
  FIRST_VALUES,
  firstValuesSelection,
  describeDataset,
  dtypeText,
  fillText,
} from './explorer/dataset-summary.js';
export { toPoseView, metricsByIndividual, poseSeries, readPoseView } from './explorer/pose-view.js';
export { toSummaryView, summaryObject } from './explorer/nwb-summary-view.js';
export { readTree, withinSubtree, storageFacts, withAttrs, type StorageFacts } from './explorer/tree.js';
export { ListingCursors, toListingEntry } from './explorer/listing-cursor.js';
export { selectValues } from './explorer/memory-explorer.js';
export { formatFloat } from './explorer/value-text.js';
export { numberJson, bigintJson } from './json/json-encoding.js';
// NWB pieces.
export { readCachedNamespaces } from './nwb/summary.js';
export { readNeurodataType, listTypedChildren } from './nwb/neurodata.js';
export { rateTimeAxis, rateFromTimestamps } from './nwb/time-series.js';
// Pose format readers and their parts (readPose picks the reader).
export {
  readJabsPose,
  jabsVersionFromName,
  JABS_KEYPOINT_NAMES,
  JABS_EDGES,
  JABS_MINIMUM_CONFIDENCE,
} from './pose/jabs.js';
export { readDlcPose, readDlcTableColumns, DLC_DEFAULT_PCUTOFF, type DlcColumn } from './pose/dlc.js';
export { readNdxPose, findPoseContainers, matchNodesToSeries, type PoseContainer } from './pose/ndx-pose.js';
export { parsePickle, type PickleValue } from './pose/pickle.js';
export { keypointMetrics, distanceTravelled, pointSpeeds, validFrames } from './pose/metrics.js';
// Byte sources and the block cache.
export { HttpSource, type HttpSourceOptions } from './source/http-source.js';
export { S3Source, type S3SourceOptions } from './source/s3-source.js';
export {
  BlockCache,
  CachedSource,
  sharedBlockCache,
  type BlockCacheOptions,
  type CachedSourceOptions,
} from './source/block-cache.js';
export { DEFAULT_RANGE_RETRY_POLICY, type RangeRetryPolicy } from './source/retry.js';
export { FileSource } from './source/file-source.js';
export { openByteSource, targetKind, type ByteSourceOptions, type TargetKind } from './source/open-source.js';
// HDF5 storage plans (the direct chunk reader's view of a dataset).
export type { DatasetStorage, StoredChunk, FilterStep } from './hdf5/format/storage-types.js';
export type { StorageReader } from './hdf5/file-calls.js';
// Downloads: the DANDI etag (multipart MD5 tree) and its part layout.
export { dandiPartLayout, DandiEtagHasher, type PartLayout } from './download/dandi-etag.js';
