// Synthetic NWB 2.x files shaped like those pynwb + ndx-pose write for DeepLabCut output (neuroconv's
// DeepLabCutInterface, as used for EMBER dandiset 000463): root attributes and required datasets
// (nwb-schema core/nwb.file.yaml), Subject and Device metadata, `processing/behavior/PoseEstimationDeepLabCut`
// with one PoseEstimationSeries per body part and a Skeleton (rly/ndx-pose spec/ndx-pose.extensions.yaml, 0.2.x
// layout), an acquisition TimeSeries, an `intervals/trials` table with a ragged column (hdmf-common-schema
// common/table.yaml) and cached `/specifications`. Compared attribute by attribute with the corpus files
// ndx-pose/0.3.0_poseestimation_one_camera.nwb and nwb-core/*.nwb (docs/pose-formats.md §2).
import type { Dataset, File, Group } from 'h5wasm';
import { SAMPLE_EPOCH } from '../store.js';
import { guessChunks } from './chunks.js';
import { BreathingTrace, FEEDING_BODY_PARTS, FEEDING_EDGES, FEEDING_FRAME, FeedingPoseModel } from './feeding-model.js';
import {
  asciiArrayDataset,
  attrFloat64,
  attrInt64,
  attrNeurodataType,
  attrText,
  attrTextArray,
  dtypeOf,
  float64Scalar,
  numericDataset,
  textArrayDataset,
  textDataset,
  writeHdf5Bytes,
} from './hdf5-writer.js';
import { cachedNamespaces, NDX_POSE_VERSION, NWB_VERSION } from './nwb-spec.js';
import { Prng } from './prng.js';
import type { GeneratedFile, NwbPoseParams, PoseTruth } from './types.js';

/** Name of the PoseEstimation container, as neuroconv's DeepLabCutInterface names it. */
export const POSE_ESTIMATION_NAME = 'PoseEstimationDeepLabCut';
/** Rate of the synthetic thermistor acquisition trace. */
export const THERMISTOR_RATE = 1000;
const THERMISTOR_CONVERSION = 1 / 3276.8;
const DEVICE_NAME = 'CameraPoseEstimationDeepLabCut';
const POSE_GZIP = 4;

/** Series group name for a body part as neuroconv writes it: "PoseEstimationSeries" + `bodypart.capitalize()`. */
export function seriesName(bodyPart: string): string {
  return `PoseEstimationSeries${bodyPart.charAt(0).toUpperCase()}${bodyPart.slice(1).toLowerCase()}`;
}

/** Everything about a session that the seed decides. */
export interface NwbSession {
  params: NwbPoseParams;
  ids: Prng;
  startTime: string;
  /** Seconds from the session start to the first video frame. */
  videoStart: number;
  sex: 'M' | 'F' | 'U';
  age: string;
}

/** Derive a session's metadata from its parameters. */
export function nwbSession(params: NwbPoseParams): NwbSession {
  if (!Number.isInteger(params.frames) || params.frames < 1)
    throw new RangeError(`frames must be a positive integer, not ${params.frames}.`);
  if (!(params.rate > 0))
    throw new RangeError(`rate must be a positive number of frames per second, not ${params.rate}.`);
  const rng = new Prng(params.seed, 'nwb-session');
  const day = rng.int(1, 120);
  // A weekday-hours session some days before the sample epoch (a fixed date, so files never change).
  const midnight = Math.floor(SAMPLE_EPOCH.getTime() / 86_400_000) * 86_400_000;
  const start = new Date(midnight - day * 86_400_000 + rng.int(8 * 60, 17 * 60) * 60_000);
  return {
    params,
    ids: new Prng(params.seed, 'object-ids'),
    startTime: isoWithOffset(start),
    videoStart: Math.round(rng.uniform(0.2, 2) * 1000) / 1000,
    sex: params.sex ?? (rng.chance(0.5) ? 'M' : 'F'),
    age: params.age ?? 'P90D',
  };
}

// pynwb stores datetimes with isoformat(): "+00:00" rather than "Z".
function isoWithOffset(date: Date): string {
  return date.toISOString().replace('.000Z', '+00:00').replace('Z', '+00:00');
}

