// The one seam between the terminal UI and the archive (like h5web's DataProvider): screens and hooks ask this
// interface for listings, files, NWB summaries and pose data. `createCoreData` (core-data.ts) implements it with
// @ember-archive/core; tests of screens can hand in a small provider of their own.
import { createContext, useContext } from 'react';
import type { ArchiveEntry, Hdf5Node } from '@ember-archive/core';

/** One row of a folder listing: core's ArchiveEntry without its parsed target (screens pass the uri back). */
export type ListingEntry = Omit<ArchiveEntry, 'target'>;

/** One child in an HDF5 group (links reported as links), as core's HDF5 layer lists it. */
export type ObjectEntry = Hdf5Node;

/** What the UI shows about a dataset. */
export interface DatasetSummary {
  path: string;
  shape: number[] | null;
  dtype: string;
  chunks: number[] | null;
  filters: string[];
  storageSize?: number;
  /** The fill value as shown (h5py's ds.fillvalue), when the file's storage could be read. */
  fillValue?: string;
  attrs: Record<string, unknown>;
  /** The first values, flattened in C order, as display strings. */
  firstValues: string[];
  /** Total number of elements (so the view can say how many are not shown). */
  elementCount: number;
}

/** An open HDF5 file as the UI uses it. */
export interface OpenFile {
  uri: string;
  list(path: string): Promise<ObjectEntry[]>;
  attrs(path: string): Promise<Record<string, unknown>>;
  describe(path: string): Promise<DatasetSummary>;
  /** Requests and bytes spent so far, for the header. */
  stats(): { requests: number; bytesFetched: number; fileSize: number };
  close(): Promise<void>;
}

/** One labelled value of the NWB summary. */
export interface SummaryField {
  label: string;
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

/** What the NWB screen shows. */
export interface NwbSummaryView {
  fields: SummaryField[];
  subject: SummaryField[];
  sections: { name: string; objects: SummaryObject[] }[];
  namespaces: SummaryField[];
}

/** Per-keypoint metrics of one individual. */
export interface KeypointMetrics {
  keypoint: string;
  /** Fraction of frames with no position. */
  missing: number;
  /** Fraction of frames whose confidence is below the threshold. */
  lowConfidence: number;
  /** Total path length in `unit`. */
  distance: number;
  /** Mean speed in `unit` per second. */
  meanSpeed: number;
  /** x over time, for the sparkline (null where missing). */
  x: ArrayLike<number | null>;
}

/** What the pose screen shows. */
export interface PoseView {
  source: string;
  formatVersion?: string;
  /** The container shown (ndx-pose: one PoseEstimation group per camera). */
  container?: string;
  /** Every container of the file, in file order; more than one lets the screen switch cameras. */
  containers: string[];
  individuals: string[];
  keypoints: string[];
  frameCount: number;
  /** Frames read, from the first: all of them, or the first part of a long recording. */
  framesRead: number;
  /** Seconds from the first to the last frame read. */
  duration: number;
  unit: string;
  /** Metrics per individual (same order as `individuals`), keypoints in file order. */
  metrics: KeypointMetrics[][];
}

/** Everything the terminal UI reads from the archive. */
export interface ArchiveData {
  /** How the root of the archive is named in the header, e.g. the S3 endpoint and API in use. */
  readonly rootLabel: string;
  /** Pages of entries at `uri` (undefined: the archive root, EMBER projects beside dandisets). */
  list(uri: string | undefined): AsyncIterable<ListingEntry[]>;
  /** Open an HDF5/NWB file for reading by ranges. */
  open(uri: string): Promise<OpenFile>;
  /** The NWB summary of an open file. */
  nwbSummary(file: OpenFile): Promise<NwbSummaryView>;
  /** Pose data and metrics of an open file (ndx-pose in NWB, JABS, DeepLabCut); `container` picks a camera (default: the first). */
  pose(file: OpenFile, container?: string): Promise<PoseView>;
  /** The folder above `uri`: undefined for the archive root, null when `uri` is the root already. */
  parent(uri: string): string | undefined | null;
}

const ArchiveDataContext = createContext<ArchiveData | null>(null);

/** Provides the archive to every screen below it. */
export const ArchiveDataProvider = ArchiveDataContext.Provider;

/** The archive the UI was started with. */
export function useArchiveData(): ArchiveData {
  const data = useContext(ArchiveDataContext);
  if (!data) throw new Error('useArchiveData() needs an <ArchiveDataProvider> above it.');
  return data;
}

/** Whether a file name looks like something the file screen can open (HDF5, NWB, JABS/DLC pose, SLEAP .slp labels). */
export function isHdf5Name(name: string): boolean {
  return /\.(h5|hdf5|hdf|nwb|slp)$/i.test(name);
}
