// `ember-archive download <target...>`: plan the files the targets name, show the plan (--dry-run), or fetch them
// verified into --dest with progress as Ink bars (TTY) or NDJSON events (--json).
import { InvalidInputError } from '@ember-archive/core';
import {
  DIGEST_PREFERENCES,
  downloadItems,
  planDownloads,
  summarizePlan,
  type DigestPreference,
  type DownloadEvent,
  type DownloadReport,
  type PlanSummary,
} from '@ember-archive/core/node';
import { formatBytes, formatCount } from '../ui/components/units.js';
import type { DownloadEventSource } from '../ui/hooks/use-download-progress.js';
import { archiveFromArgs } from './archive-from-args.js';
import type { Command, CommandArgs, CommandIo } from './command.js';

/** The `download` subcommand. */
export const downloadCommand: Command = {
  name: 'download',
  summary: 'Download files, folders or dandisets, verified and resumable',
  usage:
    'download <target...> [--dest DIR] [--jobs N] [--include GLOB] [--exclude GLOB] [--digest auto|sha2-256|dandi-etag] [--dry-run] [--json]',
  options: {
    dest: { type: 'string', short: 'o', default: '.' },
    jobs: { type: 'string', short: 'j' },
    include: { type: 'string', multiple: true },
    exclude: { type: 'string', multiple: true },
    digest: { type: 'string', default: 'auto' },
    'dry-run': { type: 'boolean', default: false },
  },
  run: runDownload,
};

async function runDownload(args: CommandArgs, io: CommandIo): Promise<number> {
  const { values } = args;
  const json = values.json === true;
  const dest = String(values.dest ?? '.');
  const jobs = parseJobs(values.jobs);
  const digest = parseDigest(values.digest);
  const archive = archiveFromArgs(args, io);
  const controller = new AbortController();
  const onSignal = () => controller.abort(new InterruptedError());
  process.once('SIGINT', onSignal);
  try {
    const items = await planDownloads(archive, args.positionals, {
      include: stringList(values.include),
      exclude: stringList(values.exclude),
      signal: controller.signal,
    });
    const plan = await summarizePlan(items, dest, { digest });
    if (values['dry-run'] === true) {
      io.stdout.write(json ? `${JSON.stringify({ plan })}\n` : formatPlan(plan, dest));
      return 0;
    }
    if (!json) io.stderr.write(planLine(plan, dest));
    const report = await runWithProgress(io, json, (onEvent) =>
      downloadItems(items, {
        dest,
        ...(jobs ? { jobs } : {}),
        digest,
        verifiedPresent: presentPaths(plan),
        signal: controller.signal,
        onEvent,
      }),
    );
    for (const outcome of report.outcomes) {
      if (outcome.status === 'failed') {
        io.stderr.write(
          json
            ? `${JSON.stringify({ error: { code: outcome.errorCode, path: outcome.path, message: outcome.error } })}\n`
            : `ember-archive: failed ${outcome.path}: ${outcome.error}\n`,
        );
      }
    }
    if (!json) io.stderr.write(`${summaryLine(report)}\n`);
    return report.failed > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof InterruptedError) {
      io.stderr.write('ember-archive: interrupted; partial files are kept, run the same command again to resume.\n');
      return 130;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
  }
}

class InterruptedError extends Error {
  constructor() {
    super('interrupted');
  }
}

/** Run the download, sending events to Ink bars (TTY), NDJSON lines (--json), or nowhere but the summary. */
async function runWithProgress(
  io: CommandIo,
  json: boolean,
  start: (onEvent: (event: DownloadEvent) => void) => Promise<DownloadReport>,
): Promise<DownloadReport> {
  if (json) return start((event) => io.stdout.write(`${JSON.stringify(event)}\n`));
  if (!io.stderr.isTTY) return start(() => undefined);
  // Ink and React load only for a terminal: about 0.3 s of start-up that scripts and pipes should not pay.
  const [{ createElement }, { render }, { DownloadProgress }, { useDownloadProgress }] = await Promise.all([
    import('react'),
    import('ink'),
    import('../ui/components/download-progress.js'),
    import('../ui/hooks/use-download-progress.js'),
  ]);
  // Events that arrive before the view has subscribed (React runs effects after the first render) are held and
  // replayed, so the bars never miss the start of the run.
  const listeners = new Set<(event: DownloadEvent) => void>();
  let early: DownloadEvent[] | undefined = [];
  const source: DownloadEventSource = (listener) => {
    listeners.add(listener);
    for (const event of early ?? []) listener(event);
    early = undefined;
    return () => listeners.delete(listener);
  };
  const width = (io.stderr as NodeJS.WriteStream).columns || 80;
  const ProgressApp = () =>
    createElement(DownloadProgress, { progress: useDownloadProgress(source), width: width - 1 });
  const app = render(createElement(ProgressApp), {
    stdout: io.stderr as NodeJS.WriteStream,
    patchConsole: false,
    exitOnCtrlC: false,
  });
  try {
    return await start((event) => {
      if (early) early.push(event);
      for (const listener of listeners) listener(event);
    });
  } finally {
    // Let the last batch of events render, so the final frame shows the finished bars.
    await new Promise((resolve) => setTimeout(resolve, 150));
    app.unmount();
    await app.waitUntilExit();
  }
}

/** Files the plan summary has just digested: the download need not read them again. */
function presentPaths(plan: PlanSummary): Set<string> {
  return new Set(plan.items.filter((item) => item.state === 'present').map((item) => item.path));
}

function parseJobs(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64)
    throw new InvalidInputError(`--jobs must be a whole number from 1 to 64, not "${String(value)}".`, String(value));
  return jobs;
}

/** Which digest to verify when a file has both (`auto`: the cheaper, SHA-256; see chooseDigest in core). */
function parseDigest(value: unknown): DigestPreference {
  const digest = DIGEST_PREFERENCES.find((d) => d === value);
  if (!digest)
    throw new InvalidInputError(
      `--digest must be one of ${DIGEST_PREFERENCES.join(', ')}, not "${String(value)}".`,
      String(value),
    );
  return digest;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? [value]
      : [];
}

function planLine(plan: PlanSummary, dest: string): string {
  const parts = [`${formatCount(plan.files, 'file')}, ${formatBytes(plan.totalBytes)} to ${dest}`];
  if (plan.present > 0) parts.push(`${plan.present} already present (${formatBytes(plan.presentBytes)})`);
  if (plan.partial > 0) parts.push(`${plan.partial} partial (${formatBytes(plan.partialBytes)} to resume from)`);
  parts.push(`${formatBytes(plan.bytesToFetch)} to fetch`);
  return `${parts.join('; ')}\n`;
}

function formatPlan(plan: PlanSummary, dest: string): string {
  const width = Math.max(4, ...plan.items.map((i) => i.path.length));
  const rows = plan.items.map(
    (i) =>
      `${i.state.padEnd(9)} ${formatBytes(i.size).padStart(8)}  ${i.path.padEnd(width)}${i.reason ? `  (${i.reason})` : ''}`,
  );
  return `${rows.join('\n')}${rows.length ? '\n' : ''}${planLine(plan, dest)}`;
}

function summaryLine(report: DownloadReport): string {
  const seconds = report.elapsedMs / 1000;
  const rate = seconds > 0 ? `, ${formatBytes(report.fetchedBytes / seconds)}/s` : '';
  const failed = report.failed > 0 ? `, ${report.failed} failed` : '';
  return `${report.downloaded} downloaded, ${report.skipped} already present${failed}; fetched ${formatBytes(report.fetchedBytes)} in ${seconds.toFixed(1)} s${rate}.`;
}
