// The explorer contract: one suite every provider of the seam passes (in-process, memory, and the API's HTTP
// client), over the same sample archive and corpus files, like h5web's one API test per provider
// (silx-kit/h5web packages/h5wasm/src/h5wasm-api.test.ts, packages/app/src/providers/h5grove/h5grove-api.test.ts).
// Providers name files differently, so the setup says how a corpus file is named; sample archive files are found by
// listing from the root. Assertions are about behaviour (paging, windows, decimation, errors) and about content
// checked against h5py's view of the corpus (fixtures/corpus/expected), never against another provider's answers.
//
// Use it from a test file of any package (it is not part of core's build, import it by workspace path):
//   import { describeExplorerContract } from '../../core/src/explorer/test-support/explorer-contract.js';
//   describeExplorerContract('http client', async () => ({ explorer, corpusUri: (name) => ... }));
import { corpusExpected } from '@ember-archive/sample-archive';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Explorer, ExplorerFile, PoseView } from '../explorer.js';
import { CONTRACT_CORPUS, findContractTargets, type ContractTargets } from './contract-targets.js';

/** What a provider hands the suite. */
export interface ContractSetup {
  explorer: Explorer;
  /** The uri this provider opens a corpus file (relative to fixtures/corpus) by; undefined skips the corpus tests. */
  corpusUri?: (name: string) => string;
}

// The session fields in the one order every face shows (explorer/nwb-summary-view.ts).
const SESSION_ORDER = [
  'nwb_version',
  'identifier',
  'session_description',
  'session_start_time',
  'timestamps_reference_time',
  'session_id',
  'experimenter',
  'institution',
  'lab',
  'experiment_description',
  'keywords',
  'related_publications',
];

async function withFile<T>(explorer: Explorer, uri: string, use: (file: ExplorerFile) => Promise<T>): Promise<T> {
  const file = await explorer.open(uri);
  try {
    return await use(file);
  } finally {
    await file.close();
  }
}

function finiteMax(values: readonly number[]): number {
  return Math.max(...values.filter((v) => !Number.isNaN(v)));
}

function expectPoseShape(view: PoseView): void {
  expect(view.start).toBeGreaterThanOrEqual(0);
  expect(view.end).toBeLessThanOrEqual(view.frameCount);
  expect(view.containers).toContain(view.container);
  expect(view.metrics).toHaveLength(view.individuals.length);
  for (const metrics of view.metrics) expect(metrics.map((m) => m.keypoint)).toEqual(view.keypoints);
  expect(view.series).toHaveLength(view.individuals.length * view.keypoints.length);
  for (const [a, b] of view.edges) expect(Math.max(a, b)).toBeLessThan(view.keypoints.length);
}

