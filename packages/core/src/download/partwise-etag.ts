// Whether a download's ranged parts are exactly DANDI's parts for a dandi-etag.
import { dandiPartLayout, partAt } from './dandi-etag.js';
import type { PartState } from './resume-state.js';

/** True when `parts` are DANDI's parts for a file of `size` bytes (so a partwise dandi-etag applies). */
export function partsMatchDandiLayout(parts: readonly PartState[], size: number): boolean {
  if (size === 0) return false;
  const layout = dandiPartLayout(size);
  return (
    parts.length === layout.count &&
    parts.every((part, index) => {
      const expected = partAt(layout, index);
      return part.start === expected.offset && part.end === expected.offset + expected.size - 1;
    })
  );
}
