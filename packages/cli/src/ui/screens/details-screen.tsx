// Details screen (`i` on a file): what the archive knows of it (size, type, asset id, dandiset and version,
// dates, access), its digests, and the links that open it in the DANDI web browser and Neurosift.
import { useState } from 'react';
import { Box, Text } from 'ink';
import { AsyncBody } from '../components/async-body.js';
import { Header } from '../components/header.js';
import { terminalSafe } from '../components/terminal-text.js';
import { truncate } from '../components/units.js';
import { useAsync } from '../hooks/use-async.js';
import { useKeys } from '../hooks/use-keys.js';
import type { DetailField, FileDetails, UiServices } from '../services/ui-services.js';

/** Props of the details screen. */
export interface DetailsScreenProps {
  uri: string;
  services: Pick<UiServices, 'details'>;
  active: boolean;
  width: number;
  height: number;
  onBack(): void;
}

/** The lines of a details view: section headings, then label and value per line. */
export function detailLines(details: FileDetails): { heading?: string; field?: DetailField }[] {
  const section = (heading: string, fields: DetailField[]) =>
    fields.length > 0 ? [{ heading }, ...fields.map((field) => ({ field }))] : [];
  return [
    ...section('File', details.fields),
    ...section('Digests', details.digests),
    ...section('Open on the web', details.links),
  ];
}

/** A file's metadata, digests and web links; links are printed whole so the terminal can make them clickable. */
export function DetailsScreen({ uri, services, active, width, height, onBack }: DetailsScreenProps) {
  const [attempt, setAttempt] = useState(0);
  const details = useAsync(uri, () => services.details(uri), 0, attempt);
  useKeys(
    'details',
    (action) => {
      if (action === 'back') onBack();
      if (action === 'retry' && details.error) setAttempt((a) => a + 1);
    },
    active,
  );
  return (
    <Box flexDirection="column">
      <Header title="Details" location={uri} detail="metadata, digests and web links" width={width} />
      <AsyncBody state={details} loadingLabel="Reading the file's metadata…">
        {(value) => {
          const lines = detailLines(value).slice(0, Math.max(1, height - 2));
          const labelWidth = Math.min(16, Math.max(...lines.map((l) => (l.field ? l.field.label.length + 2 : 0))));
          return (
            <Box flexDirection="column">
              {lines.map((line, i) =>
                line.heading ? (
                  <Text key={i} bold color="cyan">
                    {line.heading}
                  </Text>
                ) : line.field?.value.startsWith('http') ? (
                  // A URL is never cut: a cut link opens the wrong page. It wraps instead.
                  <Text key={i}>
                    <Text dimColor>{`  ${truncate(line.field.label, labelWidth - 1).padEnd(labelWidth)}`}</Text>
                    {terminalSafe(line.field.value)}
                  </Text>
                ) : (
                  <Text key={i} wrap="truncate-end">
                    <Text dimColor>{`  ${truncate(line.field?.label ?? '', labelWidth - 1).padEnd(labelWidth)}`}</Text>
                    {truncate(line.field?.value ?? '', Math.max(8, width - labelWidth - 2))}
                  </Text>
                ),
              )}
            </Box>
          );
        }}
      </AsyncBody>
    </Box>
  );
}
