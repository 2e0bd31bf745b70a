import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { chunkKey, isMouseReport, keyChunks } from './use-keys.js';

const NO_KEY = { backspace: false } as Key;

describe('key chunks', () => {
  it.each([
    ['jjj', ['j', 'j', 'j']],
    ['\u001B[A', ['\u001B[A']],
    ['[<64;12;5M', ['[<64;12;5M']],
    ['x', ['x']],
  ])('%j arrives as %j', (input, chunks) => expect(keyChunks(input)).toEqual(chunks));

  it('turns each of several backspaces that came together into a backspace', () => {
    const chunks = keyChunks('\u007F\u007F').map((c) => chunkKey(c, NO_KEY, '\u007F\u007F'));
    expect(chunks.map((c) => c.key.backspace)).toEqual([true, true]);
    expect(chunkKey('j', NO_KEY, 'jj').key.backspace).toBe(false);
  });

  it.each([
    ['[<64;12;5M', true],
    ['\u001B[<65;1;1M', true],
    ['[<0;3;4m', true],
    ['[<64;12M', false],
    ['q', false],
  ])('%j is a mouse report: %s', (input, expected) => expect(isMouseReport(input)).toBe(expected));
});
