// ndx-pose 0.1–0.3 inside NWB (rly/ndx-pose spec/ndx-pose.extensions.yaml at tags 0.1.1, 0.2.2, 0.3.0).
// - PoseEstimation (NWBDataInterface) holds PoseEstimationSeries groups: data (N, 2|3), confidence (N),
//   reference_frame, and timestamps (often a link shared between series) or starting_time + rate.
// - 0.1.x: `nodes` / `edges` datasets sit on PoseEstimation. 0.2+: they sit on a Skeleton under
//   processing/<module>/Skeletons, reached by a soft link from PoseEstimation named after the skeleton;
//   devices are linked the same way. Links are told apart by the target's neurodata_type, never by name.
// - Series names are not keypoint names (neuroconv: `PoseEstimationSeriesSnout` for node `snout`,
//   catalystneuro/neuroconv src/neuroconv/datainterfaces/behavior/deeplabcut/_dlc_utils.py): nodes are matched to
//   series exactly first, then case-insensitively without the `PoseEstimationSeries` prefix.
// - DLC-in-NWB says "(0,0) corresponds to the bottom left corner" but the numbers are image coordinates
//   (origin top-left): y is never flipped here; the file's text is passed on as it is.
import type { Hdf5File } from '../hdf5/types.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import { readNeurodataType } from '../nwb/neurodata.js';
import { readCachedNamespaces } from '../nwb/summary.js';
import { rateFromTimestamps, readTimeAxis, readTimeSeriesInfo, type TimeSeriesInfo } from '../nwb/time-series.js';
import { baseName, childPath, readText, readTextList, resolveNode, toNumbers } from '../nwb/values.js';
import { DLC_DEFAULT_PCUTOFF } from './dlc.js';
import { missingTrack, type PoseData, type PoseTrack, type ReadPoseOptions } from './model.js';
import { remapEdges, resolveWindow, rowBlocks, rowsPerRead, selectNames } from './window.js';

/** A PoseEstimation group found in an NWB file. */
export interface PoseContainer {
  path: string;
  name: string;
  neurodataType: string;
}

const CONTAINER_TYPES = new Set(['PoseEstimation', 'MultiCameraPoseEstimation']);

/** Every PoseEstimation container in the file: under each processing module and in /acquisition. */
export async function findPoseContainers(file: Hdf5File): Promise<PoseContainer[]> {
  const parents: string[] = ['/acquisition'];
  if ((await resolveNode(file, '/processing'))?.kind === 'group') {
    for (const module of await file.list('/processing')) parents.push(childPath('/processing', baseName(module.path)));
  }
  // Each lookup is a round trip to the reader's worker: they are asked for together, and kept in file order.
  const found = await Promise.all(
    parents.map(async (parent) => {
      if ((await resolveNode(file, parent))?.kind !== 'group') return [];
      const children = (await file.list(parent)).filter((child) => child.kind === 'group');
      const typed = await Promise.all(
        children.map(async (child) => {
          const path = childPath(parent, baseName(child.path));
          const { neurodataType } = await readNeurodataType(file, path);
          return neurodataType && CONTAINER_TYPES.has(neurodataType)
            ? [{ path, name: baseName(path), neurodataType }]
            : [];
        }),
      );
      return typed.flat();
    }),
  );
  return found.flat();
}

interface ContainerParts {
  series: { name: string; path: string }[];
  skeletonName?: string;
  /** Subject linked from the Skeleton (ndx-pose 0.2+ optional `subject` link). */
  skeletonSubject?: string;
  nodes?: string[];
  edges?: [number, number][];
  sourceSoftware?: string;
}

async function readContainerParts(file: Hdf5File, container: string): Promise<ContainerParts> {
  const parts: ContainerParts = { series: [] };
  const children = (await file.list(container)).filter((child) => child.kind !== 'dataset');
  // Types are asked for together (one worker round trip each), then taken in file order.
  const types = await Promise.all(
    children.map((child) => readNeurodataType(file, childPath(container, baseName(child.path)))),
  );
  for (const [index, child] of children.entries()) {
    const name = baseName(child.path);
    const path = childPath(container, name);
    const neurodataType = types[index]?.neurodataType;
    if (neurodataType === 'PoseEstimationSeries') parts.series.push({ name, path });
    else if (neurodataType === 'Skeleton' && parts.nodes === undefined) {
      parts.skeletonName = child.kind === 'soft-link' && child.target ? baseName(child.target) : name;
      parts.nodes = (await readTextList(file, childPath(path, 'nodes'))) ?? [];
      parts.edges = await readEdges(file, childPath(path, 'edges'));
      if ((await resolveNode(file, childPath(path, 'subject')))?.kind === 'group')
        parts.skeletonSubject = childPath(path, 'subject');
    }
  }
  // ndx-pose 0.1.x keeps nodes/edges on the container itself.
  if (parts.nodes === undefined) {
    const nodes = await readTextList(file, childPath(container, 'nodes'));
    if (nodes) {
      parts.nodes = nodes;
      parts.edges = await readEdges(file, childPath(container, 'edges'));
    }
  }
  const software = await readText(file, childPath(container, 'source_software'));
  if (software !== undefined) parts.sourceSoftware = software;
  return parts;
}

