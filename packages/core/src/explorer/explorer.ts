// The explorer seam: everything a front end (terminal UI, HTTP API, web viewer) asks of the archive, in the shapes
// a person looks at. Modelled on h5web's DataProviderApi (silx-kit/h5web packages/app/src/providers/api.ts): one
// small contract, thin providers behind it (in-process over core, an in-memory fake for UI tests, an HTTP client
// over the API), and one contract test suite that runs against each of them (test-support/explorer-contract.ts).
// Everything here is plain data except DatasetValues (typed arrays): JSON answers use valuesJson and
// poseViewToJson, written with core's stringifyJson.
import type { ArchiveEntry } from '../archive/archive.js';
import type { BucketRef } from '../bucket/bucket-urls.js';
import type { AssetMetadata } from '../dandi/types.js';
import type { WebLink } from '../dandi/web-links.js';
import type { AttrValue, DatasetInfo, DatasetValues, Hdf5Node, Slice } from '../hdf5/types.js';
import type { NestedValue } from '../json/nest-values.js';
import type { TreeNode, TreeOptions } from './tree.js';

export type { TreeNode, TreeOptions } from './tree.js';

/** One row of a folder listing: core's ArchiveEntry without its parsed target (front ends pass the uri back). */
export type ListingEntry = Omit<ArchiveEntry, 'target'>;

/** One page of a listing; `next` is an opaque cursor for the page after it (absent on the last page). */
export interface ListingPage {
  entries: ListingEntry[];
  next?: string;
}

/** A dataset as a person looks at it: description, storage facts and the first values as display strings. */
export interface DatasetSummary {
  path: string;
  shape: number[] | null;
  dtype: string;
  chunks: number[] | null;
  filters: string[];
  storageSize?: number;
  /** The fill value as shown (h5py's ds.fillvalue), when the file's storage could be read. */
  fillValue?: string;
  attrs: Record<string, AttrValue>;
  /** The first values, flattened in C order, as display strings. */
  firstValues: string[];
  /** Total number of elements (so a view can say how many are not shown). */
  elementCount: number;
}

/** Values of a dataset or a selection as JSON: nested in C order, with the dataset's storage facts. */
export interface DatasetValuesJson {
  path: string;
  /** Shape of the values read (the selection's). */
  shape: number[];
  dtype: string;
  /** Nested arrays of `shape` (a bare value for a scalar); write them with core's stringifyJson. */
  values: NestedValue;
  /** h5py's ds.fillvalue, when the file's storage could be read. */
  fillValue?: DatasetInfo['fillValue'];
  /** Bytes on disk, as h5py's ds.id.get_storage_size(). */
  storageSize?: number;
}

/** Requests and bytes spent on an open file so far. */
export interface FileStats {
  requests: number;
  bytesFetched: number;
  fileSize: number;
  cacheHits: number;
}

/** One labelled value of the NWB summary, labelled with the NWB field names users know from pynwb. */
export interface SummaryField {
  label: string;
  /** The same field titled for prose ("Session start time"), where the summary has one. */
  title?: string;
  value: string;
}

/** One child of acquisition/processing/intervals/... with its neurodata type. */
export interface SummaryObject {
  name: string;
  path: string;
  neurodataType?: string;
  /** Processing modules list their interfaces. */
  children?: SummaryObject[];
}

/** The NWB summary as one ordered field list and sections. */
export interface NwbSummaryView {
  fields: SummaryField[];
  subject: SummaryField[];
  sections: { name: string; objects: SummaryObject[] }[];
  namespaces: SummaryField[];
}

/** What part of a pose file to read. */
export interface PoseRequest {
  /** ndx-pose: the PoseEstimation container (camera); default the first. */
  container?: string;
  individuals?: string[];
  keypoints?: string[];
  /** Frame window [start, end); default from the first frame, capped by the provider's frame limit. */
  start?: number;
  end?: number;
  /** Points per series at most: decimation that keeps each bucket's extremes (min/max); default every frame. */
  points?: number;
  /** Confidence below which a point counts as low (default: the format's convention). */
  threshold?: number;
}

/** Per-keypoint metrics of one individual over the window. */
export interface KeypointSummary {
  keypoint: string;
  /** Fraction of frames with no position. */
  missing: number;
  /** Fraction of frames whose confidence is below the threshold. */
  lowConfidence: number;
  /** Total path length in `unit`. */
  distance: number;
  /** Mean speed in `unit` per second. */
  meanSpeed: number;
}

