// What an NWB file holds, at a glance: session, subject, and the children of acquisition, processing (module ->
// interfaces), intervals, stimulus and analysis with their neurodata types.
import { Box, Text } from 'ink';
import { terminalSafe } from './terminal-text.js';
import type { NwbSummaryView as Summary, SummaryField, SummaryObject } from '../data.js';
import { truncate } from './units.js';

/** Props of the NWB summary view. */
export interface NwbSummaryViewProps {
  summary: Summary;
  /** First line shown (the summary scrolls with ↑/↓). */
  start: number;
  height: number;
  width: number;
}

/** One printable line of the summary. */
export interface SummaryLine {
  text: string;
  style: 'heading' | 'field' | 'object' | 'dim';
  label?: string;
}

function fieldLines(fields: readonly SummaryField[]): SummaryLine[] {
  return fields.map((f) => ({ text: f.value, label: f.label, style: 'field' as const }));
}

function objectLines(objects: readonly SummaryObject[], depth: number): SummaryLine[] {
  return objects.flatMap((o) => [
    {
      text: `${'  '.repeat(depth + 1)}${o.name}${o.neurodataType ? `  (${o.neurodataType})` : ''}`,
      style: 'object' as const,
    },
    ...objectLines(o.children ?? [], depth + 1),
  ]);
}

/** The summary as lines, so the screen can scroll it and tests can count it. */
export function summaryLines(summary: Summary): SummaryLine[] {
  const lines: SummaryLine[] = [{ text: 'Session', style: 'heading' }, ...fieldLines(summary.fields)];
  if (summary.subject.length > 0) lines.push({ text: 'Subject', style: 'heading' }, ...fieldLines(summary.subject));
  for (const section of summary.sections) {
    lines.push({ text: `${section.name}/`, style: 'heading' });
    lines.push(
      ...(section.objects.length > 0
        ? objectLines(section.objects, 0)
        : [{ text: '  (empty)', style: 'dim' as const }]),
    );
  }
  if (summary.namespaces.length > 0)
    lines.push({ text: 'Cached namespaces', style: 'heading' }, ...fieldLines(summary.namespaces));
  return lines;
}

/** The visible part of the NWB summary. */
export function NwbSummaryView({ summary, start, height, width }: NwbSummaryViewProps) {
  const lines = summaryLines(summary);
  const labelWidth = Math.min(26, Math.max(8, ...lines.filter((l) => l.label).map((l) => (l.label ?? '').length + 2)));
  return (
    <Box flexDirection="column" height={height}>
      {lines.slice(start, start + height).map((line, i) => {
        const key = `${start + i}`;
        if (line.style === 'heading') {
          return (
            <Text key={key} bold color="cyan">
              {terminalSafe(line.text)}
            </Text>
          );
        }
        if (line.style === 'field') {
          return (
            <Text key={key} wrap="truncate-end">
              {'  '}
              <Text dimColor>{(line.label ?? '').padEnd(labelWidth)}</Text>
              {truncate(line.text, Math.max(4, width - labelWidth - 2))}
            </Text>
          );
        }
        return (
          <Text key={key} dimColor={line.style === 'dim'} wrap="truncate-end">
            {terminalSafe(line.text)}
          </Text>
        );
      })}
    </Box>
  );
}
