import { describe, expect, it } from 'vitest';
import { flatIndex, parseDims, resolveSleapAxes, SleapAxesProblem, type SleapAnalysisShapes } from './sleap-axes.js';

// 2 tracks, 3 nodes, 5 frames unless a case says otherwise.
const matlab: SleapAnalysisShapes = {
  tracks: [2, 2, 3, 5],
  pointScores: [2, 3, 5],
  instanceScores: [2, 5],
  nodeCount: 3,
  trackNameCount: 2,
};
const untransposed: SleapAnalysisShapes = {
  tracks: [5, 3, 2, 2],
  pointScores: [5, 3, 2],
  instanceScores: [5, 2],
  nodeCount: 3,
  trackNameCount: 2,
};

describe('resolveSleapAxes', () => {
  it.each([
    ['SLEAP default (transpose=True)', matlab, 'matlab', ['track', 'xy', 'node', 'frame']],
    ['transpose=False', untransposed, 'transpose=False', ['frame', 'node', 'xy', 'track']],
    // An untracked export has no track names and one track column (`len(labels.tracks) or 1`).
    [
      'untracked, SLEAP default',
      { tracks: [1, 2, 3, 3], nodeCount: 3, trackNameCount: 0 },
      'matlab',
      ['track', 'xy', 'node', 'frame'],
    ],
    [
      'untracked, transpose=False',
      { tracks: [4, 3, 2, 1], nodeCount: 3, trackNameCount: 0 },
      'transpose=False',
      ['frame', 'node', 'xy', 'track'],
    ],
  ] as [string, SleapAnalysisShapes, string, string[]][])('infers %s from the shapes', (_, shapes, name, tracks) => {
    const axes = resolveSleapAxes(shapes, {});
    expect(axes).toMatchObject({ from: 'shapes', name, tracks });
  });

  it('without node names, the xy axis alone tells the orders apart', () => {
    expect(resolveSleapAxes({ tracks: [2, 2, 3, 5], trackNameCount: 2 }, {}).name).toBe('matlab');
    expect(resolveSleapAxes({ tracks: [5, 3, 2, 2], trackNameCount: 2 }, {}).name).toBe('transpose=False');
    expect(() => resolveSleapAxes({ tracks: [2, 2, 2, 2], trackNameCount: 2 }, {})).toThrow(/no node names/);
  });

  it('refuses shapes that fit both orders', () => {
    const shapes = { tracks: [2, 2, 2, 2], pointScores: [2, 2, 2], nodeCount: 2, trackNameCount: 2 };
    expect(() => resolveSleapAxes(shapes, {})).toThrow(SleapAxesProblem);
    try {
      resolveSleapAxes(shapes, {});
    } catch (error) {
      expect((error as SleapAxesProblem).kind).toBe('ambiguous');
    }
  });

  it.each([
    ['node names of another length', { ...matlab, nodeCount: 4 }],
    ['track names of another length', { ...matlab, trackNameCount: 3 }],
    ['point_scores of another shape', { ...matlab, pointScores: [2, 3, 4] }],
    ['instance_scores in the other order', { ...matlab, instanceScores: [5, 2] }],
    ['a 3-D tracks array', { ...matlab, tracks: [2, 3, 5] }],
  ])('refuses %s as a mismatch', (_, shapes) => {
    expect(() => resolveSleapAxes(shapes, {})).toThrow(expect.objectContaining({ kind: 'mismatch' }));
  });

  it('takes the order from dims, for each array, even where the shapes alone would be ambiguous', () => {
    const shapes = {
      tracks: [2, 2, 2, 2],
      pointScores: [2, 2, 2],
      instanceScores: [2, 2],
      nodeCount: 2,
      trackNameCount: 2,
    };
    const axes = resolveSleapAxes(shapes, { tracks: ['frame', 'track', 'node', 'xy'] });
    expect(axes).toMatchObject({
      from: 'dims',
      tracks: ['frame', 'track', 'node', 'xy'],
      pointScores: ['frame', 'track', 'node'],
      scores: ['frame', 'track'],
    });
    const own = resolveSleapAxes(shapes, { tracks: ['frame', 'track', 'node', 'xy'], scores: ['track', 'frame'] });
    expect(own.scores).toEqual(['track', 'frame']);
  });

  it('takes the order a file attribute names, and checks it against the shapes', () => {
    expect(resolveSleapAxes(untransposed, {}, 'transpose=False').from).toBe('attribute');
    expect(() => resolveSleapAxes(matlab, {}, 'transpose=False')).toThrow(SleapAxesProblem);
    expect(() => resolveSleapAxes(matlab, {}, 'sideways')).toThrow(/sideways/);
  });

  it('refuses dims that contradict the shapes', () => {
    expect(() => resolveSleapAxes(matlab, { tracks: ['frame', 'track', 'node', 'xy'] })).toThrow(SleapAxesProblem);
  });
});

describe('parseDims', () => {
  it.each([
    ['["frame", "track", "node", "xy"]', 4, ['frame', 'track', 'node', 'xy']],
    ['["track", "frame"]', 2, ['track', 'frame']],
    ['["track", "frame"]', 3, undefined],
    ['["track", "track"]', 2, undefined],
    ['["time", "track"]', 2, undefined],
    ['not json', 2, undefined],
    [undefined, 2, undefined],
  ] as const)('%s (rank %d)', (value, rank, expected) => {
    expect(parseDims(value, rank)).toEqual(expected);
  });
});

describe('flatIndex', () => {
  it('finds an element of a C-order array by axis name', () => {
    // (track, xy, node, frame) = (2, 2, 3, 5): element [1, 0, 2, 4]
    expect(flatIndex(['track', 'xy', 'node', 'frame'], [2, 2, 3, 5], { track: 1, xy: 0, node: 2, frame: 4 })).toBe(
      1 * 30 + 0 * 15 + 2 * 5 + 4,
    );
  });
});
