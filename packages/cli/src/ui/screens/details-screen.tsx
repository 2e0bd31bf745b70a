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
import type { FileInfo } from '@ember-archive/core';
import { formatBytes } from '../components/units.js';

/** Props of the details screen. */
export interface DetailsScreenProps {
  uri: string;
  /** The explorer's info: size, digests, asset metadata and web links. */
  info(uri: string): Promise<FileInfo>;
  active: boolean;
  width: number;
  height: number;
  onBack(): void;
}

/** One labelled value of the details. */
export interface DetailField {
  label: string;
  value: string;
}

/** The lines of a details view: section headings, then label and value per line. */
export function detailLines(info: FileInfo): { heading?: string; field?: DetailField }[] {
  const file: DetailField[] = [];
  if (info.size !== undefined)
    file.push({ label: 'size', value: `${formatBytes(info.size)} (${info.size.toLocaleString('en-US')} bytes)` });
  if (info.contentType) file.push({ label: 'type', value: info.contentType });
  file.push(
    info.location.kind === 'local'
      ? { label: 'path', value: info.location.path }
      : { label: 'url', value: info.location.url },
  );
  const asset = info.asset;
  if (asset) {
    file.push({ label: 'asset', value: asset.assetId });
    if (asset.dandisetId) file.push({ label: 'dandiset', value: `${asset.dandisetId}@${asset.version ?? 'draft'}` });
    file.push({ label: 'path', value: asset.path });
    if (asset.encodingFormat) file.push({ label: 'format', value: asset.encodingFormat });
    if (asset.metadata.dateModified) file.push({ label: 'modified', value: asset.metadata.dateModified });
    if (asset.metadata.accessStatus) file.push({ label: 'access', value: asset.metadata.accessStatus });
    if (asset.embargoed) file.push({ label: 'embargoed', value: 'yes: its bytes need your DANDI API key' });
  }
  const digests: DetailField[] = Object.entries(info.digests).map(([label, value]) => ({ label, value }));
  if (info.etag && digests.length === 0) digests.push({ label: 'S3 ETag', value: info.etag });
  const links = info.links.map((link) => ({ label: link.label, value: link.url }));
  const section = (heading: string, fields: DetailField[]) =>
    fields.length > 0 ? [{ heading }, ...fields.map((field) => ({ field }))] : [];
  return [...section('File', file), ...section('Digests', digests), ...section('Open on the web', links)];
}

/** A file's metadata, digests and web links; links are printed whole so the terminal can make them clickable. */
export function DetailsScreen({ uri, info, active, width, height, onBack }: DetailsScreenProps) {
  const [attempt, setAttempt] = useState(0);
  const details = useAsync(uri, () => info(uri), 0, attempt);
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
