import { describe, expect, it } from 'vitest';
import { Prng } from './prng.js';

describe('Prng', () => {
  it('repeats for the same seed and stream, and differs for another seed or stream', () => {
    const draw = (rng: Prng): number[] => Array.from({ length: 8 }, () => rng.uint32());
    expect(draw(new Prng(1, 'a'))).toEqual(draw(new Prng(1, 'a')));
    expect(draw(new Prng(1, 'a'))).not.toEqual(draw(new Prng(2, 'a')));
    expect(draw(new Prng(1, 'a'))).not.toEqual(draw(new Prng(1, 'b')));
  });

  it('gives uniform numbers in range and normal deviates with the asked mean and spread', () => {
    const rng = new Prng(7);
    const n = 20_000;
    const u = Array.from({ length: n }, () => rng.next());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(u.reduce((a, b) => a + b, 0) / n).toBeCloseTo(0.5, 1);
    const z = Array.from({ length: n }, () => rng.normal(3, 2));
    const mean = z.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(z.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    expect(mean).toBeCloseTo(3, 1);
    expect(sd).toBeCloseTo(2, 1);
    const ints = new Set(Array.from({ length: 1000 }, () => rng.int(2, 5)));
    expect([...ints].sort()).toEqual([2, 3, 4, 5]);
  });

  it('makes version 4 shaped UUIDs', () => {
    const rng = new Prng(3);
    for (let i = 0; i < 50; i++)
      expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