/** Register the contract suite for one provider; `setup` runs once before its tests. */
export function describeExplorerContract(provider: string, setup: () => Promise<ContractSetup>): void {
  describe(`explorer contract: ${provider}`, () => {
    let explorer: Explorer;
    let corpusUri: ContractSetup['corpusUri'];
    let targets: ContractTargets;

    beforeAll(async () => {
      ({ explorer, corpusUri } = await setup());
      targets = await findContractTargets(explorer);
    }, 120_000);

    describe('listings', () => {
      it('lists projects beside dandisets at the root, dandisets with their titles', async () => {
        expect(targets.project.kind).toBe('folder');
        expect(targets.dandiset.title).toBeTruthy();
        expect(targets.poseFile.kind).toBe('file');
        expect(targets.poseFile.size).toBeGreaterThan(0);
      });

      it('pages with cursors: every page once, no entry twice, the last page without a cursor', async () => {
        for (const folder of targets.folders) {
          const seen = new Set<string>();
          let cursor: string | undefined;
          let pages = 0;
          do {
            const page = await explorer.listPage(folder === '' ? undefined : folder, cursor);
            for (const entry of page.entries) {
              expect(seen.has(entry.uri)).toBe(false);
              seen.add(entry.uri);
            }
            cursor = page.next;
            pages += 1;
          } while (cursor !== undefined && pages < 10_000);
          expect(seen.size).toBeGreaterThan(0);
        }
      });

      it('refuses a cursor of another listing, and one it never gave', async () => {
        const first = await explorer.listPage(targets.poseFolder.uri);
        const cursor = first.next ?? 'not-a-cursor';
        await expect(explorer.listPage(targets.project.uri, cursor)).rejects.toThrow();
        await expect(explorer.listPage(targets.project.uri, 'not-a-cursor')).rejects.toThrow();
      });

      it('goes back up: the parent of a listed entry is the folder listing it; the root has none', async () => {
        expect(explorer.parent(targets.poseFolder.uri)).toBe(targets.project.uri);
        expect(explorer.parent(targets.poseFile.uri)).toBe(targets.poseFolder.uri);
        expect(explorer.parent('')).toBeNull();
      });

      it('refuses to open a folder as a file', async () => {
        await expect(explorer.open(targets.project.uri)).rejects.toThrow(/not a file|folder/i);
      });
    });

    describe('file details', () => {
      it('gives a bucket object its size, ETag and URL without opening it', async () => {
        const info = await explorer.info(targets.poseFile.uri);
        expect(info).toMatchObject({
          uri: targets.poseFile.uri,
          name: targets.poseFile.name,
          size: targets.poseFile.size,
        });
        expect(info.location.kind).toBe('remote');
        expect(info.etag).toBeTruthy();
        expect(info.asset).toBeUndefined();
      });

      it('gives a DANDI asset its digests, metadata and web links (Neurosift for NWB)', async () => {
        const info = await explorer.info(targets.nwbFile.uri);
        expect(info.size).toBe(targets.nwbFile.size);
        expect(info.digests['dandi:sha2-256']).toMatch(/^[0-9a-f]{64}$/);
        expect(info.asset).toMatchObject({ dandisetId: '000463', embargoed: false });
        expect(info.asset?.path.endsWith(targets.nwbFile.name)).toBe(true);
        expect(info.asset?.metadata.contentSize).toBe(info.size);
        const neurosift = info.links.find((l) => l.label === 'Neurosift');
        expect(neurosift?.url).toMatch(/^https:\/\/neurosift\.app\/nwb\?url=.+&dandisetId=000463/);
      });

      it('refuses details of a folder', async () => {
        await expect(explorer.info(targets.project.uri)).rejects.toThrow(/not a file|folder/i);
      });
    });

    describe('files', () => {
      it('lists groups, describes datasets with their first values, reads selections and their JSON', async () => {
        await withFile(explorer, targets.poseFile.uri, async (file) => {
          expect(file.name).toBe(targets.poseFile.name);
          expect((await file.list('/')).map((n) => n.path)).toContain('/poseest');
          const points = (await file.list('/poseest')).find((n) => n.path === '/poseest/points');
          expect(points?.kind).toBe('dataset');
          const details = await file.describe('/poseest/points');
          expect(details.dtype).toBe('uint16');
          expect(details.shape?.slice(-2)).toEqual([12, 2]);
          expect(details.elementCount).toBe((details.shape ?? []).reduce((a, b) => a * b, 1));
          expect(details.firstValues).toHaveLength(12);

          const selection = (details.shape ?? []).map((_, axis) => (axis === 0 ? ([0, 2] as [number, number]) : null));
          const read = await file.values('/poseest/points', selection);
          expect(read.shape.slice(0, 1)).toEqual([2]);
          const json = await file.valuesJson('/poseest/points', selection);
          expect(json.shape).toEqual(read.shape);
          expect((json.values as unknown[]).length).toBe(2);
          // Nested in C order: flattened again, the same values as the read.
          expect((json.values as unknown[]).flat(Infinity)).toEqual(
            Array.from(read.values as ArrayLike<number>, Number),
          );
          expect(json.storageSize).toBeGreaterThan(0);
          expect(file.stats().requests).toBeGreaterThan(0);
        });
      });

      it('gives the tree as JSON: the root first, a subtree, attributes unless told not to, storage on request', async () => {
        await withFile(explorer, targets.poseFile.uri, async (file) => {
          const tree = await file.tree();
          expect(tree[0]?.path).toBe('/');
          expect(tree.every((n) => n.attrs !== undefined)).toBe(true);
          const sub = await file.tree('/poseest', { attrs: false, storage: true });
          expect(sub[0]?.path).toBe('/poseest');
          expect(sub.every((n) => n.path.startsWith('/poseest') && n.attrs === undefined)).toBe(true);
          expect(sub.find((n) => n.path === '/poseest/points')?.storageSize).toBeGreaterThan(0);
          await expect(file.tree('/no/such/group')).rejects.toThrow(/Nothing exists at \/no\/such\/group/);
        });
      });
    });

    describe('NWB summaries', () => {
      it('gives one ordered field list, the subject and typed sections', async () => {
        await withFile(explorer, targets.nwbFile.uri, async (file) => {
          const summary = await file.nwbSummary();
          const labels = summary.fields.map((f) => f.label);
          expect(labels[0]).toBe('nwb_version');
          expect(summary.fields[0]?.value).toMatch(/^2\./);
          const order = labels.map((l) => SESSION_ORDER.indexOf(l));
          expect(order.every((index) => index >= 0)).toBe(true);
          expect([...order].sort((a, b) => a - b)).toEqual(order);
          expect(summary.subject.find((f) => f.label === 'species')?.value).toBe('Mus musculus');
          const processing = summary.sections.find((s) => s.name === 'processing');
          const interfaces = processing?.objects.flatMap((o) => o.children ?? []).map((c) => c.neurodataType);
          expect(interfaces).toContain('ndx-pose.PoseEstimation');
        });
      });
    });

    describe('pose views', () => {
      it('reads the whole of a short file, then a window decimated to at most N points that keeps the extremes', async () => {
        await withFile(explorer, targets.poseFile.uri, async (file) => {
          const all = await file.pose();
          expectPoseShape(all);
          expect(all.source).toBe('jabs');
          expect([all.start, all.end]).toEqual([0, all.frameCount]);
          expect(all.series[0]?.frame).toHaveLength(all.frameCount);
          expect(all.metrics[0]?.find((m) => m.keypoint === 'nose')?.distance).toBeGreaterThan(0);

          const end = Math.min(all.frameCount, 130);
          const window = await file.pose({ start: 10, end, points: 25 });
          expectPoseShape(window);
          expect([window.start, window.end]).toEqual([10, end]);
          for (const series of window.series) {
            expect(series.frame.length).toBeLessThanOrEqual(25);
            expect(series.frame.every((f) => f >= 10 && f < end)).toBe(true);
            const full = all.series.find((s) => s.individual === series.individual && s.keypoint === series.keypoint);
            const xs = (full?.x ?? []).slice(10, end);
            if (xs.some((v) => !Number.isNaN(v))) expect(finiteMax(series.x)).toBe(finiteMax(xs));
          }
          await expect(file.pose({ start: 0, end: all.frameCount + 1 })).rejects.toThrow(/past the/);
          await expect(file.pose({ start: all.frameCount + 1 })).rejects.toThrow(/start frame .* past the/);
          await expect(file.pose({ keypoints: ['no_such_keypoint'] })).rejects.toThrow(/no_such_keypoint/);
        });
      });

      it('picks an individual and keypoints, and an ndx-pose container by path', async () => {
        await withFile(explorer, targets.nwbFile.uri, async (file) => {
          const first = await file.pose();
          expectPoseShape(first);
          const chosen = await file.pose({ container: first.container, keypoints: first.keypoints.slice(0, 2) });
          expect(chosen.container).toBe(first.container);
          expect(chosen.keypoints).toEqual(first.keypoints.slice(0, 2));
          expectPoseShape(chosen);
          await expect(file.pose({ container: '/processing/behavior/NoSuchCamera' })).rejects.toThrow(/NoSuchCamera/);
          // A DANDI asset's bytes are a blob URL; a message about its content names it as it was opened.
          await expect(file.pose({ keypoints: ['no_such_keypoint'] })).rejects.toThrow(
            `${targets.nwbFile.uri} has no keypoint "no_such_keypoint"; it has "${first.keypoints[0]}"`,
          );
        });
      });
    });

    describe('corpus files against what h5py saw', () => {
      it.each(CONTRACT_CORPUS)('%s: tree, root attributes, dataset shapes and first values', async (name) => {
        if (!corpusUri) return;
        const { nodes, rootAttrs } = corpusExpected(name.slice(name.indexOf('/') + 1));
        await withFile(explorer, corpusUri(name), async (file) => {
          const tree = await file.tree('/', { attrs: false });
          const byPath = new Map(tree.map((n) => [n.path, n]));
          for (const expected of nodes.values()) {
            const node = byPath.get(expected.path);
            expect(node?.kind, expected.path).toBe(expected.kind);
            if (expected.kind === 'dataset' && expected.shape)
              expect(node?.shape, expected.path).toEqual(expected.shape);
          }
          expect(Object.keys(await file.attrs('/')).sort()).toEqual([...rootAttrs].sort());
          const small = [...nodes.values()].find(
            (n) =>
              n.kind === 'dataset' && Array.isArray(n.value) && n.shape?.length === 1 && typeof n.value[0] === 'number',
          );
          if (small) {
            const json = await file.valuesJson(small.path);
            expect(json.values).toEqual(small.value);
          }
        });
      });

      it('summarises a corpus NWB file and reads its ndx-pose pose', async () => {
        if (!corpusUri) return;
        await withFile(explorer, corpusUri('ndx-pose/0.3.0_poseestimation_one_camera.nwb'), async (file) => {
          expect((await file.nwbSummary()).fields[0]).toMatchObject({ label: 'nwb_version' });
          const view = await file.pose({ points: 9 });
          expect(view.source).toBe('ndx-pose');
          expectPoseShape(view);
          for (const series of view.series) expect(series.frame.length).toBeLessThanOrEqual(9);
        });
      });
    });
  });
}