type Numeric = Float64Array | Float32Array | Int16Array | Uint8Array | Uint16Array | Uint32Array | BigInt64Array;

/** Writes a dataset row slice by row slice: one slice gives a fixed-size dataset, more give a resizable one. */
export class RowWriter {
  #dataset: Dataset | undefined;
  #rows = 0;

  constructor(
    private readonly group: Group,
    private readonly name: string,
    private readonly rowShape: number[],
    private readonly totalRows: number,
    private readonly options: { chunks?: number[]; gzip?: number },
  ) {}

  /** Append rows (C order, whole rows). */
  append(data: Numeric): Dataset {
    const rowSize = this.rowShape.reduce((a, b) => a * b, 1);
    const rows = data.length / rowSize;
    if (!this.#dataset && rows === this.totalRows) {
      this.#dataset = numericDataset(this.group, this.name, data, [rows, ...this.rowShape], this.options);
    } else {
      // Streaming: h5py-like chunks sized for the final shape, maxshape unlimited along time, as iterator writes give.
      const chunks = this.options.chunks ?? guessChunks([this.totalRows, ...this.rowShape], data.BYTES_PER_ELEMENT);
      this.#dataset ??= this.group.create_dataset({
        name: this.name,
        data: new (data.constructor as new (n: number) => Numeric)(0),
        shape: [0, ...this.rowShape],
        maxshape: [null, ...this.rowShape],
        dtype: dtypeOf(data),
        chunks,
        ...(this.options.gzip === undefined
          ? {}
          : { compression: 'gzip' as const, compression_opts: this.options.gzip }),
      });
      this.#dataset.resize([this.#rows + rows, ...this.rowShape]);
      this.#dataset.write_slice([[this.#rows, this.#rows + rows], ...this.rowShape.map((): [] => [])], data);
    }
    this.#rows += rows;
    return this.#dataset;
  }

  /** The dataset written so far. */
  get dataset(): Dataset {
    if (!this.#dataset) throw new Error(`Dataset ${this.name} was never written.`);
    return this.#dataset;
  }
}

/** How the pose and thermistor data are streamed into the file. */
export interface NwbWritePlan {
  /** Frames per write slice (all at once for small files). */
  sliceFrames: number;
  /** Whether to give the timestamps chunks (needed when they are written in several slices). */
  streaming: boolean;
}

/** What the writer recorded, for the ground truth. */
export interface NwbWritten {
  x: Float64Array[];
  y: Float64Array[];
  confidence: Float64Array[];
  time: Float64Array;
}

/** Write a whole synthetic NWB session into an open file; returns the pose it wrote if `keep` is set. */
export function writeNwbSession(
  file: File,
  session: NwbSession,
  plan: NwbWritePlan,
  keep: boolean,
): NwbWritten | undefined {
  // Phases in file order: HDF5 lays objects out as they are created and the object ids come from one seeded
  // stream, so this order is part of the bytes every seed must keep giving.
  writeRoot(file, session);
  writeGeneral(file.create_group('general'), session);
  const duration = session.params.frames / session.params.rate;
  writeThermistor(file.create_group('acquisition'), session, plan, duration);
  const seriesGroups = writePoseEstimation(file, session);
  const kept = writePoseSeries(seriesGroups, session, plan, keep);
  writeTrials(file.create_group('intervals'), session, duration);
  return kept;
}

// Root: cached specifications, the NWBFile attributes and the required datasets and groups (nwb.file.yaml), in the
// shape pynwb gives them.
function writeRoot(file: File, session: NwbSession): void {
  const { params, ids } = session;
  const specifications = file.create_group('specifications');
  for (const ns of cachedNamespaces()) {
    const versionGroup = specifications.create_group(ns.name).create_group(ns.version);
    for (const [source, json] of Object.entries(ns.sources)) textDataset(versionGroup, source, json);
  }
  attrNeurodataType(file, 'core', 'NWBFile', ids.uuid());
  attrText(file, 'nwb_version', NWB_VERSION);
  file.create_attribute('.specloc', specifications.create_reference());
  asciiArrayDataset(file, 'file_create_date', [isoWithOffset(SAMPLE_EPOCH)]);
  textDataset(file, 'identifier', ids.uuid());
  textDataset(
    file,
    'session_description',
    `Synthetic session ${params.sessionId} of ${params.subjectId}: generated by the EMBER sample archive, not a real recording.`,
  );
  textDataset(file, 'session_start_time', session.startTime);
  textDataset(file, 'timestamps_reference_time', session.startTime);
  file.create_group('analysis');
  const stimulus = file.create_group('stimulus');
  stimulus.create_group('presentation');
  stimulus.create_group('templates');
}

