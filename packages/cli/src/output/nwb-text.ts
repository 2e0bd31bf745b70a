// How `nwb` prints a summary for people: session fields, subject, devices, then the typed children of each top
// group, one per line with its neurodata type and namespace. The session and subject fields are core's one ordered
// list (nwbSessionFields, nwbSubjectFields), titled for prose; the NWB screen shows the same list.
import { nwbSessionFields, nwbSubjectFields, type NwbObject, type NwbSummary } from '@ember-archive/core';

function objectLine(o: NwbObject, indent: string): string {
  const type = o.neurodataType
    ? `  ${o.neurodataType}${o.namespace && o.namespace !== 'core' ? ` (${o.namespace})` : ''}`
    : '';
  const link = o.target !== undefined ? `  -> ${o.target}` : '';
  return `${indent}${o.name}${o.kind === 'group' ? '/' : ''}${type}${link}`;
}

function section(title: string, objects: readonly NwbObject[]): string[] {
  return [`${title}:${objects.length === 0 ? ' (none)' : ''}`, ...objects.map((o) => objectLine(o, '  '))];
}

/** The summary as text lines. */
export function nwbSummaryText(s: NwbSummary): string {
  const lines = [
    `${'File:'.padEnd(27)}${s.location}`,
    ...nwbSessionFields(s).map((f) => `${`${f.title ?? f.label}:`.padEnd(27)}${f.value}`),
  ];
  if (s.subject) {
    lines.push('Subject:');
    for (const f of nwbSubjectFields(s.subject)) lines.push(`  ${`${f.title ?? f.label}:`.padEnd(25)}${f.value}`);
  }
  lines.push(`Devices:${s.devices.length === 0 ? ' (none)' : ''}`);
  for (const d of s.devices)
    lines.push(
      `  ${d.name}${d.description ? `  ${d.description}` : ''}${d.manufacturer ? ` (${d.manufacturer})` : ''}`,
    );
  lines.push(...section('Acquisition', s.acquisition));
  lines.push(`Processing:${s.processing.length === 0 ? ' (none)' : ''}`);
  for (const m of s.processing) {
    lines.push(objectLine(m, '  '));
    for (const i of m.interfaces) lines.push(objectLine(i, '    '));
  }
  lines.push(
    ...section('Intervals', s.intervals),
    ...section('Stimulus', s.stimulus),
    ...section('Analysis', s.analysis),
  );
  lines.push(`Cached namespaces:${s.namespaces.length === 0 ? ' (none)' : ''}`);
  for (const ns of s.namespaces) lines.push(`  ${ns.name} ${ns.versions.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
