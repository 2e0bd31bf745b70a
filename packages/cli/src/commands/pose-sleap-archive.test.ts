// `ember-archive pose --format csv` on the SLEAP files the sample archive serves in dandiset 000475 (predictions `.slp`
// and analysis exports), by their dandi:// identifiers; every cell is checked against the generators' ground truth.
import {
  DEFAULT_SEED,
  generateSleapAnalysis,
  generateSleapPredictions,
  sampleSleapFiles,
  SLEAP_DANDISET,
  startSampleArchive,
  type RunningSampleArchive,
} from '@ember-archive/sample-archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from './test-support/run-main.js';

let sample: RunningSampleArchive;
beforeAll(async () => {
  sample = await startSampleArchive();
}, 120_000);
afterAll(async () => {
  await sample?.close();
});

const run = (...argv: string[]) => runMain(argv, { env: { EMBER_API_URL: sample.api, EMBER_S3_ENDPOINT: sample.s3 } });
const FILES = sampleSleapFiles(DEFAULT_SEED);

// A CSV cell as the truth holds it: empty is missing (NaN).
const value = (cell: string | undefined): number => (cell === undefined || cell === '' ? Number.NaN : Number(cell));

describe('ember-archive pose on the SLEAP files of the sample archive', () => {
  it('ls lists them in the subject folder of 000475', async () => {
    const { code, stdout } = await run('ls', `dandi://ember-dandi/${SLEAP_DANDISET}@draft/sub-PAIR01/`, '--json');
    expect(code).toBe(0);
    const names = (JSON.parse(stdout) as { name: string }[]).map((e) => e.name).sort();
    expect(names).toEqual(FILES.map((f) => f.path.split('/').at(-1)).sort());
  });

  it.each(FILES.map((f) => [f.kind, f.path, f] as const))(
    'csv of the %s file %s: one row per frame x individual x keypoint, equal to the ground truth',
    async (kind, path, file) => {
      const { truth } = await (kind === 'predictions' ? generateSleapPredictions : generateSleapAnalysis)(file.params);
      const [start, end] = [100, 160];
      const uri = `dandi://ember-dandi/${SLEAP_DANDISET}@draft/${path}`;
      const args = ['--format', 'csv', '--start', `${start}`, '--end', `${end}`];
      const { code, stdout, stderr } = await run('pose', uri, ...args);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const [header, ...rows] = stdout.trimEnd().split('\n');
      expect(header).toBe('frame,time,individual,keypoint,x,y,confidence');
      const tracks = truth.individuals.flatMap((individual, a) =>
        truth.keypoints.map((keypoint, k) => ({ individual, keypoint, a, k })),
      );
      expect(rows).toHaveLength((end - start) * tracks.length);
      let missing = 0;
      rows.forEach((row, r) => {
        const [frame, time, individual, keypoint, x, y, confidence] = row.split(',');
        const f = start + Math.floor(r / tracks.length);
        const track = tracks[r % tracks.length];
        const at = `${path} row ${r}`;
        expect([Number(frame), individual, keypoint], at).toEqual([f, track?.individual, track?.keypoint]);
        expect(Number(time), at).toBe(truth.time[f]);
        const a = track?.a ?? -1;
        const k = track?.k ?? -1;
        expect(value(x), at).toBe(truth.x[a]?.[k]?.[f]);
        expect(value(y), at).toBe(truth.y[a]?.[k]?.[f]);
        expect(value(confidence), at).toBe(truth.confidence[a]?.[k]?.[f]);
        if (x === '') missing++;
      });
      expect(missing).toBeGreaterThan(0);
    },
  );
});
