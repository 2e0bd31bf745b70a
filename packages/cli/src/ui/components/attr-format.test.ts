import { describe, expect, it } from 'vitest';
import { formatAttrValue } from './attr-format.js';

describe('formatAttrValue', () => {
  it.each([
    [{ reference: '/acquisition/x' }, '→ /acquisition/x'],
    [
      { error: 'The attribute ld of /g cannot be read: dense attribute storage.' },
      '✖ unreadable: The attribute ld of /g cannot be read: dense attribute storage.',
    ],
    [[1, 2], '[1, 2]'],
    ['', '""'],
  ])('%j reads %s', (value, text) => {
    expect(formatAttrValue(value)).toBe(text);
  });
});
