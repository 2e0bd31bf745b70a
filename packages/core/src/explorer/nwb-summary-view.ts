// The NWB summary as every face shows it: ONE ordered list of session fields and one of subject fields, each
// labelled with the field name users know from pynwb (`session_start_time`) and titled for prose ("Session start
// time"). The terminal's `nwb` text, its NWB screen, the API and the web viewer all read these lists, so a field
// added here appears everywhere in the same place.
import type { NwbObject } from '../nwb/neurodata.js';
import type { NwbSubject, NwbSummary } from '../nwb/summary.js';
import type { NwbSummaryView, SummaryField, SummaryObject } from './explorer.js';

type FieldValue = string | readonly string[] | undefined;

// pynwb name, title, getter: the order here is the order every face shows.
const SESSION_FIELDS: readonly [string, string, (s: NwbSummary) => FieldValue][] = [
  ['nwb_version', 'NWB version', (s) => s.nwbVersion],
  ['identifier', 'Identifier', (s) => s.identifier],
  ['session_description', 'Session description', (s) => s.sessionDescription],
  ['session_start_time', 'Session start time', (s) => s.sessionStartTime],
  ['timestamps_reference_time', 'Timestamps reference time', (s) => s.timestampsReferenceTime],
  ['session_id', 'Session id', (s) => s.sessionId],
  ['experimenter', 'Experimenter', (s) => s.experimenter],
  ['institution', 'Institution', (s) => s.institution],
  ['lab', 'Lab', (s) => s.lab],
  ['experiment_description', 'Experiment description', (s) => s.experimentDescription],
  ['keywords', 'Keywords', (s) => s.keywords],
  ['related_publications', 'Related publications', (s) => s.relatedPublications],
];

const SUBJECT_FIELDS: readonly [string, string, (s: NwbSubject) => FieldValue][] = [
  ['subject_id', 'id', (s) => s.subjectId],
  ['species', 'species', (s) => s.species],
  ['sex', 'sex', (s) => s.sex],
  [
    'age',
    'age',
    (s) => (s.age === undefined ? undefined : `${s.age}${s.ageReference ? ` (from ${s.ageReference})` : ''}`),
  ],
  ['strain', 'strain', (s) => s.strain],
  ['genotype', 'genotype', (s) => s.genotype],
  ['weight', 'weight', (s) => s.weight],
  ['date_of_birth', 'date of birth', (s) => s.dateOfBirth],
  ['description', 'description', (s) => s.description],
];

function field(label: string, title: string, value: FieldValue): SummaryField[] {
  if (value === undefined) return [];
  const text = typeof value === 'string' ? value : value.join('; ');
  return text === '' ? [] : [{ label, title, value: text }];
}

/** The session fields that have a value, in the one order every face shows. */
export function nwbSessionFields(s: NwbSummary): SummaryField[] {
  return SESSION_FIELDS.flatMap(([label, title, get]) => field(label, title, get(s)));
}

/** The subject fields that have a value (the file's extra subject fields last, under their own names). */
export function nwbSubjectFields(subject: NwbSubject | undefined): SummaryField[] {
  if (!subject) return [];
  return [
    ...SUBJECT_FIELDS.flatMap(([label, title, get]) => field(label, title, get(subject))),
    ...Object.entries(subject.other).flatMap(([k, v]) => field(k, k, v)),
  ];
}

/** A typed object with its type as shown: `namespace.Type` outside core, or the link it is. */
export function summaryObject(o: NwbObject): SummaryObject {
  const type = o.neurodataType
    ? o.namespace && o.namespace !== 'core'
      ? `${o.namespace}.${o.neurodataType}`
      : o.neurodataType
    : undefined;
  return {
    name: o.name,
    path: o.path,
    ...(type ? { neurodataType: type } : o.target ? { neurodataType: `link → ${o.target}` } : {}),
  };
}

/** The NWB summary as labelled fields and sections. */
export function toSummaryView(s: NwbSummary): NwbSummaryView {
  return {
    fields: nwbSessionFields(s),
    subject: nwbSubjectFields(s.subject),
    sections: [
      { name: 'acquisition', objects: s.acquisition.map(summaryObject) },
      {
        name: 'processing',
        objects: s.processing.map((m) => ({ ...summaryObject(m), children: m.interfaces.map(summaryObject) })),
      },
      { name: 'intervals', objects: s.intervals.map(summaryObject) },
      { name: 'stimulus', objects: s.stimulus.map(summaryObject) },
      { name: 'analysis', objects: s.analysis.map(summaryObject) },
      {
        name: 'general/devices',
        objects: s.devices.map((d) => ({
          name: d.name,
          path: d.path,
          ...(d.neurodataType ? { neurodataType: d.neurodataType } : {}),
        })),
      },
    ],
    namespaces: s.namespaces.map((n) => ({ label: n.name, value: n.versions.join(', ') })),
  };
}
