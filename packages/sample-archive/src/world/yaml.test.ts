import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { toYaml } from './yaml.js';

describe('toYaml', () => {
  it.each([
    [{ a: 1, b: 'x' }, 'a: 1\nb: x\n'],
    [{ list: [1, 2] }, 'list:\n  - 1\n  - 2\n'],
    [{ list: [{ k: 'v', n: null }] }, 'list:\n  - k: v\n    n: null\n'],
    [{ s: 'true', t: '0.6.10', e: [], o: {} }, 's: "true"\nt: "0.6.10"\ne: []\no: {}\n'],
  ])('%j', (value, yaml) => {
    expect(toYaml(value)).toBe(yaml);
  });

  it('reads back as the same value with a real YAML parser', () => {
    const value = {
      name: 'x: y',
      nested: { list: [{ a: 'multi\nline', b: ['c', 'd'] }, 3, 'plain text'] },
      '@context': 'https://e/x.json',
    };
    const parsed = execFileSync(
      '/usr/bin/python3',
      ['-c', 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))'],
      { input: toYaml(value) },
    );
    expect(JSON.parse(parsed.toString())).toEqual(value);
  });
});
