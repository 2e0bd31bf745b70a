// `ember-archive pose <target> [--individual I] [--keypoints a,b] [--start N] [--end M] [--format table|json|csv]
// [--out FILE]`: keypoint trajectories from a JABS, DeepLabCut or NWB (ndx-pose) file, for a window of frames.
// The table shows metrics per keypoint; json and csv carry the trajectories. --out writes atomically.
// --segmentation (JABS v6+) also reads the window's segmentation contours: counted in the table header, in full under
// the json's `segmentation` key. It is opt-in because contours are most of a v6 file's bytes.
import {
  InvalidInputError,
  poseCsvChunks,
  poseMetrics,
  poseToJson,
  stringifyJson,
  type PoseData,
  type ReadPoseOptions,
} from '@ember-archive/core';
import { writeFileAtomically } from '../output/atomic-write.js';
import { poseTable } from '../output/pose-table.js';
import type { Command, CommandArgs, CommandIo } from './command.js';
import { openFileTarget } from './open-file-target.js';

const FORMATS = ['table', 'json', 'csv'] as const;
type PoseFormat = (typeof FORMATS)[number];

/** The `pose` subcommand. */
export const poseCommand: Command = {
  name: 'pose',
  summary: 'Keypoint trajectories and per-keypoint metrics from JABS, DeepLabCut, SLEAP or NWB (ndx-pose) pose files',
  usage: [
    'pose <target> [--individual I]... [--keypoints a,b] [--start N] [--end M] [--format table|json|csv] [--out FILE]',
    '       [--container NAME] [--fps N] [--min-confidence C] [--pixels] [--segmentation]',
  ].join('\n'),
  options: {
    individual: { type: 'string', multiple: true },
    keypoints: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    container: { type: 'string' },
    fps: { type: 'string' },
    'min-confidence': { type: 'string' },
    pixels: { type: 'boolean', default: false },
    segmentation: { type: 'boolean', default: false },
  },
  run: runPose,
};

function wholeNumber(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^\d+$/.test(text))
    throw new InvalidInputError(`--${flag} must be a frame number (0 or more), not "${text}".`, text);
  return Number(text);
}

function positiveNumber(value: unknown, flag: string, allowZero: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) {
    throw new InvalidInputError(
      `--${flag} must be a ${allowZero ? 'non-negative' : 'positive'} number, not "${String(value)}".`,
      String(value),
    );
  }
  return n;
}

/** The read options the flags ask for (validated before any file is opened). */
export function poseOptionsFromArgs(
  args: CommandArgs,
): ReadPoseOptions & { format: PoseFormat; threshold?: number; out?: string } {
  const v = args.values;
  const formatText = typeof v.format === 'string' ? v.format : v.json === true ? 'json' : 'table';
  if (!(FORMATS as readonly string[]).includes(formatText)) {
    throw new InvalidInputError(`--format must be one of ${FORMATS.join(', ')}, not "${formatText}".`, formatText);
  }
  const options: ReadPoseOptions & { format: PoseFormat; threshold?: number; out?: string } = {
    format: formatText as PoseFormat,
  };
  const individuals = Array.isArray(v.individual) ? v.individual.map(String) : undefined;
  if (individuals && individuals.length > 0)
    options.individuals = individuals.flatMap((i) => i.split(',')).filter(Boolean);
  if (typeof v.keypoints === 'string')
    options.keypoints = v.keypoints
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
  const start = wholeNumber(v.start, 'start');
  const end = wholeNumber(v.end, 'end');
  if (start !== undefined) options.start = start;
  if (end !== undefined) options.end = end;
  if (typeof v.container === 'string') options.container = v.container;
  const fps = positiveNumber(v.fps, 'fps', false);
  if (fps !== undefined) options.fps = fps;
  const threshold = positiveNumber(v['min-confidence'], 'min-confidence', true);
  if (threshold !== undefined) options.threshold = threshold;
  if (v.pixels === true) options.units = 'pixels';
  if (v.segmentation === true) {
    if (options.format === 'csv') {
      throw new InvalidInputError(
        '--segmentation goes with --format table or json: the CSV holds keypoints only.',
        'segmentation',
      );
    }
    options.segmentation = true;
  }
  if (typeof v.out === 'string') {
    if (v.out === '') throw new InvalidInputError('--out needs a file name.');
    options.out = v.out;
  }
  return options;
}

// Respects backpressure (a long CSV piped into a slow reader must not pile up in memory) and stops quietly when the
// reader goes away (`| head`): a closed pipe is the reader's choice, not a failure. The error listener stays attached
// because a write already queued can still fail after the loop ends.
async function writeToStdout(io: CommandIo, pieces: Iterable<string>): Promise<void> {
  let closed = false;
  let wake: (() => void) | undefined;
  io.stdout.on('error', () => {
    closed = true;
    wake?.();
  });
  for (const piece of pieces) {
    if (closed) return;
    if (!io.stdout.write(piece)) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        io.stdout.once('drain', () => resolve());
      });
    }
  }
}

/** The table's header line about segmentation, when it was asked for: contours counted, not printed. */
export function segmentationLine(pose: PoseData): string {
  const segmentation = pose.segmentation;
  if (!segmentation) return 'Segmentation:  none in this file (JABS v6+ seg_data)';
  let contours = 0;
  let holes = 0;
  for (const track of segmentation.tracks) {
    for (const frame of track.frames) {
      contours += frame.length;
      for (const contour of frame) if (contour.external === false) holes += 1;
    }
  }
  const unmatched =
    segmentation.unmatchedContours > 0 ? `, ${segmentation.unmatchedContours} not linked to an individual` : '';
  return `Segmentation:  ${contours} contours (${holes} holes) linked by ${segmentation.linkedBy}${unmatched}`;
}

// poseTable (output/pose-table.ts) ends its header block with a blank line: the segmentation line goes just above it.
function withSegmentationLine(table: string, pose: PoseData): string {
  const end = table.indexOf('\n\n');
  return end < 0
    ? `${segmentationLine(pose)}\n${table}`
    : `${table.slice(0, end)}\n${segmentationLine(pose)}${table.slice(end)}`;
}

function tableText(pose: PoseData, threshold: number, segmentationAsked: boolean): string {
  const table = poseTable(pose, poseMetrics(pose, threshold), threshold);
  return segmentationAsked ? withSegmentationLine(table, pose) : table;
}

async function runPose(args: CommandArgs, io: CommandIo): Promise<number> {
  const { format, threshold, out, ...options } = poseOptionsFromArgs(args);
  const { file } = await openFileTarget(args, io, 'pose');
  try {
    const pose = await file.readPose(options);
    const pieces: Iterable<string> =
      format === 'csv'
        ? poseCsvChunks(pose)
        : format === 'json'
          ? [`${stringifyJson(poseToJson(pose))}\n`]
          : [tableText(pose, threshold ?? pose.confidenceThreshold, options.segmentation === true)];
    if (out === undefined) await writeToStdout(io, pieces);
    else {
      const bytes = await writeFileAtomically(out, pieces);
      const message = `Wrote ${out} (${format}, ${pose.tracks.length} tracks x ${pose.end - pose.start} frames, ${bytes} bytes).`;
      io.stderr.write(`${message}\n`);
    }
    return 0;
  } finally {
    await file.close();
  }
}
