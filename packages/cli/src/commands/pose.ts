// `ember-archive pose <target> [--individual I] [--keypoints a,b] [--start N] [--end M] [--format table|json|csv]
// [--out FILE]`: keypoint trajectories from a JABS, DeepLabCut or NWB (ndx-pose) file, for a window of frames.
// The table shows metrics per keypoint; json and csv carry the trajectories. --out writes atomically.
import { InvalidInputError, poseCsvChunks, poseMetrics, poseToJson, readPose, type ReadPoseOptions } from '@ember-archive/core';
import { writeFileAtomically } from '../output/atomic-write.js';
import { poseTable } from '../output/pose-table.js';
import type { Command, CommandArgs, CommandIo } from './command.js';
import { openFileTarget } from './open-file-target.js';

const FORMATS = ['table', 'json', 'csv'] as const;
type PoseFormat = (typeof FORMATS)[number];

/** The `pose` subcommand. */
export const poseCommand: Command = {
  name: 'pose',
  summary: 'Keypoint trajectories and per-keypoint metrics from JABS, DeepLabCut or NWB (ndx-pose) pose files',
  usage: [
    'pose <target> [--individual I]... [--keypoints a,b] [--start N] [--end M] [--format table|json|csv] [--out FILE]',
    '       [--container NAME] [--fps N] [--min-confidence C] [--pixels]',
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
  },
  run: runPose,
};

function wholeNumber(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^\d+$/.test(text)) throw new InvalidInputError(`--${flag} must be a frame number (0 or more), not "${text}".`, text);
  return Number(text);
}

function positiveNumber(value: unknown, flag: string, allowZero: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) {
    throw new InvalidInputError(`--${flag} must be a ${allowZero ? 'non-negative' : 'positive'} number, not "${String(value)}".`, String(value));
  }
  return n;
}

/** The read options the flags ask for (validated before any file is opened). */
export function poseOptionsFromArgs(args: CommandArgs): ReadPoseOptions & { format: PoseFormat; threshold?: number; out?: string } {
  const v = args.values;
  const formatText = typeof v.format === 'string' ? v.format : v.json === true ? 'json' : 'table';
  if (!(FORMATS as readonly string[]).includes(formatText)) {
    throw new InvalidInputError(`--format must be one of ${FORMATS.join(', ')}, not "${formatText}".`, formatText);
  }
  const options: ReadPoseOptions & { format: PoseFormat; threshold?: number; out?: string } = { format: formatText as PoseFormat };
  const individuals = Array.isArray(v.individual) ? v.individual.map(String) : undefined;
  if (individuals && individuals.length > 0) options.individuals = individuals.flatMap((i) => i.split(',')).filter(Boolean);
  if (typeof v.keypoints === 'string') options.keypoints = v.keypoints.split(',').map((k) => k.trim()).filter(Boolean);
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

async function runPose(args: CommandArgs, io: CommandIo): Promise<number> {
  const { format, threshold, out, ...options } = poseOptionsFromArgs(args);
  const { file, name } = await openFileTarget(args, io, 'pose');
  try {
    const pose = await readPose(file, { ...options, fileName: name });
    const pieces: Iterable<string> = format === 'csv'
      ? poseCsvChunks(pose)
      : format === 'json'
        ? [`${JSON.stringify(poseToJson(pose))}\n`]
        : [poseTable(pose, poseMetrics(pose, threshold ?? pose.confidenceThreshold), threshold ?? pose.confidenceThreshold)];
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
