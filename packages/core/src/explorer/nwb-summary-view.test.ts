import { describe, expect, it } from 'vitest';
import type { NwbSummary } from '../nwb/summary.js';
import { nwbSessionFields, nwbSubjectFields, toSummaryView } from './nwb-summary-view.js';

const summary: NwbSummary = {
  location: 'x.nwb',
  nwbVersion: '2.8.0',
  identifier: 'abc',
  sessionDescription: '',
  sessionStartTime: '2024-03-01T10:10:00',
  fileCreateDate: [],
  experimenter: ['Ada', 'Grace'],
  experimentDescription: 'open field',
  keywords: [],
  relatedPublications: [],
  subject: { subjectId: 'm1', species: 'Mus musculus', age: 'P90D', ageReference: 'birth', other: { cage: '7' } },
  acquisition: [],
  processing: [
    {
      name: 'behavior',
      path: '/processing/behavior',
      kind: 'group',
      neurodataType: 'ProcessingModule',
      namespace: 'core',
      interfaces: [
        {
          name: 'Pose',
          path: '/processing/behavior/Pose',
          kind: 'group',
          neurodataType: 'PoseEstimation',
          namespace: 'ndx-pose',
        },
      ],
    },
  ],
  intervals: [],
  stimulus: [],
  analysis: [],
  devices: [],
  namespaces: [{ name: 'core', versions: ['2.8.0'] }],
} as unknown as NwbSummary;

describe('the one NWB field list', () => {
  it('keeps the order every face shows, skips empty values, joins lists, titles each field', () => {
    expect(nwbSessionFields(summary)).toEqual([
      { label: 'nwb_version', title: 'NWB version', value: '2.8.0' },
      { label: 'identifier', title: 'Identifier', value: 'abc' },
      { label: 'session_start_time', title: 'Session start time', value: '2024-03-01T10:10:00' },
      { label: 'experimenter', title: 'Experimenter', value: 'Ada; Grace' },
      { label: 'experiment_description', title: 'Experiment description', value: 'open field' },
    ]);
  });

  it('gives the age with its reference and the file’s own subject fields last', () => {
    expect(nwbSubjectFields(summary.subject).map((f) => [f.label, f.value])).toEqual([
      ['subject_id', 'm1'],
      ['species', 'Mus musculus'],
      ['age', 'P90D (from birth)'],
      ['cage', '7'],
    ]);
    expect(nwbSubjectFields(undefined)).toEqual([]);
  });

  it('types objects as namespace.Type outside core', () => {
    const processing = toSummaryView(summary).sections.find((s) => s.name === 'processing');
    expect(processing?.objects[0]?.children?.[0]?.neurodataType).toBe('ndx-pose.PoseEstimation');
    expect(processing?.objects[0]?.neurodataType).toBe('ProcessingModule');
  });
});
