// The right-hand pane of the file screen: what a dataset is (shape, dtype, chunks, filters, size on disk), its
// attributes, and its first values; or a group's attributes.
import { Box, Text } from 'ink';
import { terminalSafe } from './terminal-text.js';
import type { DatasetSummary } from '../data.js';
import { formatAttrValue } from './attr-format.js';
import { formatBytes, formatShape, truncate } from './units.js';

/** Props of the details view. */
export interface DetailsViewProps {
  /** A dataset, or another object's path and attributes. */
  details:
    { kind: 'dataset'; summary: DatasetSummary } | { kind: 'other'; path: string; attrs: Record<string, unknown> };
  width: number;
  height: number;
}

function Field({ label, value, width }: { label: string; value: string; width: number }) {
  return (
    <Text wrap="truncate-end">
      <Text dimColor>{label.padEnd(9)}</Text>
      {truncate(value, Math.max(4, width - 9))}
    </Text>
  );
}

function Attributes({ attrs, width, max }: { attrs: Record<string, unknown>; width: number; max: number }) {
  const names = Object.keys(attrs);
  if (names.length === 0) return <Text dimColor>no attributes</Text>;
  const shown = names.slice(0, Math.max(1, max));
  const keyWidth = Math.min(22, Math.max(...shown.map((n) => n.length)) + 1);
  return (
    <Box flexDirection="column">
      <Text bold>Attributes</Text>
      {shown.map((name) => (
        <Text key={name} wrap="truncate-end">
          {'  '}
          <Text color="green">{truncate(name, keyWidth - 1).padEnd(keyWidth)}</Text>
          {truncate(formatAttrValue(attrs[name]), Math.max(4, width - keyWidth - 2))}
        </Text>
      ))}
      {names.length > shown.length ? <Text dimColor>{`  … ${names.length - shown.length} more`}</Text> : null}
    </Box>
  );
}

/** Dataset facts and first values, or group attributes. */
export function DetailsView({ details, width, height }: DetailsViewProps) {
  if (details.kind === 'other') {
    return (
      <Box flexDirection="column" width={width}>
        <Text bold wrap="truncate-end">
          {terminalSafe(details.path)}
        </Text>
        <Attributes attrs={details.attrs} width={width} max={height - 2} />
      </Box>
    );
  }
  const s = details.summary;
  const filters = s.filters.length > 0 ? s.filters.join(', ') : 'none';
  const valueLine =
    s.firstValues.join(', ') +
    (s.elementCount > s.firstValues.length ? `, … (${s.elementCount.toLocaleString('en-US')} values)` : '');
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        {terminalSafe(s.path)}
      </Text>
      <Field label="shape" value={formatShape(s.shape)} width={width} />
      <Field label="dtype" value={s.dtype} width={width} />
      <Field label="chunks" value={s.chunks ? formatShape(s.chunks) : 'contiguous'} width={width} />
      <Field label="filters" value={filters} width={width} />
      {s.storageSize !== undefined ? <Field label="on disk" value={formatBytes(s.storageSize)} width={width} /> : null}
      {s.fillValue !== undefined ? <Field label="fill" value={s.fillValue} width={width} /> : null}
      <Text bold>First values</Text>
      <Text wrap="truncate-end">{`  ${truncate(valueLine || '(none)', Math.max(4, width - 2))}`}</Text>
      <Attributes attrs={s.attrs} width={width} max={height - 9 - (s.fillValue !== undefined ? 1 : 0)} />
    </Box>
  );
}
