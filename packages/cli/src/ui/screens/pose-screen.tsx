// Pose screen: keypoints and their metrics for one individual at a time, with x over time as a sparkline.
import { useState } from 'react';
import { Box } from 'ink';
import { AsyncBody } from '../components/async-body.js';
import { Header } from '../components/header.js';
import { PoseMetricsTable } from '../components/pose-metrics-table.js';
import { clampCursor, movedCursor } from '../components/scroll-window.js';
import { formatCount } from '../components/units.js';
import type { ExplorerFile } from '../data.js';
import { usePose } from '../hooks/use-pose.js';
import { useKeys } from '../hooks/use-keys.js';
import { useScrollWindow } from '../hooks/use-scroll-window.js';

/** Props of the pose screen. */
export interface PoseScreenProps {
  file: ExplorerFile;
  active: boolean;
  width: number;
  height: number;
  onBack(): void;
}

/** Per-keypoint metrics of a pose file; [ and ] switch individuals, c switches cameras (ndx-pose containers). */
export function PoseScreen({ file, active, width, height, onBack }: PoseScreenProps) {
  const [attempt, setAttempt] = useState(0);
  const [container, setContainer] = useState<string | undefined>(undefined);
  const pose = usePose(file, container, attempt);
  const [individual, setIndividual] = useState(0);
  const [cursorRaw, setCursor] = useState(0);
  const count = pose.value?.keypoints.length ?? 0;
  const cursor = clampCursor(cursorRaw, count);
  const bodyHeight = Math.max(4, height - 3);
  const window = useScrollWindow(count, cursor, bodyHeight - 3);
  const individuals = pose.value?.individuals.length ?? 0;

  useKeys(
    'pose',
    (action) => {
      const moved = movedCursor(action, cursor, count, bodyHeight);
      if (moved !== undefined) return setCursor(moved);
      switch (action) {
        case 'prevIndividual':
          return setIndividual((i) => (individuals > 0 ? (i - 1 + individuals) % individuals : 0));
        case 'nextIndividual':
          return setIndividual((i) => (individuals > 0 ? (i + 1) % individuals : 0));
        case 'nextContainer': {
          const shown = pose.value;
          if (!shown || shown.containers.length < 2) return;
          const next = shown.containers[(shown.containers.indexOf(shown.container ?? '') + 1) % shown.containers.length];
          setIndividual(0);
          setCursor(0);
          return setContainer(next);
        }
        case 'retry':
          if (pose.error) setAttempt((a) => a + 1);
          return;
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
      <Header title="Pose" location={file.uri} detail={pose.value ? `${formatCount(pose.value.keypoints.length, 'keypoint')} · ${formatCount(pose.value.individuals.length, 'individual')}` : 'pose estimation'} width={width} />
      <AsyncBody state={pose} loadingLabel={container ? `Reading pose data of ${container}…` : 'Reading pose data…'}>
        {(value) => <PoseMetricsTable pose={value} individual={individual} cursor={cursor} start={window.start} height={bodyHeight} width={width} />}
      </AsyncBody>
    </Box>
  );
}
