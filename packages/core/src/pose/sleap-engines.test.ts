// The SLEAP readers lean on compound tables and strided hyperslabs: both HDF5 engines must give them the same pose.
import { describe, expect, it } from 'vitest';
import { openHdf5Edge } from '../hdf5/edge/open-hdf5-edge.js';
import { BlockCache, CachedSource } from '../source/block-cache.js';
import { FileSource } from '../source/file-source.js';
import { readPose } from './read-pose.js';
import { CORPUS, openTestFile } from './test-support/corpus.js';

describe('SLEAP pose through the worker and the thread-less (edge) engine', () => {
  it.each([
    'sleap/minimal_instance.slp',
    'sleap/small_robot.000_small_robot_3_frame.analysis.h5',
    'sleap/generated/predictions.slp',
    'sleap/generated/old_labels.h5',
    'sleap/generated/tracked.untransposed.analysis.h5',
  ])('%s reads the same', async (path) => {
    const cache = new BlockCache({ blockSize: 4096 });
    const edge = await openHdf5Edge(new CachedSource(new FileSource(`${CORPUS}/${path}`), { cache }));
    const worker = await openTestFile(path);
    try {
      const [fromEdge, fromWorker] = [await readPose(edge, { start: 0 }), await readPose(worker, { start: 0 })];
      expect(fromWorker.tracks.length).toBeGreaterThan(0);
      expect({ ...fromEdge, location: '' }).toEqual({ ...fromWorker, location: '' });
    } finally {
      await edge.close();
      await worker.close();
    }
  });
});
