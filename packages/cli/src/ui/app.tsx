// The terminal UI: a stack of screens (browse folders → open a file → its NWB summary or pose), one key map
// shown in the footer, `?` for help and `q` to quit. Screens below the top stay mounted but hidden, so going
// back returns to the same folder, cursor and loaded pages without reading them again.
import { useCallback, useRef, useState } from 'react';
import { Box, useApp, useInput } from 'ink';
import { isHdf5Name, useExplorer, type ExplorerFile } from './data.js';
import { actionFor, bindingsFor, type ScreenKind } from './keys.js';
import { Footer } from './components/footer.js';
import { HelpView } from './components/help-view.js';
import { keyChunks } from './hooks/use-keys.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { BrowserScreen } from './screens/browser-screen.js';
import { FileScreen } from './screens/file-screen.js';
import { NwbScreen } from './screens/nwb-screen.js';
import { DetailsScreen } from './screens/details-screen.js';
import { DownloadScreen } from './screens/download-screen.js';
import { PoseChartScreen, PoseEntryScreen } from './screens/pose-chart-screen.js';
import { useUiServices } from './services/ui-services.js';
import { TextEntryProvider } from './text-entry.js';

/** One screen on the stack. */
export type ScreenEntry =
  | { kind: 'browser'; uri: string | undefined; select?: string }
  | { kind: 'file'; uri: string }
  | { kind: 'nwb'; uri: string; file: ExplorerFile }
  | { kind: 'pose'; uri: string; file?: ExplorerFile }
  | { kind: 'download'; uri: string }
  | { kind: 'details'; uri: string };

/** Props of the app. */
export interface AppProps {
  /** What to show first: a folder, a file, or undefined for the archive root. */
  initialTarget?: string;
  /** Override the terminal size (tests). */
  size?: { columns: number; rows: number };
  /** Ask the terminal for mouse wheel events on the chart (a real terminal; not in tests). */
  mouse?: boolean;
}

/** The first screen for a target: files open in the file screen, everything else in the browser. */
export function initialScreen(target: string | undefined): ScreenEntry {
  if (target !== undefined && !target.endsWith('/') && isHdf5Name(target.split('#')[0] ?? target))
    return { kind: 'file', uri: target };
  return { kind: 'browser', uri: target };
}

