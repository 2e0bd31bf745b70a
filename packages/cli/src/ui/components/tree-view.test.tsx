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
  it('shows a failed group as one sentence', () => {
    const failed = [row('/broken', 0, { expanded: true, error: 'The file is truncated at byte 4096.' })];
    expect(render(<TreeView rows={failed} cursor={0} start={0} height={3} width={70} />).lastFrame()).toContain(
      '✖ The file is truncated at byte 4096.',
    );
  });
});
