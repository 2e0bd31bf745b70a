// How `nwb` prints a summary for people: session fields, subject, devices, then the typed children of each top
// group, one per line with its neurodata type and namespace.
import type { NwbObject, NwbSummary } from '@ember-archive/core';

function field(label: string, value: string | readonly string[] | undefined): string[] {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return [];
  return [`${`${label}:`.padEnd(27)}${Array.isArray(value) ? value.join('; ') : value}`];
}

function objectLine(o: NwbObject, indent: string): string {
  const type = o.neurodataType ? `  ${o.neurodataType}${o.namespace && o.namespace !== 'core' ? ` (${o.namespace})` : ''}` : '';
  const link = o.target !== undefined ? `  -> ${o.target}` : '';
  return `${indent}${o.name}${o.kind === 'group' ? '/' : ''}${type}${link}`;
}

function section(title: string, objects: readonly NwbObject[]): string[] {
  return [`${title}:${objects.length === 0 ? ' (none)' : ''}`, ...objects.map((o) => objectLine(o, '  '))];
}

/** The summary as text lines. */
export function nwbSummaryText(s: NwbSummary): string {
  const subject = s.subject;
  const lines = [
    ...field('File', s.location),
    ...field('NWB version', s.nwbVersion),
    ...field('Identifier', s.identifier),
    ...field('Session description', s.sessionDescription),
    ...field('Session start time', s.sessionStartTime),
    ...field('Timestamps reference time', s.timestampsReferenceTime),
    ...field('Session id', s.sessionId),
    ...field('Experimenter', s.experimenter),
    ...field('Institution', s.institution),
    ...field('Lab', s.lab),
    ...field('Keywords', s.keywords),
    ...field('Related publications', s.relatedPublications),
  ];
  if (subject) {
    const age = subject.age === undefined ? undefined : `${subject.age}${subject.ageReference ? ` (from ${subject.ageReference})` : ''}`;
    lines.push('Subject:');
    for (const [label, value] of [
      ['id', subject.subjectId], ['species', subject.species], ['sex', subject.sex], ['age', age], ['strain', subject.strain],
      ['genotype', subject.genotype], ['weight', subject.weight], ['date of birth', subject.dateOfBirth], ['description', subject.description],
      ...Object.entries(subject.other),
    ] as [string, string | undefined][]) {
      if (value !== undefined) lines.push(`  ${`${label}:`.padEnd(25)}${value}`);
    }
  }
  lines.push(`Devices:${s.devices.length === 0 ? ' (none)' : ''}`);
  for (const d of s.devices) lines.push(`  ${d.name}${d.description ? `  ${d.description}` : ''}${d.manufacturer ? ` (${d.manufacturer})` : ''}`);
  lines.push(...section('Acquisition', s.acquisition));
  lines.push(`Processing:${s.processing.length === 0 ? ' (none)' : ''}`);
  for (const m of s.processing) {
    lines.push(objectLine(m, '  '));
    for (const i of m.interfaces) lines.push(objectLine(i, '    '));
  }
  lines.push(...section('Intervals', s.intervals), ...section('Stimulus', s.stimulus), ...section('Analysis', s.analysis));
  lines.push(`Cached namespaces:${s.namespaces.length === 0 ? ' (none)' : ''}`);
  for (const ns of s.namespaces) lines.push(`  ${ns.name} ${ns.versions.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
