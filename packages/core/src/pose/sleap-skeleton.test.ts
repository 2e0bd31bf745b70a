import { describe, expect, it } from 'vitest';
import { parseSleapSkeletons, SleapMetadataProblem } from './sleap-skeleton.js';

const reduce = (type: number) => ({ 'py/reduce': [{ 'py/type': 'sleap.skeleton.EdgeType' }, { 'py/tuple': [type] }] });

describe('parseSleapSkeletons', () => {
  it('reads node order from the skeleton and edges as global indices remapped to it; symmetries are not edges', () => {
    const metadata = {
      nodes: [{ name: 'thorax' }, { name: 'head' }, { name: 'tail' }],
      skeletons: [
        {
          graph: { name: 'fly' },
          nodes: [{ id: 1 }, { id: 0 }, { id: 2 }],
          links: [
            { source: 1, target: 0, type: reduce(1) },
            { source: 0, target: 2, type: { 'py/id': 1 } },
            { source: 1, target: 2, type: reduce(2) },
            { source: 2, target: 1, type: { 'py/id': 2 } },
          ],
        },
      ],
    };
    expect(parseSleapSkeletons(metadata)).toEqual([
      {
        name: 'fly',
        nodes: ['head', 'thorax', 'tail'],
        edges: [
          [0, 1],
          [1, 2],
        ],
      },
    ]);
  });

  it('unwraps the nx_graph of SLEAP >= 1.3.2 and reads inline jsonpickle nodes', () => {
    const node = (name: string) => ({ 'py/object': 'sleap.skeleton.Node', 'py/state': { 'py/tuple': [name, 1.0] } });
    const metadata = {
      nodes: [{ name: 'a' }, { name: 'b' }],
      skeletons: [
        {
          nx_graph: {
            graph: { name: 's' },
            nodes: [{ id: 0 }, { id: 1 }],
            links: [{ source: node('b'), target: node('a'), type: reduce(1) }],
          },
        },
      ],
    };
    expect(parseSleapSkeletons(metadata)).toEqual([{ name: 's', nodes: ['a', 'b'], edges: [[1, 0]] }]);
  });

  it.each([
    ['a node index out of range', { nodes: [{ name: 'a' }], skeletons: [{ nodes: [{ id: 3 }], links: [] }] }],
    [
      'an edge to a node the skeleton does not list',
      {
        nodes: [{ name: 'a' }, { name: 'b' }],
        skeletons: [{ nodes: [{ id: 0 }], links: [{ source: 0, target: 1, type: reduce(1) }] }],
      },
    ],
    ['skeletons that are not a list', { nodes: [], skeletons: {} }],
    ['a node without a name', { nodes: [{ weight: 1 }], skeletons: [] }],
  ])('refuses %s', (_, metadata) => {
    expect(() => parseSleapSkeletons(metadata)).toThrow(SleapMetadataProblem);
  });
});
