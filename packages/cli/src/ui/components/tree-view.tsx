// The object tree of an HDF5 file: groups to expand, datasets with shape and dtype, links shown as links.
import { Box, Text } from 'ink';
import { terminalSafe } from './terminal-text.js';
import type { TreeRow } from '../hooks/use-tree.js';
import { formatShape, truncate } from './units.js';

/** Props of the tree view. */
export interface TreeViewProps {
  rows: readonly TreeRow[];
  cursor: number;
  start: number;
  height: number;
  width: number;
}

function marker(row: TreeRow): string {
  if (row.kind === 'group') return row.expanded ? '▾' : '▸';
  if (row.kind === 'dataset') return '·';
  if (row.kind === 'datatype') return 'τ';
  if (row.kind === 'unreadable') return '✖';
  return '↪';
}

function describeRow(row: TreeRow): string {
  if (row.kind === 'unreadable') return `✖ unreadable: ${row.error ?? 'no reason given'}`;
  if (row.kind === 'broken-link' && row.error) return `→ ${row.target ?? '?'} (broken: ${row.error})`;
  if (row.kind === 'dataset') return `${formatShape(row.shape)} ${row.dtype ?? ''}`.trim();
  if (row.kind === 'soft-link' || row.kind === 'external-link') return `→ ${row.target ?? '?'}`;
  if (row.kind === 'broken-link') return `→ ${row.target ?? '?'} (broken)`;
  if (row.loading) return 'reading…';
  if (row.error) return `✖ ${row.error}`;
  return '';
}

/** The visible rows of the expanded tree. */
export function TreeView({ rows, cursor, start, height, width }: TreeViewProps) {
  const visible = rows.slice(start, start + height);
  return (
    <Box flexDirection="column" height={height} width={width}>
      {visible.map((row, i) => {
        const selected = start + i === cursor;
        const indent = '  '.repeat(row.depth);
        const label = `${indent}${marker(row)} ${terminalSafe(row.name)}${row.kind === 'group' ? '/' : ''}`;
        const info = describeRow(row);
        const room = Math.max(4, width - 2 - label.length - 1);
        return (
          <Text key={row.path} inverse={selected} wrap="truncate-end">
            {selected ? '› ' : '  '}
            <Text
              bold={row.kind === 'group'}
              color={row.kind === 'group' ? 'blue' : row.kind.endsWith('link') ? 'magenta' : undefined}
            >
              {label}
            </Text>{' '}
            <Text dimColor={!selected} color={row.error ? 'red' : undefined}>
              {truncate(info, room)}
            </Text>
          </Text>
        );
      })}
    </Box>
  );
}
