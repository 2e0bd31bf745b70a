// `ember-archive ls [target] [--json]`: one level of a folder listing, the same over the EMBER root (bucket projects
// and dandisets side by side), bucket prefixes, dandiset folders and local folders. Pages stream as they arrive.
import type { ArchiveEntry } from '@ember-archive/core';
import { listingHeader, listingJson, listingRows, listingTsv } from '../output/listing-table.js';
import { archiveFromArgs } from './archive-from-args.js';
import { targetOf, type Command, type CommandArgs, type CommandIo } from './command.js';

/** The `ls` subcommand. */
export const lsCommand: Command = {
  name: 'ls',
  summary: 'List the EMBER projects and dandisets, or one folder of a bucket, dandiset or local path',
  usage: 'ls [target] [--json] [--api URL] [--s3-endpoint URL]',
  options: {},
  run: runLs,
};

async function runLs(args: CommandArgs, io: CommandIo): Promise<number> {
  const input = targetOf(args, 'ls', 'optional');
  const archive = archiveFromArgs(args, io);
  const target = archive.parse(input ?? '');
  const pages = archive.listEntries(target);
  const json = args.values.json === true;
  const tty = io.stdout.isTTY === true;

  // Nothing is written before the first page arrives, so a bad target leaves stdout empty (just the error).
  let first = true;
  let count = 0;
  for await (const page of pages) {
    if (first) {
      if (json) io.stdout.write('[');
      else if (tty) io.stdout.write(listingHeader());
    }
    if (json) io.stdout.write(jsonItems(page, count === 0));
    else io.stdout.write(tty ? listingRows(page) : listingTsv(page));
    count += page.length;
    first = false;
  }
  if (json) io.stdout.write(first ? '[]\n' : '\n]\n');
  else if (tty && count === 0) io.stdout.write('(empty)\n');
  return 0;
}

function jsonItems(page: readonly ArchiveEntry[], atStart: boolean): string {
  return page.map((entry, i) => `${atStart && i === 0 ? '\n' : ',\n'}  ${JSON.stringify(listingJson(entry))}`).join('');
}
