import { describe, expect, it } from 'vitest';
import { corpusExpected } from '@ember-archive/sample-archive';
import { openTestFile } from '../pose/test-support/corpus.js';
import { writeNwbFixture } from './test-support/nwb-fixture.js';
import { rateFromTimestamps, rateTimeAxis, readTimeAxis, readTimeSeriesInfo } from './time-series.js';

describe('TimeSeries', () => {
  it('1.5.1 series without data: timed by starting_time + rate attribute, no data', async () => {
    const file = await openTestFile('nwb-core/1.5.1_timeseries_no_data.nwb');
    const info = await readTimeSeriesInfo(file, '/acquisition/test_timeseries');
    expect(
      corpusExpected('1.5.1_timeseries_no_data.nwb').nodes.get('/acquisition/test_timeseries/starting_time')?.attrs,
    ).toEqual(['rate', 'unit']);
    expect(info.neurodataType).toBe('TimeSeries');
    expect(info.data).toBeNull();
    expect(info.timing).toEqual({ kind: 'rate', startingTime: 0, rate: 1 });
    await file.close();
  });

  it('2.1.0 extension series: data info with unit/conversion/offset/resolution', async () => {
    const file = await openTestFile('nwb-core/2.1.0_nwbfile_with_extension.nwb');
    const info = await readTimeSeriesInfo(file, '/acquisition/test_ts');
    const expected = corpusExpected('2.1.0_nwbfile_with_extension.nwb').nodes.get('/acquisition/test_ts/data');
    expect(info.neurodataType).toBe('TimeSeriesWithID');
    expect(info.namespace).toBe('ndx-testextension');
    expect(info.data?.shape).toEqual(expected?.shape);
    expect(info.data).toMatchObject({ dtype: 'float64', conversion: 1, offset: 0, resolution: -1 });
    expect(info.length).toBe(3);
    expect(Array.from(await readTimeAxis(file, info))).toEqual(
      [0, 1, 2].map((i) => 0 + i / (info.timing.kind === 'rate' ? info.timing.rate : 1)),
    );
    await file.close();
  });

  it("0.3.0 pose series: timestamps read by window, the second series shares the first one's through a link", async () => {
    const file = await openTestFile('ndx-pose/0.3.0_poseestimation_one_camera.nwb');
    const head = corpusExpected('0.3.0_poseestimation_one_camera.nwb').nodes.get(
      '/processing/behavior/PoseEstimation/front_left_paw/timestamps',
    )?.head as number[];
    const left = await readTimeSeriesInfo(file, '/processing/behavior/PoseEstimation/front_left_paw');
    const right = await readTimeSeriesInfo(file, '/processing/behavior/PoseEstimation/front_right_paw');
    expect(left.timing).toMatchObject({ kind: 'timestamps', count: 10 });
    expect(right.timing).toMatchObject({ kind: 'timestamps', count: 10 });
    expect(Array.from(await readTimeAxis(file, right, 0, 3))).toEqual(head);
    expect(Array.from(await readTimeAxis(file, left, 1, 3))).toEqual(head.slice(1));
    expect(left.referenceFrame).toBe('(0,0) corresponds to the top left corner of the video.');
    expect(left.data?.unit).toBe('pixels');
    await file.close();
  });

  it('a rate-timed window is computed, not read: starting_time + i / rate', async () => {
    const file = await openTestFile(await writeNwbFixture(), 'fixture.nwb');
    const info = await readTimeSeriesInfo(file, '/acquisition/thermistor');
    expect(info.data).toMatchObject({ unit: 'V', conversion: 0.5, offset: 1, dtype: 'int16', shape: [1000] });
    const axis = await readTimeAxis(file, info, 990, 1000);
    expect(axis[0]).toBeCloseTo(5 + 990 / 1000, 12);
    expect(axis).toHaveLength(10);
    await expect(readTimeAxis(file, info, 990, 1001)).rejects.toThrow(/outside the 1000 samples/);
    await file.close();
  });

  it.each([
    [0, 10, 0, 3, [0, 0.1, 0.2]],
    [5, 2, 4, 6, [7, 7.5]],
    [1, 1, 0, 0, []],
  ])('rateTimeAxis(start %s, rate %s, [%s, %s))', (t0, rate, a, b, want) => {
    expect(Array.from(rateTimeAxis(t0, rate, a, b)).map((v) => Math.round(v * 1e9) / 1e9)).toEqual(want);
  });

  it.each([
    [[0, 0.01, 0.02, 0.03], 100],
    [[0, 1, 2, 10, 11], 1],
    [[5, Number.NaN, 5.5, 6], 2],
    [[1], undefined],
    [[2, 2, 2], undefined],
  ])('rateFromTimestamps(%j) = %s', (times, rate) => {
    const got = rateFromTimestamps(times);
    if (rate === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(rate, 9);
  });

  it('rateFromTimestamps takes the median step of irregular timestamps, as a full sort would', () => {
    let state = 3;
    const next = (): number => {
      state = (state * 1103515245 + 12345) >>> 0;
      return state / 2 ** 32;
    };
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + Math.floor(next() * 60);
      const times = [0];
      // Steps drawn from a few values, so ties (and the pivot-equal middle of the selection) are common.
      for (let i = 1; i < n; i++)
        times.push(times[i - 1]! + [0.01, 0.02, 0.03, 0.5][Math.floor(next() * 4)]! * (next() < 0.1 ? 3 : 1));
      const steps = times
        .slice(1)
        .map((t, i) => t - times[i]!)
        .sort((a, b) => a - b);
      const mid = steps.length >> 1;
      const median = steps.length % 2 ? steps[mid]! : (steps[mid - 1]! + steps[mid]!) / 2;
      expect(rateFromTimestamps(times)).toBeCloseTo(1 / median, 9);
    }
  });
});
