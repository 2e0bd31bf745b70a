// `ember-archive ls [target] [--json]`: one level of a folder listing, the same over the EMBER root (bucket projects
// and dandisets side by side), bucket prefixes, dandiset folders and local folders. Pages stream as they arrive.
import type { Explorer, ListingEntry } from '@ember-archive/core';
import { listingHeader, listingJson, listingRows, listingTsv } from '../output/listing-table.js';
import { targetOf, type Command, type CommandArgs, type CommandIo } from './command.js';
import { explorerFromArgs } from './open-file-target.js';

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
  const explorer = explorerFromArgs(args, io);
  // Parsed first, so a bad identifier fails before anything is listed.
  explorer.archive.parse(input ?? '');
  const json = args.values.json === true;
  const tty = io.stdout.isTTY === true;

  // Nothing is written before the first page arrives, so a bad target leaves stdout empty (just the error).
  let first = true;
  let count = 0;
  for await (const page of listingPages(explorer, input)) {
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

// The explorer's pages one after the other, each fetched when the last one is written.
async function* listingPages(explorer: Explorer, uri: string | undefined): AsyncGenerator<ListingEntry[]> {
  let cursor: string | undefined;
  do {
    const page = await explorer.listPage(uri, cursor);
    yield page.entries;
    cursor = page.next;
  } while (cursor !== undefined);
}

function jsonItems(page: readonly ListingEntry[], atStart: boolean): string {
  return page.map((entry, i) => `${atStart && i === 0 ? '\n' : ',\n'}  ${JSON.stringify(listingJson(entry))}`).join('');
}
