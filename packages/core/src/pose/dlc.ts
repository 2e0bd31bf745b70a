// DeepLabCut native HDF5 output: a pandas DataFrame saved with `to_hdf(key="df_with_missing", format="table")`
// (DeepLabCut deeplabcut/utils/auxiliaryfunctions.py save_data; predict_videos.py builds the column MultiIndex
// scorer / [individuals /] bodyparts / coords with coords x, y, likelihood).
// PyTables stores the table as a compound dataset /df_with_missing/table {index: int64, values_block_0: f64[n]};
// the column names exist only as pickles in the attributes `non_index_axes` (group) and `values_block_0_kind`
// (table), see pandas pandas/io/pytables.py (Table.set_attrs / DataCol.set_attr). The older `format="fixed"`
// layout (axis0_level*/axis0_label*, axis1, block0_values, block0_items_*) is read too.
// Values are image pixel coordinates (origin top-left, y down); NaN marks a missing detection.
import type { AttrValue, Hdf5File } from '../hdf5/types.js';
import { CorruptFileError, UnsupportedError } from '../errors.js';
import { resolveNode, toNumbers, toText } from '../nwb/values.js';
import { ASSUMED_FPS, missingTrack, type PoseData, type PoseTrack, type ReadPoseOptions } from './model.js';
import { parsePickle, type PickleValue } from './pickle.js';
import { resolveWindow, rowBlocks, selectNames } from './window.js';

/** DeepLabCut's usual display cut-off for likelihood (`pcutoff` in a project's config.yaml). */
export const DLC_DEFAULT_PCUTOFF = 0.6;

/** Name given to the only individual of a single-animal file (DLC2NWB / neuroconv use "ind1" too). */
export const DLC_SINGLE_INDIVIDUAL = 'ind1';

const DLC_REFERENCE_FRAME =
  '(0,0) is the top-left corner of the video frame; x increases rightward, y increases downward (pixels).';

/** One column of the DataFrame: its MultiIndex tuple split by level. */
export interface DlcColumn {
  scorer: string;
  individual: string;
  bodypart: string;
  coord: string;
}

/** Whether the file looks like DeepLabCut output (a pandas frame under /df_with_missing). */
export async function isDlcPose(file: Hdf5File): Promise<boolean> {
  return (await resolveNode(file, '/df_with_missing'))?.kind === 'group';
}

/** Turn MultiIndex column tuples (3 or 4 levels) into DLC columns; `names` are the level names when known. */
export function dlcColumnsFromTuples(
  tuples: PickleValue[],
  names: string[] | undefined,
  location: string,
): DlcColumn[] {
  return tuples.map((tuple) => {
    if (!Array.isArray(tuple) || (tuple.length !== 3 && tuple.length !== 4)) {
      throw new CorruptFileError(
        `${location} has a DeepLabCut column that is not (scorer, [individual,] bodypart, coord).`,
        location,
      );
    }
    const parts = tuple.map((p) => String(p));
    const level = (name: string, fallback: number) => {
      const i = names?.indexOf(name) ?? -1;
      return parts[i >= 0 ? i : fallback] as string;
    };
    return parts.length === 4
      ? {
          scorer: level('scorer', 0),
          individual: level('individuals', 1),
          bodypart: level('bodyparts', 2),
          coord: level('coords', 3),
        }
      : {
          scorer: level('scorer', 0),
          individual: DLC_SINGLE_INDIVIDUAL,
          bodypart: level('bodyparts', 1),
          coord: level('coords', 2),
        };
  });
}

/** The DLC columns of a `format="table"` file, in the order of the values blocks. */
export async function readDlcTableColumns(file: Hdf5File): Promise<{ blocks: string[]; columns: DlcColumn[] }> {
  const location = file.name;
  const groupAttrs = await file.attrs('/df_with_missing');
  const tableAttrs = await file.attrs('/df_with_missing/table');
  const levelNames = levelNamesFromInfo(groupAttrs.info, location);
  const blocksAttr = groupAttrs.values_cols;
  const blocks = blocksAttr === undefined ? ['values_block_0'] : asList(pickled(blocksAttr, location)).map(String);
  const columns: DlcColumn[] = [];
  for (const block of blocks) {
    const kind = tableAttrs[`${block}_kind`];
    let tuples: PickleValue[];
    if (kind !== undefined) tuples = asList(pickled(kind, location));
    else {
      // Older pandas: only non_index_axes = [(1, [tuples...])].
      const axes = asList(pickled(groupAttrs.non_index_axes, location));
      const axis1 = axes.find((a) => Array.isArray(a) && a[0] === 1) as PickleValue[] | undefined;
      tuples = asList(axis1?.[1] ?? []);
    }
    columns.push(...dlcColumnsFromTuples(tuples, levelNames, location));
  }
  return { blocks, columns };
}

