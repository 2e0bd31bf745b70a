// `ember-archive cat <target> <dataset> [--slice "0:10,:,1"] [--json] [--stats]`: values of a dataset or of a
// numpy-style selection, fetched by ranges. Text: one value per line, or one row of the last axis per line (tabs).
// --json adds the dataset's fill value and bytes on disk (as h5py's ds.fillvalue and ds.id.get_storage_size()).
import { InvalidInputError, nestValues, parseSliceText, stringifyJson, type DatasetValues } from '@ember-archive/core';
import { statsJson, statsLine } from '../output/file-stats.js';
import type { Command, CommandArgs, CommandIo } from './command.js';
import { explorerFromArgs, openTarget } from './open-file-target.js';

/** The `cat` subcommand. */
export const catCommand: Command = {
  name: 'cat',
  summary: 'Print the values of an HDF5 dataset, or of a slice of it, without downloading the file',
  usage: 'cat <target> <dataset> [--slice "0:10,:,1"] [--json] [--stats]   (or cat <target>#/dataset)',
  options: { slice: { type: 'string' }, stats: { type: 'boolean', default: false } },
  run: runCat,
};

async function runCat(args: CommandArgs, io: CommandIo): Promise<number> {
  const [target, datasetArg, ...extra] = args.positionals;
  if (target === undefined || extra.length > 0) {
    throw new InvalidInputError(
      'cat takes a file and a dataset path, e.g. cat pose.h5 /poseest/points --slice "0:10".',
    );
  }
  // Parse the slice before any request, so a typo costs nothing.
  const selection = typeof args.values.slice === 'string' ? parseSliceText(args.values.slice) : undefined;
  const { file, fragment } = await openTarget(explorerFromArgs(args, io), target);
  try {
    const path = datasetArg ?? fragment;
    if (path === undefined)
      throw new InvalidInputError('Name the dataset to print, e.g. cat file.nwb /acquisition/data.');
    if (args.values.json === true) {
      const values = await file.valuesJson(path, selection);
      const out = args.values.stats === true ? { ...values, stats: statsJson(file.stats()) } : values;
      io.stdout.write(`${stringifyJson(out)}\n`);
    } else {
      io.stdout.write(renderValues(await file.values(path, selection)));
      if (args.values.stats === true) io.stderr.write(statsLine(file.stats()));
    }
    return 0;
  } finally {
    await file.close();
  }
}

/** Text form: scalars and 1-D one per line; higher ranks one row of the last axis per line, tab-separated. */
export function renderValues(read: DatasetValues): string {
  const nested = nestValues(read);
  // Numbers as core's JSON encoding writes them, but bare: NaN, Infinity, -0 (a text column has no quotes).
  const text = (v: unknown): string =>
    typeof v === 'string' ? v : typeof v === 'number' && !Number.isFinite(v) ? String(v) : stringifyJson(v);
  if (read.shape.length === 0) return `${text(nested)}\n`;
  const rowLength = read.shape[read.shape.length - 1] ?? 0;
  const flat = read.shape.length === 1 ? (nested as unknown[]) : (nested as unknown[]).flat(read.shape.length - 2);
  if (read.shape.length === 1) return flat.map((v) => `${text(v)}\n`).join('');
  return (flat as unknown[][]).map((row) => `${row.slice(0, rowLength).map(text).join('\t')}\n`).join('');
}
