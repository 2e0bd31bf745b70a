import { describe, expect, it } from 'vitest';
import { UnsupportedError } from '../errors.js';
import { parsePickle } from './pickle.js';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)));

describe('parsePickle', () => {
  it.each([
    // protocol 0, as PyTables writes pandas attributes (values written by CPython's pickle.dumps(..., 0))
    [
      'protocol 0 list of tuples with memo get',
      '(lp0\n(VDLC\np1\nVsnout\np2\nVx\np3\ntp4\na(g1\ng2\nVy\np5\ntp6\na.',
      [
        ['DLC', 'snout', 'x'],
        ['DLC', 'snout', 'y'],
      ],
    ],
    [
      'protocol 0 nested dict with int key',
      '(dp0\nI1\n(dp1\nVnames\np2\n(lp3\nVscorer\np4\naVbodyparts\np5\nassVtype\np6\nVMultiIndex\np7\ns.',
      { 1: { names: ['scorer', 'bodyparts'] }, type: 'MultiIndex' },
    ],
    ['protocol 0 empty list', '(lp0\n.', []],
    [
      'protocol 0 bools, None, floats, longs',
      '(lp0\nI01\naI00\naNaF1.5\naL12345678901234567890L\na.',
      [true, false, null, 1.5, 12345678901234567890n],
    ],
    ['protocol 0 unicode escapes', '(lp0\nV\\u00e9t\\u00e9\np1\na.', ['été']],
    ['protocol 0 byte strings', "(lp0\nS'a\\'b'\np1\na.", ["a'b"]],
  ])('%s', (_name, input, expected) => {
    expect(parsePickle(input)).toEqual(expected);
  });

  it('reads protocol 2 binary pickles (BINUNICODE, BINPUT/BINGET, APPENDS)', () => {
    // pickle.dumps([('DLC_x','ind1','snout','x'),('DLC_x','ind1','snout','y')], protocol=2)
    const input = bytes(
      [0x80, 2],
      ']q',
      [0],
      '((X',
      [5, 0, 0, 0],
      'DLC_xq',
      [1],
      'X',
      [4, 0, 0, 0],
      'ind1q',
      [2],
      'X',
      [5, 0, 0, 0],
      'snoutq',
      [3],
      'X',
      [1, 0, 0, 0],
      'xq',
      [4],
      'tq',
      [5],
      '(h',
      [1],
      'h',
      [2],
      'h',
      [3],
      'X',
      [1, 0, 0, 0],
      'yq',
      [6],
      'tq',
      [7],
      'e.',
    );
    expect(parsePickle(input)).toEqual([
      ['DLC_x', 'ind1', 'snout', 'x'],
      ['DLC_x', 'ind1', 'snout', 'y'],
    ]);
  });

  it('reads protocol 2 numbers (BININT1, BININT, BINFLOAT, LONG1, NEWTRUE) in a dict', () => {
    // pickle.dumps({'n':3,'f':1.5,'big':2**70,'neg':-5,'t':True}, protocol=2)
    const input = bytes(
      [0x80, 2],
      '}q',
      [0],
      '(X',
      [1, 0, 0, 0],
      'nq',
      [1],
      'K',
      [3],
      'X',
      [1, 0, 0, 0],
      'fq',
      [2],
      'G',
      [0x3f, 0xf8, 0, 0, 0, 0, 0, 0],
      'X',
      [3, 0, 0, 0],
      'bigq',
      [3],
      [0x8a, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0x40],
      'X',
      [3, 0, 0, 0],
      'negq',
      [4],
      'J',
      [0xfb, 0xff, 0xff, 0xff],
      'X',
      [1, 0, 0, 0],
      'tq',
      [5],
      [0x88],
      'u.',
    );
    expect(parsePickle(input)).toEqual({ n: 3, f: 1.5, big: 2n ** 70n, neg: -5, t: true });
  });

  it('reads protocol 4 frames (SHORT_BINUNICODE, MEMOIZE, TUPLE3)', () => {
    // pickle.dumps([('sc','bp','x')], protocol=4)
    const input = bytes(
      [0x80, 4, 0x95, 0x14, 0, 0, 0, 0, 0, 0, 0],
      ']',
      [0x94, 0x8c, 2],
      'sc',
      [0x94, 0x8c, 2],
      'bp',
      [0x94, 0x8c, 1],
      'x',
      [0x94, 0x87, 0x94],
      'a.',
    );
    expect(parsePickle(input)).toEqual([['sc', 'bp', 'x']]);
  });

  it.each([
    ['GLOBAL (object construction)', "cos\nsystem\n(S'echo hi'\ntR."],
    ['no STOP', '(lp0\n'],
    ['unknown memo', '(lp0\ng7\na.'],
    ['truncated binary string', bytes([0x80, 2], 'X', [9, 0, 0, 0], 'ab')],
  ])('refuses %s with a typed error', (_name, input) => {
    expect(() => parsePickle(input, 'test.h5')).toThrow(UnsupportedError);
  });
});
