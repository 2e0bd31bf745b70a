// NWB screen: the summary of an NWB file that the file screen has open.
import { useState } from 'react';
import { Box } from 'ink';
import type { ExplorerFile } from '../data.js';
import { AsyncBody } from '../components/async-body.js';
import { Header } from '../components/header.js';
import { NwbSummaryView, summaryLines } from '../components/nwb-summary-view.js';
import { movedCursor } from '../components/scroll-window.js';
import { useKeys } from '../hooks/use-keys.js';
import { useNwbSummary } from '../hooks/use-nwb-summary.js';

/** Props of the NWB screen. */
export interface NwbScreenProps {
  file: ExplorerFile;
  active: boolean;
  width: number;
  height: number;
  onBack(): void;
  onPose(file: ExplorerFile): void;
}

/** Session, subject and contents of an NWB file, scrolled with ↑/↓. */
export function NwbScreen({ file, active, width, height, onBack, onPose }: NwbScreenProps) {
  const [attempt, setAttempt] = useState(0);
  const summary = useNwbSummary(file, attempt);
  const [start, setStart] = useState(0);
  const bodyHeight = Math.max(3, height - 3);
  const lineCount = summary.value ? summaryLines(summary.value).length : 0;
  const maxStart = Math.max(0, lineCount - bodyHeight);

  useKeys(
    'nwb',
    (action) => {
      // The first line shown moves like a cursor over the maxStart + 1 places it can be.
      const moved = movedCursor(action, start, maxStart + 1, bodyHeight);
      if (moved !== undefined) return setStart(moved);
      switch (action) {
        case 'retry':
          if (summary.error) setAttempt((a) => a + 1);
          return;
        case 'pose':
          return onPose(file);
        case 'back':
          return onBack();
        default:
          return;
      }
    },
    active,
  );

  return (
    <Box flexDirection="column">
      <Header
        title="NWB"
        location={file.uri}
        detail={
          lineCount > bodyHeight
            ? `lines ${start + 1}-${Math.min(lineCount, start + bodyHeight)} of ${lineCount}`
            : 'NWB summary'
        }
        width={width}
      />
      <AsyncBody state={summary} loadingLabel="Reading the NWB summary…">
        {(value) => <NwbSummaryView summary={value} start={start} height={bodyHeight} width={width} />}
      </AsyncBody>
    </Box>
  );
}