// Acquisition: a 1 kHz synthetic breathing (thermistor) trace covering the video, streamed in the plan's slices.
function writeThermistor(acquisition: Group, session: NwbSession, plan: NwbWritePlan, duration: number): void {
  const { params, ids } = session;
  const thermistor = acquisition.create_group('SyntheticThermistor');
  attrText(thermistor, 'comments', 'no comments');
  attrText(
    thermistor,
    'description',
    'Synthetic nasal thermistor trace (breathing and sniff bouts) made by the EMBER sample archive generator; not a real recording.',
  );
  attrNeurodataType(thermistor, 'core', 'TimeSeries', ids.uuid());
  const samples = Math.max(1, Math.round(duration * THERMISTOR_RATE));
  const trace = new BreathingTrace(params.seed, THERMISTOR_RATE);
  const thermistorData = new RowWriter(thermistor, 'data', [], samples, { gzip: POSE_GZIP });
  const sliceSamples = Math.max(1, Math.round((plan.sliceFrames / params.rate) * THERMISTOR_RATE));
  for (let at = 0; at < samples; at += sliceSamples)
    thermistorData.append(trace.next(Math.min(sliceSamples, samples - at)));
  writeTimeSeriesDataAttrs(thermistorData.dataset, 'volts', THERMISTOR_CONVERSION, THERMISTOR_CONVERSION);
  writeStartingTime(thermistor, 0, THERMISTOR_RATE);
}

// processing/behavior: the Skeleton, the PoseEstimation container with its metadata and links, and one (still empty)
// PoseEstimationSeries group per body part, which it returns.
function writePoseEstimation(file: File, session: NwbSession): Group[] {
  const { params, ids } = session;
  const behavior = file.create_group('processing').create_group('behavior');
  attrText(behavior, 'description', 'processed behavioral data (synthetic)');
  attrNeurodataType(behavior, 'core', 'ProcessingModule', ids.uuid());
  const skeletonName = `Skeleton${POSE_ESTIMATION_NAME}_${params.subjectId.charAt(0).toUpperCase()}${params.subjectId.slice(1).toLowerCase()}`;
  const skeletons = behavior.create_group('Skeletons');
  attrNeurodataType(skeletons, 'ndx-pose', 'Skeletons', ids.uuid());
  const skeleton = skeletons.create_group(skeletonName);
  attrNeurodataType(skeleton, 'ndx-pose', 'Skeleton', ids.uuid());
  numericDataset(skeleton, 'edges', Uint8Array.from(FEEDING_EDGES.flat()), [FEEDING_EDGES.length, 2]);
  textArrayDataset(skeleton, 'nodes', FEEDING_BODY_PARTS);

  const pose = behavior.create_group(POSE_ESTIMATION_NAME);
  attrNeurodataType(pose, 'ndx-pose', 'PoseEstimation', ids.uuid());
  textDataset(
    pose,
    'description',
    'Synthetic DeepLabCut-style pose of a mouse handling food (EMBER sample archive; not a real recording).',
  );
  textArrayDataset(pose, 'original_videos', [`${params.subjectId}_${params.sessionId}_camera1_synthetic.mp4`]);
  textArrayDataset(pose, 'labeled_videos', [`${params.subjectId}_${params.sessionId}_camera1_synthetic_labeled.mp4`]);
  numericDataset(pose, 'dimensions', Uint16Array.from(FEEDING_FRAME), [1, 2]);
  textDataset(pose, 'scorer', 'DLC_resnet50_syntheticFeedingJun1shuffle1_100000');
  attrText(textDataset(pose, 'source_software', 'DeepLabCut'), 'version', '2.3.9');
  pose.create_soft_link(`/processing/behavior/Skeletons/${skeletonName}`, skeletonName);
  pose.create_soft_link(`/general/devices/${DEVICE_NAME}`, DEVICE_NAME);

  return FEEDING_BODY_PARTS.map((bodyPart) => {
    const g = pose.create_group(seriesName(bodyPart));
    attrText(g, 'comments', 'no comments');
    attrText(g, 'description', `Synthetic position of ${bodyPart} (generated, not tracked from a real video).`);
    attrNeurodataType(g, 'ndx-pose', 'PoseEstimationSeries', ids.uuid());
    textDataset(g, 'reference_frame', '(0,0) corresponds to the bottom left corner of the video.');
    return g;
  });
}