/** Read a DeepLabCut HDF5 file into the common model. */
export async function readDlcPose(file: Hdf5File, options: ReadPoseOptions = {}): Promise<PoseData> {
  const fixed = (await resolveNode(file, '/df_with_missing/block0_values'))?.kind === 'dataset';
  if (!fixed && (await resolveNode(file, '/df_with_missing/table'))?.kind !== 'dataset') {
    throw new UnsupportedError(
      `${file.name} has /df_with_missing but neither a pandas table nor a fixed frame in it.`,
      file.name,
    );
  }
  const layout = fixed ? await fixedLayout(file) : await tableLayout(file);
  const { columns, frameCount } = layout;
  const individuals = unique(columns.map((c) => c.individual));
  const keypoints = unique(columns.map((c) => c.bodypart));
  const chosenIndividuals = selectNames(individuals, options.individuals, 'individual', file.name);
  const chosenKeypoints = selectNames(keypoints, options.keypoints, 'keypoint', file.name);
  const { start, end } = resolveWindow(options, frameCount, file.name);
  const n = end - start;

  const tracks: PoseTrack[] = [];
  // column index of x / y / likelihood per track
  const sources: { track: PoseTrack; x: number; y: number; z: number; p: number }[] = [];
  for (const i of chosenIndividuals) {
    for (const k of chosenKeypoints) {
      const individual = individuals[i] as string;
      const keypoint = keypoints[k] as string;
      const find = (coord: string) =>
        columns.findIndex((c) => c.individual === individual && c.bodypart === keypoint && c.coord === coord);
      const x = find('x');
      const y = find('y');
      // maDLC files may list a bodypart only for the individuals that have it ("single" unique bodyparts).
      if (x < 0 || y < 0) continue;
      const z = find('z');
      const track = missingTrack(individual, keypoint, n, z >= 0 ? 3 : 2);
      tracks.push(track);
      sources.push({ track, x, y, z, p: find('likelihood') });
    }
  }

  const frameIndex = new Float64Array(n);
  for (const [lo, hi] of rowBlocks(start, end)) {
    const rows = await layout.readRows(lo, hi);
    for (let r = 0; r < hi - lo; r++) {
      const out = lo - start + r;
      frameIndex[out] = rows.index[r] as number;
      const base = r * columns.length;
      for (const s of sources) {
        s.track.x[out] = rows.values[base + s.x] as number;
        s.track.y[out] = rows.values[base + s.y] as number;
        if (s.track.z && s.z >= 0) s.track.z[out] = rows.values[base + s.z] as number;
        if (s.p >= 0) s.track.confidence[out] = rows.values[base + s.p] as number;
      }
    }
  }
  const fps = options.fps ?? ASSUMED_FPS;
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) time[i] = frameIndex[i]! / fps;

  const groupAttrs = await file.attrs('/df_with_missing');
  return {
    source: 'dlc',
    formatVersion: toText(groupAttrs.pandas_version) ?? 'unknown',
    location: file.name,
    container: '/df_with_missing',
    individuals: chosenIndividuals
      .map((i) => individuals[i] as string)
      .filter((name) => tracks.some((t) => t.individual === name)),
    keypoints: chosenKeypoints.map((k) => keypoints[k] as string),
    edges: [],
    frameCount,
    start,
    end,
    time,
    fps,
    fpsAssumed: options.fps === undefined,
    dimensions: sources.some((s) => s.z >= 0) ? 3 : 2,
    unit: 'pixels',
    referenceFrame: DLC_REFERENCE_FRAME,
    confidenceThreshold: DLC_DEFAULT_PCUTOFF,
    tracks,
    staticObjects: [],
  };
}

interface DlcLayout {
  columns: DlcColumn[];
  frameCount: number;
  /** Rows [lo, hi): frame index per row and the values, row-major (columns.length per row). */
  readRows(lo: number, hi: number): Promise<{ index: Float64Array; values: Float64Array }>;
}

