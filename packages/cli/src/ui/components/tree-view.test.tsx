import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import type { TreeRow } from '../hooks/use-tree.js';
import { TreeView } from './tree-view.js';

const row = (path: string, depth: number, more: Partial<TreeRow>): TreeRow => ({
  path,
  name: path.split('/').pop() ?? path,
  depth,
  kind: 'group',
  expanded: false,
  loading: false,
  ...more,
});

const rows: TreeRow[] = [
  row('/poseest', 0, { expanded: true }),
  row('/poseest/points', 1, { kind: 'dataset', shape: [1800, 12, 2], dtype: 'uint16' }),
  row('/poseest/confidence', 1, { kind: 'dataset', shape: [1800, 12], dtype: 'float32' }),
  row('/processing', 0, { expanded: true, loading: true }),
  row('/specifications', 0, {}),
  row('/link', 0, { kind: 'soft-link', target: '/poseest/points' }),
];

describe('TreeView', () => {
  it('indents children, marks groups open or closed, and shows dataset shapes and dtypes', () => {
    const frame = render(<TreeView rows={rows} cursor={1} start={0} height={10} width={70} />).lastFrame() ?? '';
    const lines = frame.split('\n');
    expect(lines[0]).toMatch(/^ {2}▾ poseest\//);
    expect(lines[1]).toMatch(/^› {3}· points \(1800, 12, 2\) uint16/);
    expect(lines[2]).toMatch(/^ {4}· confidence \(1800, 12\) float32/);
    expect(lines[3]).toMatch(/▾ processing\/ reading…/);
    expect(lines[4]).toMatch(/▸ specifications\//);
    expect(lines[5]).toMatch(/↪ link → \/poseest\/points/);
  });
  it('marks an object core could not open and a link that loops, each with its reason, beside the readable ones', () => {
    const marked = [
      row('/dset', 0, { kind: 'dataset', shape: [10], dtype: 'int32' }),
      row('/bogus', 0, { kind: 'unreadable', error: 'HDF5 cannot open /bogus (unknown message type 255).' }),
      row('/loop', 0, { kind: 'broken-link', target: '/loop', error: 'The soft link /loop points back at itself.' }),
    ];
    const lines = (
      render(<TreeView rows={marked} cursor={0} start={0} height={5} width={110} />).lastFrame() ?? ''
    ).split('\n');
    expect(lines[0]).toMatch(/· dset \(10,\) int32/);
    expect(lines[1]).toMatch(/✖ bogus ✖ unreadable: HDF5 cannot open \/bogus \(unknown message type 255\)\./);
    expect(lines[2]).toMatch(/↪ loop → \/loop \(broken: The soft link \/loop points back at itself\.\)/);
  });
  it('shows a failed group as one sentence', () => {
    const failed = [row('/broken', 0, { expanded: true, error: 'The file is truncated at byte 4096.' })];
    expect(render(<TreeView rows={failed} cursor={0} start={0} height={3} width={70} />).lastFrame()).toContain(
      '✖ The file is truncated at byte 4096.',
    );
  });
});