/** The writers of every series' data, confidence and (when timed by timestamps) the one shared timestamps. */
interface PoseWriters {
  data: RowWriter[];
  confidence: RowWriter[];
  timestamps: RowWriter | undefined;
}

// The pose itself: the feeding model streamed slice by slice into every series, then the series' attributes and
// their timing (starting_time + rate, or timestamps shared by links as pynwb does). Returns what it wrote if `keep`.
function writePoseSeries(
  seriesGroups: Group[],
  session: NwbSession,
  plan: NwbWritePlan,
  keep: boolean,
): NwbWritten | undefined {
  const writers = poseWriters(seriesGroups, session, plan);
  const kept = streamPose(writers, session, plan, keep);
  finishPoseSeries(seriesGroups, writers, session);
  return kept;
}

function poseWriters(seriesGroups: Group[], session: NwbSession, plan: NwbWritePlan): PoseWriters {
  const { frames } = session.params;
  // Chunks of h5py's guessed size, but always whole rows, so a time window of (x, y) is one read per chunk.
  const rowChunks = (rowShape: number[]): number[] => {
    const rowSize = rowShape.reduce((a, b) => a * b, 1);
    const elements = guessChunks([frames, ...rowShape], 8).reduce((a, b) => a * b, 1);
    return [Math.max(1, Math.min(frames, Math.floor(elements / rowSize))), ...rowShape];
  };
  return {
    data: seriesGroups.map((g) => new RowWriter(g, 'data', [2], frames, { gzip: POSE_GZIP, chunks: rowChunks([2]) })),
    confidence: seriesGroups.map(
      (g) => new RowWriter(g, 'confidence', [], frames, { gzip: POSE_GZIP, chunks: rowChunks([]) }),
    ),
    timestamps:
      session.params.timing === 'timestamps'
        ? new RowWriter(seriesGroups[0]!, 'timestamps', [], frames, plan.streaming ? { chunks: rowChunks([]) } : {})
        : undefined,
  };
}

function streamPose(
  writers: PoseWriters,
  session: NwbSession,
  plan: NwbWritePlan,
  keep: boolean,
): NwbWritten | undefined {
  const { params } = session;
  const { frames } = params;
  const K = FEEDING_BODY_PARTS.length;
  const model = new FeedingPoseModel(params.seed, params.rate);
  const timeRng = new Prng(params.seed, 'frame-times');
  const kept: NwbWritten | undefined = keep
    ? {
        x: FEEDING_BODY_PARTS.map(() => new Float64Array(frames)),
        y: FEEDING_BODY_PARTS.map(() => new Float64Array(frames)),
        confidence: FEEDING_BODY_PARTS.map(() => new Float64Array(frames)),
        time: new Float64Array(frames),
      }
    : undefined;
  for (let at = 0; at < frames; at += plan.sliceFrames) {
    const n = Math.min(plan.sliceFrames, frames - at);
    const slice = model.next(n);
    // Camera frame times: regular at the frame rate, with sub-millisecond trigger jitter when timestamps are stored.
    const time = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const regular = session.videoStart + (at + i) / params.rate;
      time[i] = writers.timestamps ? regular + timeRng.uniform(-0.15, 0.15) / params.rate : regular;
    }
    for (let k = 0; k < K; k++) {
      const xy = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        xy[2 * i] = slice.x[k]![i]!;
        xy[2 * i + 1] = slice.y[k]![i]!;
      }
      writers.data[k]!.append(xy);
      writers.confidence[k]!.append(slice.confidence[k]!);
      if (kept) {
        kept.x[k]!.set(slice.x[k]!, at);
        kept.y[k]!.set(slice.y[k]!, at);
        kept.confidence[k]!.set(slice.confidence[k]!, at);
      }
    }
    writers.timestamps?.append(time);
    kept?.time.set(time, at);
  }
  return kept;
}

