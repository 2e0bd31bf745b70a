// An in-memory ViewerApi over a tiny archive for component tests: one project, one dandiset with a folder, an NWB
// pose file, and an entry whose name carries markup (it must render as text).
import type { FileInfo, ViewerApi } from '../api/client.js';
import { ApiHttpError } from '../api/errors.js';
import type { ListingEntry, ListingPage, NwbSummaryView, PoseRequest, PoseView } from '../api/types.js';

/** The identifier of the fake dandiset. */
export const DANDISET = 'dandi://ember/000463@draft';
/** The fake pose file. */
export const POSE_FILE = `${DANDISET}/sub-01/sub-01_ses-1_behavior.nwb`;
/** A name with markup, as a hostile or careless upload could carry. */
export const MARKUP_NAME = '<img src=x onerror="window.__pwned=1">.nwb';

const folders: Record<string, ListingEntry[]> = {
  '': [
    { name: 'other', kind: 'folder', uri: 's3://ember-open-data/other/' },
    {
      name: '000463',
      kind: 'folder',
      uri: DANDISET,
      title: 'Mouse feeding (synthetic)',
      size: 3_000_000,
      fileCount: 2,
    },
  ],
  [DANDISET]: [{ name: 'sub-01', kind: 'folder', uri: `${DANDISET}/sub-01`, size: 2_000_000, fileCount: 2 }],
  [`${DANDISET}/sub-01`]: [
    { name: 'sub-01_ses-1_behavior.nwb', kind: 'file', uri: POSE_FILE, size: 1_048_576 },
    { name: MARKUP_NAME, kind: 'file', uri: `${DANDISET}/sub-01/${encodeURIComponent(MARKUP_NAME)}`, size: 12 },
  ],
};

/** A pose view of `frames` frames at 30 fps, two keypoints of one mouse, the nose missing at frame 2. */
export function fakePoseView(request: PoseRequest = {}, frames = 300): PoseView {
  const start = request.start ?? 0;
  const end = request.end ?? frames;
  const range = Array.from({ length: end - start }, (_, i) => start + i);
  const series = ['nose', 'tail_base'].map((keypoint, k) => ({
    individual: 'mouse',
    keypoint,
    frame: range,
    time: range.map((f) => f / 30),
    x: range.map((f) => (f === 2 && k === 0 ? Number.NaN : 100 + f + k * 20)),
    y: range.map((f) => 50 + Math.sin(f / 10) * 10 + k * 5),
    confidence: range.map((f) => (f % 10 === 0 ? 0.2 : 0.95)),
  }));
  return {
    source: 'ndx-pose',
    container: 'PoseEstimation',
    containers: ['PoseEstimation'],
    individuals: ['mouse'],
    keypoints: ['nose', 'tail_base'],
    edges: [[0, 1]],
    frameCount: frames,
    start,
    end,
    fps: 30,
    duration: (end - 1 - start) / 30,
    unit: 'pixels',
    threshold: request.threshold ?? 0.5,
    metrics: [
      [
        { keypoint: 'nose', missing: 0.01, lowConfidence: 0.1, distance: 123.4, meanSpeed: 12.5 },
        { keypoint: 'tail_base', missing: 0, lowConfidence: 0.1, distance: 98.7, meanSpeed: 9.9 },
      ],
    ],
    series,
  };
}

const summary: NwbSummaryView = {
  fields: [
    { label: 'session_description', value: 'Synthetic feeding session' },
    { label: 'identifier', value: 'abc' },
  ],
  subject: [{ label: 'subject_id', value: 'sub-01' }],
  sections: [
    {
      name: 'processing',
      objects: [
        {
          name: 'behavior',
          path: '/processing/behavior',
          neurodataType: 'ProcessingModule',
          children: [
            { name: 'PoseEstimation', path: '/processing/behavior/PoseEstimation', neurodataType: 'PoseEstimation' },
          ],
        },
      ],
    },
  ],
  namespaces: [{ label: 'ndx-pose', value: '0.2.0' }],
};

/** Calls the fake received, for assertions. */
export interface FakeApi extends ViewerApi {
  calls: { method: string; id?: string; request?: PoseRequest }[];
}

/** The fake ViewerApi; `overrides` replace single methods (e.g. to fail). */
export function createFakeApi(overrides: Partial<ViewerApi> = {}): FakeApi {
  const calls: FakeApi['calls'] = [];
  const api: FakeApi = {
    calls,
    async list(id): Promise<ListingPage> {
      calls.push({ method: 'list', ...(id === undefined ? {} : { id }) });
      const entries = folders[id ?? ''];
      if (entries === undefined) throw new ApiHttpError(`Nothing is at ${id}.`, 404, '/v1/list');
      return { entries };
    },
    async info(id): Promise<FileInfo> {
      calls.push({ method: 'info', id });
      return {
        uri: id,
        name: id.split('/').pop() ?? id,
        kind: 'file',
        size: 1_048_576,
        digests: { 'dandi:sha2-256': 'ab'.repeat(32) },
        asset: {
          instance: 'ember',
          assetId: '1111-2222',
          dandisetId: '000463',
          version: 'draft',
          path: 'sub-01/sub-01_ses-1_behavior.nwb',
          embargoed: false,
          metadata: { encodingFormat: 'application/x-nwb', accessStatus: 'dandi:OpenAccess' },
        },
        links: {
          dandiWeb: 'https://dandi.emberarchive.org/dandiset/000463/draft/files?location=sub-01',
          neurosift: 'https://neurosift.app/nwb?url=x',
          download: 'javascript:alert(1)',
        },
        webLinks: [],
      };
    },
    async nwb(id) {
      calls.push({ method: 'nwb', id });
      return summary;
    },
    async pose(id, request) {
      calls.push({ method: 'pose', id, request });
      return fakePoseView(request);
    },
    poseCsvUrl: (id, start, end) =>
      `http://viewer.test/v1/pose.csv?id=${encodeURIComponent(id)}&start=${start}&end=${end}`,
    h5groveUrl: 'http://viewer.test/h5grove',
    ...overrides,
  };
  return api;
}
