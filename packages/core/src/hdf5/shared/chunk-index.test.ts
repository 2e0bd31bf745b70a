import { describe, expect, it } from 'vitest';
import { chunkRangesFromNode } from './chunk-index.js';

/** A v1 raw-data-chunk B-tree node for a 1-D dataset (keys: size, mask, offset, element-size offset). */
function node(
  level: number,
  children: { offset: number; address: number; size: number }[],
  endOffset: number,
): Uint8Array {
  const keySize = 8 + 8 * 2;
  const bytes = new Uint8Array(24 + children.length * (keySize + 8) + keySize);
  const view = new DataView(bytes.buffer);
  bytes.set([0x54, 0x52, 0x45, 0x45, 1, level]);
  view.setUint16(6, children.length, true);
  let at = 24;
  for (const child of children) {
    view.setUint32(at, child.size, true);
    view.setBigUint64(at + 8, BigInt(child.offset), true);
    view.setBigUint64(at + keySize, BigInt(child.address), true);
    at += keySize + 8;
  }
  view.setBigUint64(at + 8, BigInt(endOffset), true);
  return bytes;
}

const chunks = [0, 100, 200, 300].map((offset, i) => ({ offset, address: 10_000 + i * 500, size: 400 + i }));

describe('chunkRangesFromNode', () => {
  it('lists the chunks of a leaf that intersect the selection', () => {
    const leaf = node(0, chunks, 400);
    expect(chunkRangesFromNode(leaf, { chunk: [100], starts: [150], stops: [301] }, 1e6)).toEqual([
      [10_500, 401],
      [11_000, 402],
      [11_500, 403],
    ]);
    expect(chunkRangesFromNode(leaf, { chunk: [100], starts: [0], stops: [1] }, 1e6)).toEqual([[10_000, 400]]);
  });

  it('lists child nodes, sized like the node read, for inner levels', () => {
    const inner = node(1, chunks, 400);
    expect(chunkRangesFromNode(inner, { chunk: [100], starts: [0], stops: [50] }, 1e6)).toEqual([
      [10_000, inner.length],
    ]);
  });

  it('ignores other bytes, group B-trees and nodes whose addresses lie outside the file', () => {
    expect(chunkRangesFromNode(new Uint8Array(100), { chunk: [100], starts: [0], stops: [10] }, 1e6)).toBeUndefined();
    const group = node(0, chunks, 400);
    group[4] = 0;
    expect(chunkRangesFromNode(group, { chunk: [100], starts: [0], stops: [10] }, 1e6)).toBeUndefined();
    expect(
      chunkRangesFromNode(node(0, chunks, 400), { chunk: [100], starts: [0], stops: [10] }, 10_200),
    ).toBeUndefined();
  });
});
