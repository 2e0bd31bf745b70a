import { POSE_VIEW_BINARY_TYPE, poseViewToBinary, ProtocolError, type PoseView } from '@ember-archive/core';
import { describe, expect, it } from 'vitest';
import { createViewerApi } from './client.js';
import { ApiHttpError, ApiUnreachableError } from './errors.js';

function fakeFetch(status: number, body: string | Uint8Array<ArrayBuffer>, seen: string[] = []): typeof fetch {
  return async (input) => {
    seen.push(String(input));
    const type = typeof body === 'string' ? 'application/json' : POSE_VIEW_BINARY_TYPE;
    return new Response(body, { status, headers: { 'content-type': type } });
  };
}

const pose: PoseView = {
  source: 'ndx-pose',
  containers: ['PoseEstimation'],
  individuals: ['m'],
  keypoints: ['nose'],
  edges: [],
  frameCount: 3,
  start: 0,
  end: 3,
  duration: Infinity,
  unit: 'pixels',
  threshold: 0.5,
  metrics: [[{ keypoint: 'nose', missing: 0.5, lowConfidence: NaN, distance: 1, meanSpeed: -Infinity }]],
  series: [
    {
      individual: 'm',
      keypoint: 'nose',
      frame: [0, 1, 2],
      time: [0, 1, 2],
      x: [1, NaN, Math.fround(0.1)],
      y: [1, 2, 3],
      confidence: [1, 1, NaN],
    },
  ],
};
const poseBody = poseViewToBinary(pose);

describe('createViewerApi', () => {
  it('sends identifiers and the pose request in the query, lists comma-separated', async () => {
    const seen: string[] = [];
    const api = createViewerApi('http://viewer.test', fakeFetch(200, poseBody, seen));
    await api.pose('dandi://ember/000463@draft/a b.nwb', {
      keypoints: ['nose', 'ear'],
      start: 10,
      end: 20,
      points: 500,
    });
    const url = new URL(seen[0] ?? '');
    expect(url.pathname).toBe('/v1/pose');
    expect(url.searchParams.get('id')).toBe('dandi://ember/000463@draft/a b.nwb');
    expect(url.searchParams.get('keypoints')).toBe('nose,ear');
    expect(url.searchParams.get('start')).toBe('10');
    expect(url.searchParams.has('individuals')).toBe(false);
  });

  it('reads the pose view bytes exactly: NaN, infinities, float32 values widened', async () => {
    const seen: string[] = [];
    const api = createViewerApi('http://viewer.test', fakeFetch(200, poseBody, seen));
    const view = await api.pose('f', {});
    expect(new URL(seen[0] ?? '').searchParams.get('format')).toBe('bin');
    expect(view).toEqual(pose);
    expect(view.series[0]?.x[2]).toBe(Math.fround(0.1));
    expect(view.fps).toBeUndefined();
  });

  it('refuses pose bytes that are not a whole view', async () => {
    const api = createViewerApi('http://viewer.test', fakeFetch(200, poseBody.slice(0, poseBody.length - 8)));
    await expect(api.pose('f', {})).rejects.toThrow(ProtocolError);
    await expect(api.pose('f', {})).rejects.toThrow(/could not be read/);
    const json = createViewerApi('http://viewer.test', fakeFetch(200, '{"series":[]}'));
    await expect(json.pose('f', {})).rejects.toThrow(/does not start with the pose view signature/);
  });

  it("reports the API's problem detail as the error sentence", async () => {
    const problem = JSON.stringify({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No asset at x.',
      code: 'E',
    });
    const api = createViewerApi('http://viewer.test', fakeFetch(404, problem));
    const error = await api.info('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiHttpError);
    expect((error as ApiHttpError).message).toBe('No asset at x.');
    expect((error as ApiHttpError).status).toBe(404);
  });

  it('names the URL when the API cannot be reached', async () => {
    const api = createViewerApi('http://viewer.test', async () => {
      throw new TypeError('fetch failed');
    });
    await expect(api.list(undefined)).rejects.toThrow(ApiUnreachableError);
    await expect(api.list(undefined)).rejects.toThrow(/http:\/\/viewer\.test\/v1\/list.*fetch failed/);
  });

  it('keeps listing names that read "NaN" as names, and the cursor', async () => {
    const body = JSON.stringify({ entries: [{ name: 'NaN', kind: 'file', uri: 's3://b/NaN', size: 4 }], next: 'c2' });
    const page = await createViewerApi('http://viewer.test', fakeFetch(200, body)).list('s3://b/');
    expect(page).toEqual({ entries: [{ name: 'NaN', kind: 'file', uri: 's3://b/NaN', size: 4 }], next: 'c2' });
  });

  it('builds absolute h5grove and CSV URLs', () => {
    const api = createViewerApi('http://viewer.test:8080', fakeFetch(200, '{}'));
    expect(api.h5groveUrl).toBe('http://viewer.test:8080/h5grove');
    expect(api.poseCsvUrl('a#b', 5, 9)).toBe('http://viewer.test:8080/v1/pose.csv?id=a%23b&start=5&end=9');
  });
});
