import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSleapPredictions, SLEAP_SAMPLE_NODES } from './sleap-labels.js';
import { byPath, CORPUS, describePaths, requireH5py, type H5pyFile, type H5pyNode } from './test-support/h5py.js';
import type { GeneratedFile } from './types.js';

let generated: GeneratedFile;
let seen: H5pyFile;
let real: H5pyFile;

beforeAll(async () => {
  requireH5py();
  generated = await generateSleapPredictions({ seed: 3, frames: 60, animals: 2 });
  // Without values: missing points are NaN, which the description's JSON cannot hold.
  const dir = mkdtempSync(join(tmpdir(), 'ember-sleap-'));
  try {
    writeFileSync(join(dir, 'predictions.slp'), generated.bytes);
    [seen] = describePaths([join(dir, 'predictions.slp')], false) as [H5pyFile];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  [real] = describePaths([join(CORPUS, 'sleap/minimal_instance.slp')], false) as [H5pyFile];
});

function node(file: H5pyFile, path: string): H5pyNode {
  const n = byPath(file).get(path);
  if (!n) throw new Error(`h5py sees no ${path}`);
  return n;
}

describe('generated SLEAP predictions look like SLEAP labels files (h5py)', () => {
  it("has the real file's tables, member names and types (1.2 adds tracking_score; bools are u1)", () => {
    expect(node(seen, '/frames').dtype).toBe(node(real, '/frames').dtype);
    expect(node(seen, '/instances').dtype).toBe(
      node(real, '/instances').dtype!.replace(/\]$/, ", ('tracking_score', '<f4')]"),
    );
    expect(node(seen, '/points').dtype).toBe(node(real, '/points').dtype!.replace(/'\?'/g, "'u1'"));
    expect(node(seen, '/pred_points').dtype).toBe(node(real, '/pred_points').dtype!.replace(/'\?'/g, "'u1'"));
    expect(node(seen, '/metadata').attrs.sort()).toEqual(node(real, '/metadata').attrs.sort());
    for (const path of ['/frames', '/instances', '/points', '/pred_points', '/videos_json', '/tracks_json']) {
      expect(node(seen, path).maxshape, path).toEqual([null]);
    }
    expect(node(seen, '/videos_json').dtype).toMatch(/^\|S\d+$/);
  });

  it('lists the skeleton nodes in the metadata JSON, in skeleton order', () => {
    const metadata = JSON.parse(String(node(seen, '/metadata').attr_values.json)) as {
      nodes: { name: string }[];
      skeletons: { nodes: { id: number }[] }[];
    };
    expect(metadata.skeletons[0]!.nodes.map((n) => metadata.nodes[n.id]!.name)).toEqual([...SLEAP_SAMPLE_NODES]);
    expect(node(seen, '/metadata').attr_values.format_id).toBe(1.2);
  });
});
