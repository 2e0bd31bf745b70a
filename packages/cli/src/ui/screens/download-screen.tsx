// Download screen: the file or folder under the cursor fetched through core's download engine (the `download`
// command's), with a bar for the whole run and one per file in flight. The destination is asked once per session;
// x cancels (partial files and their resume state stay on disk), r resumes from where the bytes stopped.
import { useEffect, useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import type { DownloadEvent, DownloadReport } from '@ember-archive/core/node';
import { DownloadProgress } from '../components/download-progress.js';
import { ErrorLine } from '../components/error-line.js';
import { Header } from '../components/header.js';
import { TextPrompt } from '../components/text-prompt.js';
import { formatBytes, formatCount } from '../components/units.js';
import { toFailure } from '../hooks/failure.js';
import { useDownloadProgress, type DownloadEventSource } from '../hooks/use-download-progress.js';
import { useKeys } from '../hooks/use-keys.js';
import type { UiServices } from '../services/ui-services.js';

/** Props of the download screen. */
export interface DownloadScreenProps {
  /** What to download: a file or folder identifier. */
  uri: string;
  services: UiServices;
  /** The folder chosen earlier in this session; undefined: ask. */
  destination: string | undefined;
  onDestination(dest: string): void;
  active: boolean;
  width: number;
  height: number;
  onBack(): void;
}

/** Where a run stands. */
type Phase =
  | { kind: 'running' }
  | { kind: 'cancelled' }
  | { kind: 'done'; report: DownloadReport }
  | { kind: 'failed'; message: string };

class DownloadCancelled extends Error {
  constructor() {
    super('The download was cancelled; partial files are kept for resuming.');
  }
}

/** Ask for the destination once, then download `uri` into it with progress bars, cancel and resume. */
export function DownloadScreen({
  uri,
  services,
  destination,
  onDestination,
  active,
  width,
  height,
  onBack,
}: DownloadScreenProps) {
  const [draft, setDraft] = useState(destination ?? services.defaultDestination);
  const [run, setRun] = useState(0);
  const [phase, setPhase] = useState<Phase>({ kind: 'running' });
  const asking = destination === undefined;
  const controller = useMemo(() => new AbortController(), [run, destination]);

  useKeys(
    'download',
    (action) => {
      switch (action) {
        case 'cancel':
          if (phase.kind === 'running') controller.abort(new DownloadCancelled());
          return;
        case 'retry':
          if (phase.kind === 'running') return;
          setPhase({ kind: 'running' });
          return setRun((r) => r + 1);
        case 'back':
          // Leaving stops the run; what is on disk stays for the next one.
          if (phase.kind === 'running') controller.abort(new DownloadCancelled());
          return onBack();
        default:
          return;
      }
    },
    active && !asking,
  );

  return (
    <Box flexDirection="column">
      <Header
        title="Download"
        location={uri}
        detail={destination ? `into ${destination}` : 'choose where the files go'}
        width={width}
      />
      {asking ? (
        <Box flexDirection="column">
          <TextPrompt
            label="Download into folder:"
            value={draft}
            active={active}
            width={width}
            onChange={setDraft}
            onSubmit={(value) => onDestination(value.trim() || services.defaultDestination)}
            onCancel={onBack}
          />
          <Text dimColor>
            ⏎ start · esc back · asked once per session; files already there and verified are skipped
          </Text>
        </Box>
      ) : (
        <DownloadRun
          key={run}
          uri={uri}
          dest={destination}
          services={services}
          signal={controller.signal}
          width={width}
          height={height - 2}
          phase={phase}
          onFinished={setPhase}
        />
      )}
    </Box>
  );
}

/** One run of the engine: started on mount, its events turned into bars. */
function DownloadRun(props: {
  uri: string;
  dest: string;
  services: UiServices;
  signal: AbortSignal;
  width: number;
  height: number;
  phase: Phase;
  onFinished(phase: Phase): void;
}) {
  const { uri, dest, services, signal, onFinished, phase } = props;
  // Events that arrive before the progress hook subscribes (effects run after the first render) are replayed.
  const channel = useMemo(() => eventChannel(), []);
  const progress = useDownloadProgress(channel.source);
  useEffect(() => {
    let current = true;
    services.download([uri], dest, channel.emit, signal).then(
      (report) => current && onFinished({ kind: 'done', report }),
      (error: unknown) => {
        if (!current) return;
        if (signal.aborted) onFinished({ kind: 'cancelled' });
        else onFinished({ kind: 'failed', message: toFailure(error).message });
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return (
    <Box flexDirection="column">
      <DownloadProgress progress={progress} width={props.width} maxFiles={Math.max(1, props.height - 4)} />
      {phase.kind === 'running' ? <Text dimColor>x cancel · esc back (stops the download)</Text> : null}
      {phase.kind === 'cancelled' ? (
        <Text color="yellow">Cancelled; partial files are kept. r resumes where they stopped · esc back</Text>
      ) : null}
      {phase.kind === 'failed' ? <ErrorLine message={phase.message} retryable /> : null}
      {phase.kind === 'done' ? (
        <Text color={phase.report.failed > 0 ? 'red' : 'green'}>
          {`Done: ${formatCount(phase.report.downloaded, 'file')} downloaded (${formatBytes(phase.report.fetchedBytes)}), ${phase.report.skipped} already there${phase.report.failed > 0 ? `, ${phase.report.failed} failed (r to retry)` : ''} · esc back`}
        </Text>
      ) : null}
    </Box>
  );
}

/** A source for useDownloadProgress fed by `emit`, holding events until the first listener subscribes. */
export function eventChannel(): { source: DownloadEventSource; emit(event: DownloadEvent): void } {
  const listeners = new Set<(event: DownloadEvent) => void>();
  let early: DownloadEvent[] | undefined = [];
  return {
    source: (listener) => {
      listeners.add(listener);
      for (const event of early ?? []) listener(event);
      early = undefined;
      return () => listeners.delete(listener);
    },
    emit: (event) => {
      if (early) early.push(event);
      for (const listener of listeners) listener(event);
    },
  };
}
