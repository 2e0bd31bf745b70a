// `ember-archive nwb <target> [--json]`: what an NWB file holds (session, subject, devices, typed children of
// acquisition / processing / intervals / stimulus / analysis, cached namespaces), read by ranges from its metadata.
import { stringifyJson } from '@ember-archive/core';
import { nwbSummaryText } from '../output/nwb-text.js';
import type { Command, CommandArgs, CommandIo } from './command.js';
import { openFileTarget } from './open-file-target.js';

/** The `nwb` subcommand. */
export const nwbCommand: Command = {
  name: 'nwb',
  summary: 'Summarise an NWB file: session, subject, devices, acquisition, processing, intervals, namespaces',
  usage: 'nwb <target> [--json] [--api URL] [--s3-endpoint URL]',
  options: {},
  run: runNwb,
};

async function runNwb(args: CommandArgs, io: CommandIo): Promise<number> {
  const { file } = await openFileTarget(args, io, 'nwb');
  try {
    const summary = await file.readNwbSummary();
    io.stdout.write(args.values.json === true ? `${stringifyJson(summary, 2)}\n` : nwbSummaryText(summary));
    return 0;
  } finally {
    await file.close();
  }
}
