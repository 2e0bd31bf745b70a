// `ember-archive cat <target> <dataset> [--slice "0:10,:,1"] [--json] [--stats]`: values of a dataset or of a
// numpy-style selection, fetched by ranges. Text: one value per line, or one row of the last axis per line (tabs).
// --json adds the dataset's fill value and bytes on disk (as h5py's ds.fillvalue and ds.id.get_storage_size()).
import { InvalidInputError, parseSliceText, type DatasetValues } from '@ember-archive/core';
import { openArchiveHdf5 } from '@ember-archive/core/node';
import { bigintReplacer, nestValues, statsJson, statsLine } from '../output/hdf5-json.js';
import { archiveFromArgs } from './archive-from-args.js';
import type { Command, CommandArgs, CommandIo } from './command.js';

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
    throw new InvalidInputError('cat takes a file and a dataset path, e.g. cat pose.h5 /poseest/points --slice "0:10".');
  }
  // Parse the slice before any request, so a typo costs nothing.
  const selection = typeof args.values.slice === 'string' ? parseSliceText(args.values.slice) : undefined;
  const { file, fragment } = await openArchiveHdf5(archiveFromArgs(args, io), target);
  try {
    const path = datasetArg ?? fragment;
    if (path === undefined) throw new InvalidInputError('Name the dataset to print, e.g. cat file.nwb /acquisition/data.');
    const read = await file.read(path, selection);
    if (args.values.json === true) {
      const out: Record<string, unknown> = { path, shape: read.shape, dtype: read.dtype, values: nestValues(read) };
      // Storage facts of the dataset (its B-tree was just read for the values, so this costs no extra fetch).
      const info = await file.dataset(path);
      if (info.fillValue !== undefined) out.fillValue = info.fillValue;
      if (info.storageSize !== undefined) out.storageSize = info.storageSize;
      if (args.values.stats === true) out.stats = statsJson(file.stats());
      io.stdout.write(`${JSON.stringify(out, bigintReplacer)}\n`);
    } else {
      io.stdout.write(renderValues(read));
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
  const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v, bigintReplacer));
  if (read.shape.length === 0) return `${text(nested)}\n`;
  const rowLength = read.shape[read.shape.length - 1]!;
  const flat = read.shape.length === 1 ? (nested as unknown[]) : (nested as unknown[]).flat(read.shape.length - 2);
  if (read.shape.length === 1) return flat.map((v) => `${text(v)}\n`).join('');
  return (flat as unknown[][]).map((row) => `${row.slice(0, rowLength).map(text).join('\t')}\n`).join('');
}
