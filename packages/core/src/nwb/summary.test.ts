import { describe, expect, it } from 'vitest';
import { UnsupportedError } from '../errors.js';
import { corpusExpected, type CorpusExpectedNode } from '@ember-archive/sample-archive';
import { openTestFile } from '../pose/test-support/corpus.js';
import { readNwbSummary, type NwbSummary } from './summary.js';
import { writeNwbFixture } from './test-support/nwb-fixture.js';

const NWB_CORPUS = [
  'nwb-core/1.5.1_timeseries_no_data.nwb',
  'nwb-core/2.1.0_nwbfile_with_extension.nwb',
  'nwb-core/2.2.0_subject_no_age__reference.nwb',
  'ndx-pose/0.1.1_poseestimation_no_cameras.nwb',
  'ndx-pose/0.3.0_poseestimation_one_camera.nwb',
];

function typedChildren(nodes: Map<string, CorpusExpectedNode>, parent: string) {
  return [...nodes.values()]
    .filter((n) => n.path.startsWith(`${parent}/`) && !n.path.slice(parent.length + 1).includes('/'))
    .map((n) => ({ path: n.path, neurodataType: n.neurodata_type, namespace: n.namespace }));
}

describe('readNwbSummary on every corpus NWB file (compared with what h5py saw)', () => {
  it.each(NWB_CORPUS)('%s', async (name) => {
    const file = await openTestFile(name);
    const summary = await readNwbSummary(file);
    const fileName = name.slice(name.indexOf('/') + 1);
    const { nodes, rootAttrs } = corpusExpected(fileName);
    expect(rootAttrs).toContain('nwb_version');

    const namespaces = [...nodes.keys()]
      .filter((p) => /^\/specifications\/[^/]+\/[^/]+$/.test(p))
      .map((p) => p.split('/').slice(2));
    const byName = new Map<string, string[]>();
    for (const [ns, version] of namespaces) byName.set(ns!, [...(byName.get(ns!) ?? []), version!]);
    expect(summary.namespaces.map((n) => [n.name, n.versions]).sort()).toEqual([...byName.entries()].sort());
    // pynwb writes nwb_version equal to the cached core namespace version.
    expect(summary.nwbVersion).toBe(byName.get('core')?.[0]);

    for (const [key, parent] of [
      ['acquisition', '/acquisition'],
      ['intervals', '/intervals'],
      ['analysis', '/analysis'],
    ] as const) {
      const got = summary[key].map((o) => ({ path: o.path, neurodataType: o.neurodataType, namespace: o.namespace }));
      expect(got).toEqual(typedChildren(nodes, parent));
    }
    const modules = typedChildren(nodes, '/processing');
    expect(summary.processing.map((m) => m.path)).toEqual(modules.map((m) => m.path));
    for (const module of summary.processing) {
      expect(module.neurodataType).toBe('ProcessingModule');
      expect(
        module.interfaces.map((i) => ({ path: i.path, neurodataType: i.neurodataType, namespace: i.namespace })),
      ).toEqual(typedChildren(nodes, module.path));
    }
    expect(summary.sessionStartTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    expect(summary.fileCreateDate).toHaveLength(1);
    await file.close();
  });

  it('reads text values as h5py decodes them (2.2.0 subject, 0.3.0 session and device)', async () => {
    const subjectFile = await openTestFile('nwb-core/2.2.0_subject_no_age__reference.nwb');
    const withSubject = await readNwbSummary(subjectFile);
    expect(withSubject.subject).toEqual({ subjectId: 'RAT123', age: 'P90D', description: 'A rat', other: {} });
    expect(withSubject.subject?.ageReference).toBeUndefined();
    await subjectFile.close();

    const poseFile = await openTestFile('ndx-pose/0.3.0_poseestimation_one_camera.nwb');
    const pose = await readNwbSummary(poseFile);
    expect(pose.identifier).toBe('identifier');
    expect(pose.sessionDescription).toBe('session_description');
    expect(pose.sessionStartTime).toBe('2026-07-30T19:19:09.409000+00:00');
    expect(pose.devices).toEqual([{ name: 'camera1', path: '/general/devices/camera1', neurodataType: 'Device' }]);
    expect(pose.processing[0]?.interfaces.map((i) => i.name)).toEqual(['PoseEstimation', 'Skeletons']);
    await poseFile.close();
  });

  it('reads a populated /general: experimenters, keywords, subject with age reference, devices, namespaces', async () => {
    const file = await openTestFile(await writeNwbFixture(), 'fixture.nwb');
    const summary: NwbSummary = await readNwbSummary(file);
    expect(summary).toMatchObject({
      nwbVersion: '2.7.0',
      identifier: 'fixture-id',
      sessionId: 'ses-01',
      experimenter: ['Ada Lovelace', 'Alan Turing'],
      institution: 'Fixture Institute',
      lab: 'Pose Lab',
      keywords: ['sniff', 'reach'],
      relatedPublications: ['doi:10.1/x'],
      subject: {
        subjectId: 'ADPTM01',
        species: 'Mus musculus',
        sex: 'F',
        strain: 'C57BL/6J',
        age: 'P90D',
        ageReference: 'birth',
      },
      devices: [{ name: 'camera1', neurodataType: 'Device', description: 'top camera', manufacturer: 'Basler' }],
      namespaces: [
        { name: 'core', versions: ['2.7.0'] },
        { name: 'ndx-pose', versions: ['0.1.1'] },
      ],
    });
    expect(summary.intervals.map((i) => [i.name, i.neurodataType])).toEqual([
      ['epochs', 'TimeIntervals'],
      ['trials', 'TimeIntervals'],
    ]);
    expect(summary.acquisition[0]).toMatchObject({
      name: 'thermistor',
      neurodataType: 'TimeSeries',
      description: 'breathing',
    });
    await file.close();
  });

  it('refuses an HDF5 file that is not NWB with a typed error', async () => {
    const file = await openTestFile('jabs/sample_pose_est_v2.h5');
    await expect(readNwbSummary(file)).rejects.toThrow(UnsupportedError);
    await file.close();
  });
});