function finishPoseSeries(seriesGroups: Group[], writers: PoseWriters, session: NwbSession): void {
  const firstSeries = seriesGroups[0]!;
  const timestamps = writers.timestamps;
  seriesGroups.forEach((g, k) => {
    writeTimeSeriesDataAttrs(writers.data[k]!.dataset, 'pixels', 1, -1);
    attrText(
      writers.confidence[k]!.dataset,
      'definition',
      'Synthetic likelihood in the style of DeepLabCut (softmax output of the network); NaN where the part is out of sight.',
    );
    if (!timestamps) {
      writeStartingTime(g, session.videoStart, session.params.rate);
    } else if (k === 0) {
      attrInt64(timestamps.dataset, 'interval', 1);
      attrText(timestamps.dataset, 'unit', 'seconds');
    } else if (k === 1) {
      // Shared timestamps through an HDF5 hard link: a reader that walks the tree once sees the dataset only once.
      g.create_hard_link(`${firstSeries.path}/timestamps`, 'timestamps');
    } else {
      // pynwb shares a TimeSeries' timestamps with a soft link (corpus ndx-pose 0.3.0 front_right_paw/timestamps).
      g.create_soft_link(`${firstSeries.path}/timestamps`, 'timestamps');
    }
  });
}

function writeGeneral(general: Group, session: NwbSession): void {
  const { params, ids } = session;
  const devices = general.create_group('devices');
  const camera = devices.create_group(DEVICE_NAME);
  attrText(
    camera,
    'description',
    'Synthetic high-speed camera (the EMBER sample archive generator made these frames up).',
  );
  attrText(camera, 'manufacturer', 'none (synthetic)');
  attrNeurodataType(camera, 'core', 'Device', ids.uuid());
  textArrayDataset(general, 'experimenter', ['Synthetic, Sample']);
  textDataset(
    general,
    'experiment_description',
    'Synthetic recreation of a food-handling and sniffing experiment for testing EMBER tools; no animal was recorded.',
  );
  textDataset(general, 'institution', 'EMBER sample archive (synthetic data)');
  textArrayDataset(general, 'keywords', ['synthetic', 'pose estimation', 'food handling', 'sniffing', 'DeepLabCut']);
  textDataset(general, 'lab', 'Synthetic Data Lab');
  textArrayDataset(general, 'related_publications', ['doi:10.0000/ember.synthetic.sample']);
  textDataset(general, 'session_id', params.sessionId);
  const subject = general.create_group('subject');
  attrNeurodataType(subject, 'core', 'Subject', ids.uuid());
  attrText(textDataset(subject, 'age', session.age), 'reference', 'birth');
  textDataset(subject, 'description', 'Synthetic mouse: generated data, not a real animal.');
  textDataset(subject, 'sex', session.sex);
  textDataset(subject, 'species', 'Mus musculus');
  textDataset(subject, 'strain', 'C57BL/6J');
  textDataset(subject, 'subject_id', params.subjectId);
}

function writeTimeSeriesDataAttrs(data: Dataset, unit: string, conversion: number, resolution: number): void {
  attrFloat64(data, 'conversion', conversion);
  attrFloat64(data, 'offset', 0);
  attrFloat64(data, 'resolution', resolution);
  attrText(data, 'unit', unit);
}

function writeStartingTime(series: Group, start: number, rate: number): void {
  const startingTime = float64Scalar(series, 'starting_time', start);
  attrFloat64(startingTime, 'rate', rate);
  attrText(startingTime, 'unit', 'seconds');
}

const FOOD_TYPES = ['sunflower seed', 'pasta piece', 'chow pellet'] as const;

