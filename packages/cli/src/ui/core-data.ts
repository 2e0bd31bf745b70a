// ArchiveData over @ember-archive/core: listings through the Archive seam, files through openHdf5 (read by ranges
// in a worker), the NWB summary through readNwbSummary, pose through readPose and poseMetrics. Everything here
// only reshapes core's answers for the screens; the reading itself lives in core.
import {
  findTrack,
  parentTarget,
  poseMetrics,
  readNwbSummary,
  readPose,
  type Archive,
  type ArchiveEntry,
  type AttrValue,
  type DatasetInfo,
  type DatasetValues,
  type Hdf5File,
  type NwbObject,
  type NwbSummary,
  type Slice,
} from '@ember-archive/core';
import { openHdf5 } from '@ember-archive/core/node';
import type { ArchiveData, DatasetSummary, ListingEntry, NwbSummaryView, ObjectEntry, OpenFile, PoseView, SummaryField, SummaryObject } from './data.js';
import { formatAttrValue } from './components/attr-format.js';

/**
 * Frames the pose screen reads at most: 20 minutes at 30 fps. Longer recordings show metrics of their first part
 * (and say so) rather than pulling hundreds of MB through ranges for a one-line sparkline.
 */
export const POSE_FRAME_LIMIT = 36_000;

/** How many leading values the details pane shows. */
export const FIRST_VALUES = 12;

