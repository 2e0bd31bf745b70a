// Download progress bars: one for the whole plan, one per file in flight, then the failures, one line each.
// A pure view of DownloadProgressState, so the `download` command and the terminal UI render it the same way.
import { Box, Text } from 'ink';
import type { ActiveFile, DownloadProgressState } from '../hooks/use-download-progress.js';
import { terminalSafe } from './terminal-text.js';
import { formatBytes, formatCount, truncate } from './units.js';

/** Props of the download progress view. */
export interface DownloadProgressProps {
  progress: DownloadProgressState;
  width: number;
  /** Most file rows shown; the rest are counted. */
  maxFiles?: number;
}

/** A bar of `width` cells filled to `fraction`. */
export function progressBar(fraction: number, width: number): string {
  const cells = Math.max(1, width);
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * cells);
  return '█'.repeat(filled) + '░'.repeat(cells - filled);
}

function Row({
  label,
  bytes,
  size,
  width,
  note,
}: {
  label: string;
  bytes: number;
  size: number;
  width: number;
  note?: string | undefined;
}) {
  const fraction = size === 0 ? 1 : bytes / size;
  const amount = `${formatBytes(bytes)} / ${formatBytes(size)}`;
  const labelWidth = Math.max(10, Math.floor(width * 0.35));
  const shownNote = note ? truncate(note, Math.max(8, Math.floor(width * 0.25))) : '';
  const barWidth = Math.max(5, width - labelWidth - amount.length - shownNote.length - 9);
  return (
    <Text wrap="truncate-end">
      {truncate(label, labelWidth).padEnd(labelWidth)} {progressBar(fraction, barWidth)}{' '}
      {`${Math.floor(fraction * 100)}%`.padStart(4)} {amount}
      {shownNote ? <Text color="yellow"> {shownNote}</Text> : null}
    </Text>
  );
}

/** Time left as a person reads it: "45 s", "12 min", "2 h 05 min"; "—" when it cannot be known. */
export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  const hours = Math.floor(seconds / 3600);
  return `${hours} h ${String(Math.round((seconds - hours * 3600) / 60)).padStart(2, '0')} min`;
}

/** The progress of a download run. */
export function DownloadProgress({ progress, width, maxFiles = 8 }: DownloadProgressProps) {
  const seconds = Math.max(0.001, (progress.now - progress.startedAt) / 1000);
  const finished = progress.downloaded + progress.skipped + progress.failures.length;
  const shown = progress.active.slice(0, maxFiles);
  if (progress.files === 0 && !progress.finished) return <Text dimColor>starting…</Text>;
  return (
    <Box flexDirection="column">
      <Row
        label={`${finished}/${formatCount(progress.files, 'file')}`}
        bytes={progress.doneBytes}
        size={progress.totalBytes}
        width={width}
      />
      <Text dimColor wrap="truncate-end">{`  ${overallNote(progress, seconds)}`}</Text>
      {shown.map((file) => (
        <Row
          key={file.path}
          label={`  ${file.path}`}
          bytes={file.bytes}
          size={file.size}
          width={width}
          note={file.lastRetry ? `retry ${file.retries}: ${file.lastRetry}` : fileNote(file, progress.now)}
        />
      ))}
      {progress.active.length > shown.length ? (
        <Text dimColor>{`  … and ${progress.active.length - shown.length} more in flight`}</Text>
      ) : null}
      {progress.failures.map((failure) => (
        <Text key={failure.path} color="red" wrap="truncate-end">
          {terminalSafe(`failed ${failure.path}: ${failure.error ?? 'unknown error'}`)}
        </Text>
      ))}
    </Box>
  );
}

/** Speed and time left of the whole run (bytes already on disk when it started do not count as speed). */
function overallNote(progress: DownloadProgressState, seconds: number): string {
  const rate = progress.doneBytes / seconds;
  if (progress.finished) return `${formatBytes(rate)}/s`;
  return `${formatBytes(rate)}/s · ETA ${formatEta(rate > 0 ? (progress.totalBytes - progress.doneBytes) / rate : NaN)}`;
}

/** One file's speed and time left, from the bytes this run fetched of it. */
function fileNote(file: ActiveFile, now: number): string | undefined {
  const seconds = (now - file.startedAt) / 1000;
  const rate = seconds > 0 ? (file.bytes - file.resumed) / seconds : 0;
  if (!(rate > 0)) return undefined;
  return `${formatBytes(rate)}/s, ${formatEta((file.size - file.bytes) / rate)} left`;
}
