import { describe, expect, it } from 'vitest';
import { actionFor, bindingsFor, KEY_MAP, type KeyPress, type ScreenKind } from './keys.js';

const SCREENS: ScreenKind[] = ['browser', 'file', 'nwb', 'pose', 'download', 'details'];
// Every key a user is likely to press, as Ink reports it.
const PRESSES: [string, KeyPress][] = [
  ['', { upArrow: true }],
  ['', { downArrow: true }],
  ['', { leftArrow: true }],
  ['', { rightArrow: true }],
  ['', { return: true }],
  ['', { backspace: true }],
  ['', { delete: true }],
  ['', { escape: true }],
  ['', { pageDown: true }],
  ['', { pageUp: true }],
  ['c', { ctrl: true }],
  ['[<64;3;4M', {}],
  ['[<65;3;4M', {}],
  ['[<0;3;4m', {}],
  ...[...'qhjklgGnp[]r? +=-_0<>,.{}tmidxc/'].map((c): [string, KeyPress] => [c, {}]),
];

describe('key map', () => {
  it('gives each key press at most one meaning per screen', () => {
    for (const screen of SCREENS) {
      for (const [input, key] of PRESSES) {
        const matching = bindingsFor(screen)
          .filter((b) => b.matches(input, key))
          .map((b) => b.action);
        expect(
          new Set(matching).size,
          `${screen} ${JSON.stringify([input, key])}: ${matching.join(',')}`,
        ).toBeLessThanOrEqual(1);
      }
    }
  });
  it.each([
    ['browser', '', { return: true }, 'open'],
    ['browser', '', { delete: true }, 'back'],
    ['browser', '', { leftArrow: true }, 'back'],
    ['file', '', { leftArrow: true }, 'collapse'],
    ['file', '', { return: true }, 'expand'],
    ['file', 'n', {}, 'nwb'],
    ['pose', ']', {}, 'nextIndividual'],
    ['nwb', '', { escape: true }, 'back'],
    ['pose', 'q', {}, 'quit'],
    ['browser', '?', {}, 'help'],
    ['browser', 'c', { ctrl: true }, 'quit'],
  ] as const)('%s: %j %j means %s', (screen, input, key, action) => {
    expect(actionFor(screen, input, key)).toBe(action);
  });
  it('leaves unbound keys alone', () => {
    expect(actionFor('browser', 'n', {})).toBeUndefined();
    expect(actionFor('nwb', '', { return: true })).toBeUndefined();
  });
  it('shows quit and help in every footer', () => {
    for (const screen of SCREENS) {
      const actions = bindingsFor(screen, true).map((b) => b.action);
      expect(actions).toContain('quit');
      expect(actions).toContain('help');
    }
    expect(KEY_MAP.every((b) => b.description.length > 0)).toBe(true);
  });
});