/** The UI's data provider over an Archive (its configuration decides which archive: EMBER or the sample one). */
export function createCoreData(archive: Archive, rootLabel: string): ArchiveData {
  const handles = new WeakMap<OpenFile, Hdf5File>();
  // The file's name in the archive: JABS pose versions live in names, which blob URLs do not show.
  const names = new WeakMap<OpenFile, string>();
  const hdf5Of = (file: OpenFile): Hdf5File => {
    const handle = handles.get(file);
    if (!handle) throw new Error(`${file.uri} was not opened by this archive.`);
    return handle;
  };
  return {
    rootLabel,
    async *list(uri) {
      for await (const page of archive.listEntries(archive.parse(uri ?? ''))) yield page.map(toListingEntry);
    },
    async open(uri) {
      const target = archive.parse(uri);
      const where = await archive.resolveFile(target);
      const hdf5 = await openHdf5(where.kind === 'local' ? where.path : where.url);
      const file: OpenFile = {
        uri,
        list: async (path) => (await hdf5.list(path)).map((n): ObjectEntry => ({ path: n.path, kind: n.kind, ...(n.target !== undefined ? { target: n.target } : {}), ...(n.shape !== undefined ? { shape: n.shape } : {}), ...(n.dtype !== undefined ? { dtype: n.dtype } : {}) })),
        attrs: async (path) => hdf5.attrs(path),
        describe: (path) => describeDataset(hdf5, path),
        stats: () => {
          const s = hdf5.stats();
          return { requests: s.requests, bytesFetched: s.bytesFetched, fileSize: s.fileSize };
        },
        close: () => hdf5.close(),
      };
      handles.set(file, hdf5);
      names.set(file, where.name);
      return file;
    },
    async nwbSummary(file) {
      return toSummaryView(await readNwbSummary(hdf5Of(file)));
    },
    async pose(file, container) {
      const fileName = names.get(file) ?? '';
      const choice = container === undefined ? {} : { container };
      // An empty window reads only metadata: the frame count, to cap the real read within the file.
      const { frameCount } = await readPose(hdf5Of(file), { fileName, ...choice, start: 0, end: 0 });
      const pose = await readPose(hdf5Of(file), { fileName, ...choice, start: 0, end: Math.min(frameCount, POSE_FRAME_LIMIT) });
      const metrics = poseMetrics(pose);
      const view: PoseView = {
        source: pose.source,
        formatVersion: pose.formatVersion,
        container: pose.container,
        containers: pose.containers ?? [pose.container],
        individuals: pose.individuals,
        keypoints: pose.keypoints,
        frameCount: pose.frameCount,
        framesRead: pose.end - pose.start,
        duration: pose.time.length > 1 ? (pose.time[pose.time.length - 1] ?? 0) - (pose.time[0] ?? 0) : 0,
        unit: pose.unit,
        metrics: pose.individuals.map((individual) =>
          metrics
            .filter((m) => m.individual === individual)
            .map((m) => ({
              keypoint: m.keypoint,
              missing: m.fractionMissing,
              lowConfidence: m.fractionLowConfidence,
              distance: m.distance,
              meanSpeed: m.meanSpeed,
              x: findTrack(pose, individual, m.keypoint)?.x ?? [],
            })),
        ),
      };
      return view;
    },
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

function toListingEntry(entry: ArchiveEntry): ListingEntry {
  return {
    name: entry.name,
    kind: entry.kind,
    uri: entry.uri,
    ...(entry.size !== undefined ? { size: entry.size } : {}),
    ...(entry.fileCount !== undefined ? { fileCount: entry.fileCount } : {}),
    ...(entry.modified !== undefined ? { modified: entry.modified } : {}),
    ...(entry.title !== undefined ? { title: entry.title } : {}),
  };
}

/**
 * The selection holding the first `count` values in C order: trailing dimensions whole while they fit, one
 * dimension cut, the leading ones at index 0 (a contiguous prefix of the flattened dataset).
 */
export function firstValuesSelection(shape: readonly number[], count: number): Slice[] {
  const selection: Slice[] = shape.map(() => [0, 1] as [number, number]);
  let taken = 1;
  for (let dim = shape.length - 1; dim >= 0; dim--) {
    const size = shape[dim] ?? 0;
    if (size * taken <= count) {
      selection[dim] = [0, size];
      taken *= size;
      continue;
    }
    selection[dim] = [0, Math.max(1, Math.floor(count / taken))];
    break;
  }
  return selection;
}

function dtypeText(info: DatasetInfo): string {
  if (info.members && info.members.length > 0) {
    return `compound {${info.members.map((m) => `${m.name}: ${m.dtype}${m.shape ? `[${m.shape.join(',')}]` : ''}`).join(', ')}}`;
  }
  if (info.enumValues) return `enum {${Object.keys(info.enumValues).join(', ')}}`;
  return info.dtype;
}

/** A fill value as shown: strings quoted, null (compound, opaque... or undefined) as "none". */
function fillText(value: NonNullable<DatasetInfo['fillValue']> | null): string {
  if (value === null) return 'none';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return formatFloat(value);
  return String(value);
}

function valueTexts(values: DatasetValues['values']): string[] {
  const out: string[] = [];
  for (const v of values as Iterable<unknown>) out.push(typeof v === 'number' ? formatFloat(v) : formatAttrValue(v as AttrValue));
  return out;
}

function formatFloat(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

async function describeDataset(hdf5: Hdf5File, path: string): Promise<DatasetSummary> {
  const [info, attrs] = await Promise.all([hdf5.dataset(path), hdf5.attrs(path)]);
  const shape = info.shape;
  const elementCount = shape === null ? 0 : shape.reduce((a, b) => a * b, 1);
  let firstValues: string[] = [];
  if (shape !== null && elementCount > 0 && info.dtype !== 'opaque' && info.dtype !== 'unknown') {
    const read = shape.length === 0 ? await hdf5.read(path) : await hdf5.read(path, firstValuesSelection(shape, FIRST_VALUES));
    firstValues = valueTexts(read.values).slice(0, FIRST_VALUES);
  }
  return {
    path,
    shape,
    dtype: dtypeText(info),
    chunks: info.chunks,
    filters: info.filters.map((f) => f.name),
    ...(info.storageSize !== undefined ? { storageSize: info.storageSize } : {}),
    ...(info.fillValue !== undefined ? { fillValue: fillText(info.fillValue) } : {}),
    attrs,
    firstValues,
    elementCount,
  };
}

function field(label: string, value: string | string[] | undefined): SummaryField[] {
  if (value === undefined) return [];
  const text = Array.isArray(value) ? value.join('; ') : value;
  return text === '' ? [] : [{ label, value: text }];
}

function object(o: NwbObject): SummaryObject {
  const type = o.neurodataType ? (o.namespace && o.namespace !== 'core' ? `${o.namespace}.${o.neurodataType}` : o.neurodataType) : undefined;
  return { name: o.name, path: o.path, ...(type ? { neurodataType: type } : o.target ? { neurodataType: `link → ${o.target}` } : {}) };
}

/** The NWB summary as labelled lines and sections, with the NWB field names users know from pynwb. */
export function toSummaryView(s: NwbSummary): NwbSummaryView {
  const subject = s.subject;
  return {
    fields: [
      ...field('nwb_version', s.nwbVersion),
      ...field('identifier', s.identifier),
      ...field('session_description', s.sessionDescription),
      ...field('session_start_time', s.sessionStartTime),
      ...field('timestamps_reference_time', s.timestampsReferenceTime),
      ...field('session_id', s.sessionId),
      ...field('experimenter', s.experimenter),
      ...field('institution', s.institution),
      ...field('lab', s.lab),
      ...field('experiment_description', s.experimentDescription),
      ...field('keywords', s.keywords),
      ...field('related_publications', s.relatedPublications),
    ],
    subject: subject
      ? [
          ...field('subject_id', subject.subjectId),
          ...field('species', subject.species),
          ...field('sex', subject.sex),
          ...field('age', subject.age === undefined ? undefined : `${subject.age}${subject.ageReference ? ` (from ${subject.ageReference})` : ''}`),
          ...field('genotype', subject.genotype),
          ...field('strain', subject.strain),
          ...field('weight', subject.weight),
          ...field('date_of_birth', subject.dateOfBirth),
          ...field('description', subject.description),
          ...Object.entries(subject.other).flatMap(([k, v]) => field(k, v)),
        ]
      : [],
    sections: [
      { name: 'acquisition', objects: s.acquisition.map(object) },
      { name: 'processing', objects: s.processing.map((m) => ({ ...object(m), children: m.interfaces.map(object) })) },
      { name: 'intervals', objects: s.intervals.map(object) },
      { name: 'stimulus', objects: s.stimulus.map(object) },
      { name: 'analysis', objects: s.analysis.map(object) },
      { name: 'general/devices', objects: s.devices.map((d) => ({ name: d.name, path: d.path, ...(d.neurodataType ? { neurodataType: d.neurodataType } : {}) })) },
    ],
    namespaces: s.namespaces.map((n) => ({ label: n.name, value: n.versions.join(', ') })),
  };
}