/** One keypoint of one individual over the window, decimated: `frame[i]` is the frame each sample came from. */
export interface PoseSeries {
  individual: string;
  keypoint: string;
  frame: number[];
  /** Seconds. */
  time: number[];
  /** NaN where the point is missing. */
  x: number[];
  y: number[];
  confidence: number[];
}

/** What every face shows of a pose file. */
export interface PoseView {
  source: string;
  formatVersion?: string;
  /** The container shown (ndx-pose: one PoseEstimation group per camera). */
  container?: string;
  /** Every container of the file, in file order. */
  containers: string[];
  individuals: string[];
  keypoints: string[];
  /** Pairs of indices into `keypoints`, when the file defines a skeleton. */
  edges: [number, number][];
  frameCount: number;
  /** The window read: frames [start, end). */
  start: number;
  end: number;
  fps?: number;
  /** Seconds from the first to the last frame of the window. */
  duration: number;
  unit: string;
  threshold: number;
  /** Metrics per individual (same order as `individuals`), keypoints in file order. */
  metrics: KeypointSummary[][];
  series: PoseSeries[];
}

/** An open HDF5/NWB file. */
export interface ExplorerFile {
  readonly uri: string;
  /** The file's name in the archive (JABS pose versions live in names, which blob URLs do not show). */
  readonly name: string;
  list(path: string): Promise<Hdf5Node[]>;
  attrs(path: string): Promise<Record<string, AttrValue>>;
  describe(path: string): Promise<DatasetSummary>;
  values(path: string, selection?: Slice[]): Promise<DatasetValues>;
  /** The same values as JSON (nested, bigint-safe), with the dataset's fill value and bytes on disk. */
  valuesJson(path: string, selection?: Slice[]): Promise<DatasetValuesJson>;
  /** The nodes at and below `path` (default '/'), as JSON; InvalidInputError when nothing is at `path`. */
  tree(path?: string, options?: TreeOptions): Promise<TreeNode[]>;
  nwbSummary(): Promise<NwbSummaryView>;
  /** Pose in one model (ndx-pose, JABS, DeepLabCut ...) for a frame window, with metrics and decimated series. */
  pose(request?: PoseRequest): Promise<PoseView>;
  stats(): FileStats;
  close(): Promise<void>;
}

/** A DANDI asset as a file's details show it. */
export interface FileInfoAsset {
  instance: string;
  dandisetId?: string;
  version?: string;
  assetId: string;
  /** The asset's path in its dandiset. */
  path: string;
  encodingFormat?: string;
  embargoed: boolean;
  /** The asset's metadata as the DANDI API gives it (dateModified, access status, the raw document). */
  metadata: AssetMetadata;
}

/** What is known about a file without opening it: where its bytes are, its size, digests and web links. */
export interface FileInfo {
  uri: string;
  name: string;
  /** Bytes, when the archive knows them (always for bucket objects and assets). */
  size?: number;
  /** A local path, or a URL to GET with Range and no credentials. */
  location: { kind: 'local'; path: string } | { kind: 'remote'; url: string };
  contentType?: string;
  /** S3 ETag of a bucket object, without quotes. */
  etag?: string;
  /** Digests by kind: `dandi:sha2-256`, `dandi:dandi-etag` for assets. */
  digests: Record<string, string>;
  /** Bucket and key of the object, when it is in a bucket. */
  object?: BucketRef;
  asset?: FileInfoAsset;
  /** Where a person opens it on the web (the DANDI web file browser, Neurosift for NWB). */
  links: WebLink[];
}

/** Everything a front end reads from the archive. */
export interface Explorer {
  /** How the root of the archive is named, e.g. the S3 endpoint and API in use. */
  readonly rootLabel: string;
  /** One page of entries at `uri` (undefined: the archive root, EMBER projects beside dandisets). */
  listPage(uri: string | undefined, cursor?: string): Promise<ListingPage>;
  /** Open an HDF5/NWB file for reading by ranges. */
  open(uri: string): Promise<ExplorerFile>;
  /** Size, digests, DANDI asset metadata and web links of a file, without opening it. */
  info(uri: string): Promise<FileInfo>;
  /** The folder above `uri`: undefined for the archive root, null when `uri` is the root already. */
  parent(uri: string): string | undefined | null;
}