async function readEdges(file: Hdf5File, path: string): Promise<[number, number][]> {
  const node = await resolveNode(file, path);
  if (node?.kind !== 'dataset') return [];
  const flat = toNumbers((await file.read(path)).values);
  const edges: [number, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) edges.push([flat[i] as number, flat[i + 1] as number]);
  return edges;
}

function normalizeName(name: string): string {
  return name.replace(/^PoseEstimationSeries/, '').toLowerCase();
}

/** Pair skeleton nodes with series: keypoint names in node order, then series no node names. */
export function matchNodesToSeries(
  nodes: readonly string[] | undefined,
  seriesNames: readonly string[],
): { keypoint: string; series: string | undefined }[] {
  const remaining = new Set(seriesNames);
  const out: { keypoint: string; series: string | undefined }[] = [];
  for (const node of nodes ?? []) {
    let series = remaining.has(node) ? node : undefined;
    series ??= [...remaining].find((s) => normalizeName(s) === node.toLowerCase());
    if (series !== undefined) remaining.delete(series);
    out.push({ keypoint: node, series });
  }
  for (const series of seriesNames) if (remaining.has(series)) out.push({ keypoint: series, series });
  return out;
}

// Who the pose belongs to: the Skeleton's linked Subject, else the file's subject when the file has one container
// (neuroconv's single-subject files), else the skeleton's or the container's own name.
async function individualName(
  file: Hdf5File,
  parts: ContainerParts,
  container: PoseContainer,
  containerCount: number,
): Promise<string> {
  const linked = parts.skeletonSubject
    ? await readText(file, childPath(parts.skeletonSubject, 'subject_id'))
    : undefined;
  if (linked) return linked;
  if (containerCount === 1) {
    const subjectId = await readText(file, '/general/subject/subject_id');
    if (subjectId) return subjectId;
  }
  return parts.skeletonName ?? container.name;
}

/** Read one PoseEstimation container of an NWB file into the common model (`found`: the containers, if already listed). */
export async function readNdxPose(
  file: Hdf5File,
  options: ReadPoseOptions = {},
  found?: PoseContainer[],
): Promise<PoseData> {
  const containers = found ?? (await findPoseContainers(file));
  if (containers.length === 0)
    throw new NotFoundError(`${file.name} has no ndx-pose PoseEstimation container.`, file.name);
  let container = containers[0] as PoseContainer;
  if (options.container !== undefined) {
    const wanted = containers.find((c) => c.path === options.container || c.name === options.container);
    if (!wanted) {
      throw new InvalidInputError(
        `${file.name} has no pose container "${options.container}"; it has ${containers.map((c) => c.path).join(', ')}.`,
        options.container,
      );
    }
    container = wanted;
  }
  const parts = await readContainerParts(file, container.path);
  const matched = matchNodesToSeries(
    parts.nodes,
    parts.series.map((s) => s.name),
  ).filter((m) => m.series !== undefined);
  const keypoints = matched.map((m) => m.keypoint);
  const individual = await individualName(file, parts, container, containers.length);
  selectNames([individual], options.individuals, 'individual', file.name);
  const chosen = selectNames(keypoints, options.keypoints, 'keypoint', file.name);

  // Requests are issued together: the reader's worker decodes one while this thread converts another. The cached
  // namespaces are asked for now so that they do not wait behind the last series.
  const namespacesRead = readCachedNamespaces(file);
  namespacesRead.catch(() => undefined);
  const infos: TimeSeriesInfo[] = await Promise.all(
    matched.map((m) => readTimeSeriesInfo(file, childPath(container.path, m.series as string))),
  );
  const first = infos[chosen[0] ?? 0] ?? infos[0];
  const frameCount = first?.length ?? 0;
  const { start, end } = resolveWindow(options, frameCount, file.name);
  const n = end - start;
  const dimensions = (first?.data?.shape?.[1] ?? 2) === 3 ? 3 : 2;
  const [time, tracks] = await Promise.all([
    first ? readTimeAxis(file, first, start, end) : Promise.resolve(new Float64Array(0)),
    Promise.all(
      chosen.map((k) => {
        const info = infos[k] as TimeSeriesInfo;
        return readSeriesTrack(file, info, individual, keypoints[k] as string, start, Math.min(end, info.length), n);
      }),
    ),
  ]);
  const namespaces = await namespacesRead;
  const version = namespaces.find((ns) => ns.name === 'ndx-pose')?.versions[0] ?? 'unknown';
  const nodeIndex = (name: string) => keypoints.indexOf(name);
  const edges = (parts.edges ?? [])
    .map(([a, b]) => [nodeIndex(parts.nodes?.[a] ?? ''), nodeIndex(parts.nodes?.[b] ?? '')] as [number, number])
    .filter(([a, b]) => a >= 0 && b >= 0);
  const pose: PoseData = {
    source: 'ndx-pose',
    formatVersion: version,
    location: file.name,
    container: container.path,
    containers: containers.map((c) => c.path),
    individuals: [individual],
    keypoints: chosen.map((k) => keypoints[k] as string),
    edges: remapEdges(edges, chosen),
    frameCount,
    start,
    end,
    time,
    fpsAssumed: false,
    dimensions,
    unit: first?.data?.unit ?? 'pixels',
    referenceFrame: first?.referenceFrame ?? '',
    confidenceThreshold: /deeplabcut/i.test(parts.sourceSoftware ?? '') ? DLC_DEFAULT_PCUTOFF : 0,
    tracks,
    staticObjects: [],
  };
  if (first?.timing.kind === 'rate') pose.fps = first.timing.rate;
  else {
    const estimated = rateFromTimestamps(time);
    if (estimated !== undefined) {
      pose.fps = estimated;
      pose.fpsEstimated = true;
    }
  }
  return pose;
}