// intervals/trials (TimeIntervals): id, start_time, stop_time, a text column and a ragged column with its index.
function writeTrials(intervals: Group, session: NwbSession, duration: number): void {
  const { ids, params } = session;
  const rng = new Prng(params.seed, 'trials');
  const starts: number[] = [];
  const stops: number[] = [];
  const food: string[] = [];
  const sniffs: number[] = [];
  const sniffEnds: number[] = [];
  const end = session.videoStart + duration;
  const typical = Math.min(10, Math.max(0.5, duration / 12));
  let t = session.videoStart + rng.uniform(0, typical / 4);
  while (starts.length < 2000) {
    const length = Math.min(rng.uniform(0.5, 1) * typical, 8);
    if (t + length > end && starts.length > 0) break;
    const stop = Math.min(end, t + length);
    starts.push(t);
    stops.push(stop);
    food.push(FOOD_TYPES[rng.int(0, FOOD_TYPES.length - 1)]!);
    const count = rng.int(0, 4);
    const times = Array.from({ length: count }, () => rng.uniform(t, stop)).sort((a, b) => a - b);
    sniffs.push(...times);
    sniffEnds.push(sniffs.length);
    t = stop + rng.uniform(0.1, 0.5) * typical;
  }
  const trials = intervals.create_group('trials');
  attrTextArray(trials, 'colnames', ['start_time', 'stop_time', 'food_type', 'sniff_times']);
  attrText(
    trials,
    'description',
    'Synthetic food-handling trials with the times of single sniffs (generated, not observed).',
  );
  attrNeurodataType(trials, 'core', 'TimeIntervals', ids.uuid());
  const column = (ds: Dataset, description: string, type = 'VectorData'): void => {
    attrText(ds, 'description', description);
    attrNeurodataType(ds, 'hdmf-common', type, ids.uuid());
  };
  const idDs = numericDataset(trials, 'id', BigInt64Array.from(starts.map((_, i) => BigInt(i))), [starts.length]);
  attrNeurodataType(idDs, 'hdmf-common', 'ElementIdentifiers', ids.uuid());
  column(
    numericDataset(trials, 'start_time', Float64Array.from(starts), [starts.length]),
    'Start time of epoch, in seconds',
  );
  column(
    numericDataset(trials, 'stop_time', Float64Array.from(stops), [stops.length]),
    'Stop time of epoch, in seconds',
  );
  column(textArrayDataset(trials, 'food_type', food), 'Kind of food given in the trial (synthetic)');
  const sniffDs = numericDataset(trials, 'sniff_times', Float64Array.from(sniffs), [sniffs.length]);
  column(sniffDs, 'Times of single sniffs during the trial, in seconds (synthetic)');
  // hdmf stores a VectorIndex in the smallest unsigned type that holds its largest offset.
  const last = sniffEnds[sniffEnds.length - 1] ?? 0;
  const index =
    last < 256 ? Uint8Array.from(sniffEnds) : last < 65536 ? Uint16Array.from(sniffEnds) : Uint32Array.from(sniffEnds);
  const indexDs = numericDataset(trials, 'sniff_times_index', index, [sniffEnds.length]);
  column(indexDs, "Index for VectorData 'sniff_times'", 'VectorIndex');
  indexDs.create_attribute('target', sniffDs.create_reference());
}

/** Generate a synthetic NWB file with ndx-pose pose of a feeding mouse, and the pose it holds. */
export async function generateNwbPose(params: NwbPoseParams): Promise<GeneratedFile> {
  const session = nwbSession(params);
  let written: NwbWritten | undefined;
  const bytes = await writeHdf5Bytes((file) => {
    written = writeNwbSession(file, session, { sliceFrames: params.frames, streaming: false }, true);
  });
  if (!written) throw new Error('The NWB writer returned no pose.');
  const w = written;
  const truth: PoseTruth = {
    keypoints: FEEDING_BODY_PARTS,
    individuals: [params.subjectId],
    frames: params.frames,
    fps: params.rate,
    time: w.time,
    x: [w.x],
    y: [w.y],
    confidence: [w.confidence],
    unit: 'pixels',
    edges: FEEDING_EDGES,
  };
  return { bytes, truth };
}

export { NDX_POSE_VERSION, NWB_VERSION };