async function tableLayout(file: Hdf5File): Promise<DlcLayout> {
  const path = '/df_with_missing/table';
  const info = await file.dataset(path);
  const { blocks, columns } = await readDlcTableColumns(file);
  const members = info.members ?? [];
  const indexMember = members.findIndex((m) => m.name === 'index');
  const blockMembers = blocks.map((b) => members.findIndex((m) => m.name === b));
  if (indexMember < 0 || blockMembers.some((m) => m < 0)) {
    throw new CorruptFileError(
      `${file.name} has a pandas table without the index or value columns its attributes name.`,
      file.name,
    );
  }
  return {
    columns,
    frameCount: info.shape?.[0] ?? 0,
    async readRows(lo, hi) {
      const { values } = await file.read(path, [[lo, hi]]);
      const index = new Float64Array(hi - lo);
      const out = new Float64Array((hi - lo) * columns.length);
      for (let r = 0; r < hi - lo; r++) {
        const row = values[r] as AttrValue;
        index[r] = Number(memberOf(row, indexMember, 'index'));
        let c = r * columns.length;
        blocks.forEach((block, b) => {
          const cells = memberOf(row, blockMembers[b] as number, block);
          const list = Array.isArray(cells) || ArrayBuffer.isView(cells) ? (cells as ArrayLike<unknown>) : [cells];
          for (let k = 0; k < list.length; k++) out[c++] = Number(list[k]);
        });
      }
      return { index, values: out };
    },
  };
}

async function fixedLayout(file: Hdf5File): Promise<DlcLayout> {
  const levels: string[][] = [];
  const labels: number[][] = [];
  for (let k = 0; ; k++) {
    const level = `/df_with_missing/block0_items_level${k}`;
    if ((await resolveNode(file, level))?.kind !== 'dataset') break;
    const { values } = await file.read(level);
    levels.push(Array.from(values as ArrayLike<unknown>, (v) => toText(v as AttrValue) ?? ''));
    labels.push(toNumbers((await file.read(`/df_with_missing/block0_items_label${k}`)).values));
  }
  if (levels.length !== 3 && levels.length !== 4) {
    throw new CorruptFileError(
      `${file.name} has a fixed pandas frame whose columns are not (scorer, [individual,] bodypart, coord).`,
      file.name,
    );
  }
  const tuples: PickleValue[] = (labels[0] ?? []).map((_, c) => levels.map((level, k) => level[labels[k]![c]!] ?? ''));
  const columns = dlcColumnsFromTuples(tuples, undefined, file.name);
  const valuesInfo = await file.dataset('/df_with_missing/block0_values');
  return {
    columns,
    frameCount: valuesInfo.shape?.[0] ?? 0,
    async readRows(lo, hi) {
      const values = (await file.read('/df_with_missing/block0_values', [[lo, hi], null])).values;
      const axis1 =
        (await resolveNode(file, '/df_with_missing/axis1'))?.kind === 'dataset'
          ? Float64Array.from(toNumbers((await file.read('/df_with_missing/axis1', [[lo, hi]])).values))
          : Float64Array.from({ length: hi - lo }, (_, i) => lo + i);
      return { index: axis1, values: values instanceof Float64Array ? values : Float64Array.from(toNumbers(values)) };
    },
  };
}

function memberOf(row: AttrValue, index: number, name: string): unknown {
  if (Array.isArray(row)) return row[index];
  if (row && typeof row === 'object') return (row as unknown as Record<string, unknown>)[name];
  return undefined;
}

function levelNamesFromInfo(info: AttrValue | undefined, location: string): string[] | undefined {
  if (info === undefined || info === null) return undefined;
  try {
    const parsed = pickled(info, location);
    // info = {1: {names: [...], type: 'MultiIndex'}, index: {...}, ...}
    const axis = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed['1'] : undefined;
    const names = axis && typeof axis === 'object' && !Array.isArray(axis) ? axis.names : undefined;
    return Array.isArray(names) ? names.map(String) : undefined;
  } catch {
    return undefined;
  }
}

function pickled(value: AttrValue | undefined, location: string): PickleValue {
  const text = toText(value);
  if (text === undefined)
    throw new CorruptFileError(`${location} lacks the pickled column attributes DeepLabCut files carry.`, location);
  return parsePickle(text, location);
}

function asList(value: PickleValue): PickleValue[] {
  return Array.isArray(value) ? value : [];
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