async function readSeriesTrack(
  file: Hdf5File,
  info: TimeSeriesInfo,
  individual: string,
  keypoint: string,
  start: number,
  end: number,
  length: number,
): Promise<PoseTrack> {
  const data = info.data;
  // (N, 3) data is 3-D pose; a series without data stays a 2-D track of missing points.
  const width = data?.shape?.[1] ?? 1;
  if (!data) return missingTrack(individual, keypoint, length, 2);
  const { conversion, offset } = data;
  const confidencePath = childPath(info.path, 'confidence');
  const hasConfidence = (await resolveNode(file, confidencePath))?.kind === 'dataset';
  const blocks = [...rowBlocks(start, end, rowsPerRead(width * 8))];
  // Rows [start, end) are all written below, so only the rows past a short series are filled with NaN (no fill then
  // overwrite: filling 441k-frame tracks and the garbage it left cost ~0.1 s per NWB extraction, bench/README.md).
  const read = end - start;
  const track: PoseTrack = {
    individual,
    keypoint,
    x: new Float64Array(length),
    y: new Float64Array(length),
    confidence: new Float64Array(0),
  };
  if (width >= 3) track.z = new Float64Array(length);
  const fillMissing = (a: Float64Array | undefined) => a?.fill(Number.NaN, Math.max(0, read));
  fillMissing(track.x);
  fillMissing(track.y);
  fillMissing(track.z);
  if (width < 2) track.y.fill(Number.NaN);
  let confidenceParts: { base: number; values: Float64Array | Float32Array }[] | undefined = hasConfidence
    ? []
    : undefined;
  await Promise.all(
    blocks.map(async ([lo, hi]) => {
      const [values, c] = await Promise.all([
        file.read(data.path, [[lo, hi], null]).then((v) => asFloatArray(v.values)),
        hasConfidence
          ? file.read(confidencePath, [[lo, hi]]).then((v) => asFloatArray(v.values))
          : Promise.resolve(undefined),
      ]);
      const base = lo - start;
      deinterleave(
        values,
        width,
        hi - lo,
        conversion,
        offset,
        track.x,
        width >= 2 ? track.y : undefined,
        track.z,
        base,
      );
      if (c) confidenceParts?.push({ base, values: c });
    }),
  );
  const only = confidenceParts?.[0];
  if (
    confidenceParts?.length === 1 &&
    only &&
    only.base === 0 &&
    only.values instanceof Float64Array &&
    only.values.length === length
  ) {
    // One read covering the whole window: its Float64Array (this call's own copy) is the track's confidence as it is.
    track.confidence = only.values;
  } else {
    track.confidence = new Float64Array(length);
    if (confidenceParts) {
      for (const part of confidenceParts) track.confidence.set(part.values, part.base);
      track.confidence.fill(Number.NaN, Math.max(0, read));
    } else track.confidence.fill(Number.NaN);
  }
  confidenceParts = undefined;
  return track;
}

function asFloatArray(values: Awaited<ReturnType<Hdf5File['read']>>['values']): Float64Array | Float32Array {
  return values instanceof Float64Array || values instanceof Float32Array
    ? values
    : Float64Array.from(toNumbers(values));
}

/** Split rows of `width` values into x, y(, z) scaled by conversion and offset, in one pass over the read buffer. */
function deinterleave(
  values: Float64Array | Float32Array,
  width: number,
  rows: number,
  conversion: number,
  offset: number,
  x: Float64Array,
  y: Float64Array | undefined,
  z: Float64Array | undefined,
  base: number,
): void {
  if (width === 2 && y && conversion === 1 && offset === 0) {
    for (let r = 0, i = 0; r < rows; r++, i += 2) {
      x[base + r] = values[i] as number;
      y[base + r] = values[i + 1] as number;
    }
    return;
  }
  for (let r = 0, i = 0; r < rows; r++, i += width) {
    x[base + r] = (values[i] as number) * conversion + offset;
    if (y) y[base + r] = (values[i + 1] as number) * conversion + offset;
    if (z) z[base + r] = (values[i + 2] as number) * conversion + offset;
  }
}