/** The whole terminal UI. */
export function App({ initialTarget, size, mouse = false }: AppProps) {
  const data = useExplorer();
  const services = useUiServices();
  const { exit } = useApp();
  const [destination, setDestination] = useState<string | undefined>(undefined);
  // While a prompt takes the keyboard, q and ? are text.
  const typing = useRef(false);
  const setTyping = useCallback((value: boolean) => {
    typing.current = value;
  }, []);
  const terminal = useTerminalSize();
  const { columns, rows } = size ?? terminal;
  const [stack, setStack] = useState<ScreenEntry[]>(() => [initialScreen(initialTarget)]);
  const [help, setHelp] = useState(false);
  const top = stack[stack.length - 1] ?? { kind: 'browser', uri: undefined };
  const screen: ScreenKind = top.kind;
  // One line for the footer, and Ink redraws the whole screen when its output reaches the terminal's last row.
  const height = Math.max(6, rows - 2);
  const width = Math.max(40, columns - 1);

  const [helpStart, setHelpStart] = useState(0);
  useInput((input, key) => {
    if (typing.current) return;
    for (const char of keyChunks(input)) {
      const action = actionFor(screen, char, key);
      if (action === 'quit') return exit();
      if (action === 'help') {
        setHelp((h) => !h);
        setHelpStart(0);
      } else if (help && (action === 'down' || action === 'pageDown'))
        setHelpStart((s) => s + (action === 'down' ? 1 : height - 2));
      else if (help && (action === 'up' || action === 'pageUp'))
        setHelpStart((s) => Math.max(0, s - (action === 'up' ? 1 : height - 2)));
      else if (key.escape || key.backspace || key.delete) setHelp(false);
    }
  });

  const push = (entry: ScreenEntry) => setStack((s) => [...s, entry]);
  const pop = () =>
    setStack((s) => {
      if (s.length > 1) return s.slice(0, -1);
      // At the bottom of the stack, "up" lists the parent folder of where the UI started.
      const bottom = s[0];
      const parent = bottom && bottom.uri !== undefined ? data.parent(bottom.uri) : null;
      return parent === null || !bottom
        ? s
        : [{ kind: 'browser', uri: parent, select: bottom.uri?.split('#')[0] ?? '' }];
    });

  return (
    <TextEntryProvider value={setTyping}>
      <Box flexDirection="column" width={width}>
        {help ? (
          <Box height={height} flexDirection="column" overflow="hidden">
            <HelpView screen={screen} height={height} width={width} start={helpStart} />
          </Box>
        ) : null}
        {stack.map((entry, index) => {
          const isTop = index === stack.length - 1;
          const active = isTop && !help;
          const key = `${index}:${entry.kind}:${entry.uri ?? ''}`;
          return (
            <Box
              key={key}
              display={isTop && !help ? 'flex' : 'none'}
              height={height}
              flexDirection="column"
              overflow="hidden"
            >
              {entry.kind === 'browser' ? (
                <BrowserScreen
                  uri={entry.uri}
                  {...(entry.select !== undefined ? { initialSelection: entry.select } : {})}
                  rootLabel={data.rootLabel}
                  active={active}
                  width={width}
                  height={height}
                  onOpenFolder={(e) => push({ kind: 'browser', uri: e.uri })}
                  onOpenFile={(e) => push({ kind: 'file', uri: e.uri })}
                  onBack={pop}
                  onDetails={(e) => push({ kind: 'details', uri: e.uri })}
                  {...(services
                    ? {
                        onDownload: (e: { uri: string }) => push({ kind: 'download', uri: e.uri }),
                        onPose: (e: { uri: string }) => push({ kind: 'pose', uri: e.uri }),
                        search: services.searchDandisets,
                      }
                    : {})}
                />
              ) : entry.kind === 'file' ? (
                <FileScreen
                  uri={entry.uri}
                  active={active}
                  width={width}
                  height={height}
                  onBack={pop}
                  onNwb={(file) => push({ kind: 'nwb', uri: entry.uri, file })}
                  onPose={(file) => push({ kind: 'pose', uri: entry.uri, file })}
                  {...(services
                    ? { onDownload: () => push({ kind: 'download', uri: entry.uri.split('#')[0] ?? entry.uri }) }
                    : {})}
                />
              ) : entry.kind === 'nwb' ? (
                <NwbScreen
                  file={entry.file}
                  active={active}
                  width={width}
                  height={height}
                  onBack={pop}
                  onPose={(file) => push({ kind: 'pose', uri: entry.uri, file })}
                />
              ) : entry.kind === 'download' ? (
                services ? (
                  <DownloadScreen
                    uri={entry.uri}
                    services={services}
                    destination={destination}
                    onDestination={setDestination}
                    active={active}
                    width={width}
                    height={height}
                    onBack={pop}
                  />
                ) : null
              ) : entry.kind === 'details' ? (
                <DetailsScreen
                  uri={entry.uri}
                  info={(uri) => data.info(uri)}
                  active={active}
                  width={width}
                  height={height}
                  onBack={pop}
                />
              ) : entry.file ? (
                <PoseChartScreen
                  file={entry.file}
                  mouse={mouse}
                  active={active}
                  width={width}
                  height={height}
                  onBack={pop}
                />
              ) : (
                <PoseEntryScreen
                  uri={entry.uri}
                  open={(uri) => data.open(uri)}
                  mouse={mouse}
                  active={active}
                  width={width}
                  height={height}
                  onBack={pop}
                />
              )}
            </Box>
          );
        })}
        <Footer bindings={bindingsFor(screen, true)} />
      </Box>
    </TextEntryProvider>
  );
}
