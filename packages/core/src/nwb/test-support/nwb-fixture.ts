// A small NWB file written with h5wasm, for the layouts the real corpus lacks: a populated /general, a rate-timed
// TimeSeries with conversion/offset, a TimeIntervals table with ragged, doubly ragged and region columns, and an
// ndx-pose 0.1-style container (nodes/edges on PoseEstimation) whose series carry neuroconv's names.
// Layout per nwb-schema core/nwb.file.yaml, hdmf-common-schema common/table.yaml, rly/ndx-pose 0.1.1 spec.
import type { Group } from 'h5wasm';
import { writeFixture } from '../../pose/test-support/corpus.js';

function typed(group: Group, type: string, namespace = 'core'): Group {
  group.create_attribute('neurodata_type', type);
  group.create_attribute('namespace', namespace);
  return group;
}

/** Pose frames per series in the fixture. */
export const FIXTURE_POSE_FRAMES = 400;
/** Rate of the fixture's pose series. */
export const FIXTURE_POSE_RATE = 50;

/** The snout x of frame i in the fixture (y = 2x, z = -x, confidence = (i % 10) / 10). */
export function fixtureSnoutX(i: number): number {
  return 100 + i * 0.5;
}

/** Write the fixture and return its bytes. */
export async function writeNwbFixture(): Promise<Uint8Array> {
  return writeFixture((f) => {
    f.create_attribute('nwb_version', '2.7.0');
    f.create_attribute('neurodata_type', 'NWBFile');
    f.create_attribute('namespace', 'core');
    f.create_dataset({ name: 'identifier', data: 'fixture-id' });
    f.create_dataset({ name: 'session_description', data: 'a fixture session' });
    f.create_dataset({ name: 'session_start_time', data: '2025-01-02T03:04:05+00:00' });
    f.create_dataset({ name: 'timestamps_reference_time', data: '2025-01-02T03:04:05+00:00' });
    f.create_dataset({ name: 'file_create_date', data: ['2025-01-03T00:00:00+00:00'] });

    const general = f.create_group('general');
    general.create_dataset({ name: 'experimenter', data: ['Ada Lovelace', 'Alan Turing'] });
    general.create_dataset({ name: 'institution', data: 'Fixture Institute' });
    general.create_dataset({ name: 'lab', data: 'Pose Lab' });
    general.create_dataset({ name: 'keywords', data: ['sniff', 'reach'] });
    general.create_dataset({ name: 'related_publications', data: ['doi:10.1/x'] });
    general.create_dataset({ name: 'session_id', data: 'ses-01' });
    const subject = typed(general.create_group('subject'), 'Subject');
    subject.create_dataset({ name: 'subject_id', data: 'ADPTM01' });
    subject.create_dataset({ name: 'species', data: 'Mus musculus' });
    subject.create_dataset({ name: 'sex', data: 'F' });
    subject.create_dataset({ name: 'strain', data: 'C57BL/6J' });
    subject.create_dataset({ name: 'age', data: 'P90D' }).create_attribute('reference', 'birth');
    const camera = typed(general.create_group('devices').create_group('camera1'), 'Device');
    camera.create_attribute('description', 'top camera');
    camera.create_attribute('manufacturer', 'Basler');

    const acquisition = f.create_group('acquisition');
    const ts = typed(acquisition.create_group('thermistor'), 'TimeSeries');
    ts.create_attribute('description', 'breathing');
    const data = ts.create_dataset({
      name: 'data',
      data: Int16Array.from({ length: 1000 }, (_, i) => i),
      chunks: [100],
    });
    data.create_attribute('unit', 'V');
    data.create_attribute('conversion', 0.5, null, '<d');
    data.create_attribute('offset', 1, null, '<d');
    data.create_attribute('resolution', -1, null, '<d');
    const start = ts.create_dataset({ name: 'starting_time', data: 5.0, dtype: '<d' });
    start.create_attribute('rate', 1000, null, '<d');
    start.create_attribute('unit', 'seconds');
    f.create_group('analysis');
    const stimulus = f.create_group('stimulus');
    stimulus.create_group('presentation');
    stimulus.create_group('templates');

    const processing = f.create_group('processing');
    const behavior = typed(processing.create_group('behavior'), 'ProcessingModule');
    behavior.create_attribute('description', 'processed behavioral data');
    const pose = typed(behavior.create_group('PoseEstimationDeepLabCut'), 'PoseEstimation', 'ndx-pose');
    pose.create_dataset({ name: 'nodes', data: ['snout', 'leftHand', 'rightHand'] });
    pose.create_dataset({ name: 'edges', data: new Uint8Array([0, 1, 0, 2]), shape: [2, 2], dtype: '<B' });
    pose.create_dataset({ name: 'source_software', data: 'DeepLabCut' });
    const n = FIXTURE_POSE_FRAMES;
    // neuroconv names series PoseEstimationSeries<Bodypart.capitalize()>: leftHand -> Lefthand; creation order differs from nodes.
    for (const [series, factor] of [
      ['PoseEstimationSeriesRighthand', 3],
      ['PoseEstimationSeriesSnout', 1],
      ['PoseEstimationSeriesLefthand', 2],
    ] as const) {
      const g = typed(pose.create_group(series), 'PoseEstimationSeries', 'ndx-pose');
      const xyz = new Float64Array(n * 3);
      for (let i = 0; i < n; i++) {
        const x = fixtureSnoutX(i) * factor;
        xyz[i * 3] = i === 7 ? Number.NaN : x;
        xyz[i * 3 + 1] = i === 7 ? Number.NaN : 2 * x;
        xyz[i * 3 + 2] = i === 7 ? Number.NaN : -x;
      }
      const d = g.create_dataset({ name: 'data', data: xyz, shape: [n, 3], chunks: [64, 3] });
      d.create_attribute('unit', 'pixels');
      d.create_attribute('conversion', 1, null, '<d');
      g.create_dataset({ name: 'confidence', data: Float64Array.from({ length: n }, (_, i) => (i % 10) / 10) });
      g.create_dataset({ name: 'reference_frame', data: '(0,0) corresponds to the bottom left corner of the video.' });
      const st = g.create_dataset({ name: 'starting_time', data: 2.0, dtype: '<d' });
      st.create_attribute('rate', FIXTURE_POSE_RATE, null, '<d');
      st.create_attribute('unit', 'seconds');
    }

    // A second camera, ndx-pose 0.2+ style: nodes on a Skeleton reached by a soft link, the Skeleton linking the Subject.
    const skeleton = typed(
      typed(behavior.create_group('Skeletons'), 'Skeletons', 'ndx-pose').create_group('side_view'),
      'Skeleton',
      'ndx-pose',
    );
    skeleton.create_dataset({ name: 'nodes', data: ['nose'] });
    skeleton.create_soft_link('/general/subject', 'subject');
    const side = typed(behavior.create_group('PoseEstimationSide'), 'PoseEstimation', 'ndx-pose');
    side.create_soft_link('/processing/behavior/Skeletons/side_view', 'side_view');
    side.create_soft_link('/general/devices/camera1', 'camera1');
    const nose = typed(side.create_group('nose'), 'PoseEstimationSeries', 'ndx-pose');
    nose
      .create_dataset({ name: 'data', data: Float64Array.from([1, 2, 3, 4, 5, 6]), shape: [3, 2] })
      .create_attribute('unit', 'pixels');
    nose.create_dataset({ name: 'confidence', data: Float64Array.from([0.5, 0.6, 0.7]) });
    nose.create_dataset({ name: 'timestamps', data: Float64Array.from([10, 10.25, 10.75]) });

    const intervals = f.create_group('intervals');
    const epochs = typed(intervals.create_group('epochs'), 'TimeIntervals');
    epochs.create_attribute('colnames', ['start_time', 'stop_time']);
    epochs.create_attribute('description', 'epochs');
    epochs.create_dataset({ name: 'id', data: BigInt64Array.from([0n, 1n]) });
    epochs.create_dataset({ name: 'start_time', data: Float64Array.from([0, 10]) });
    epochs.create_dataset({ name: 'stop_time', data: Float64Array.from([10, 20]) });
    const trials = typed(intervals.create_group('trials'), 'TimeIntervals');
    trials.create_attribute('colnames', ['start_time', 'stop_time', 'tags', 'epoch', 'licks']);
    trials.create_attribute('description', 'trial data');
    trials.create_dataset({ name: 'id', data: BigInt64Array.from([0n, 1n, 2n, 3n]) });
    trials.create_dataset({ name: 'start_time', data: Float64Array.from([0, 1.5, 3, 4.5]) });
    trials.create_dataset({ name: 'stop_time', data: Float64Array.from([1, 2.5, 4, 5.5]) });
    trials.create_dataset({ name: 'tags', data: ['a', 'b', 'c', 'd', 'e'] });
    trials.create_dataset({ name: 'tags_index', data: new Uint8Array([2, 2, 5, 5]), dtype: '<B' });
    const region = trials.create_dataset({ name: 'epoch', data: new Int32Array([0, 0, 1, 1]) });
    region.create_attribute('neurodata_type', 'DynamicTableRegion');
    region.create_attribute('namespace', 'hdmf-common');
    region.create_attribute('table', epochs.create_reference());
    // licks: doubly ragged (trial -> bouts -> lick times)
    trials.create_dataset({ name: 'licks', data: Float64Array.from([0.1, 0.2, 0.3, 1.6, 3.1, 3.2]) });
    trials.create_dataset({ name: 'licks_index', data: new Uint8Array([2, 3, 4, 6]), dtype: '<B' });
    trials.create_dataset({ name: 'licks_index_index', data: new Uint8Array([2, 3, 4, 4]), dtype: '<B' });

    const specs = f.create_group('specifications');
    specs.create_group('core').create_group('2.7.0').create_dataset({ name: 'namespace', data: '{"namespaces":[]}' });
    specs
      .create_group('ndx-pose')
      .create_group('0.1.1')
      .create_dataset({ name: 'namespace', data: '{"namespaces":[]}' });
    f.create_attribute('.specloc', specs.create_reference());
  });
}
