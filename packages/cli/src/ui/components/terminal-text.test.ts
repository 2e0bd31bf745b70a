import { describe, expect, it } from 'vitest';
import { terminalSafe } from './terminal-text.js';
import { truncate } from './units.js';

describe('terminalSafe', () => {
  it.each([
    ['plain name.nwb', 'plain name.nwb'],
    ['\u001B[31mred\u001B[0m', 'red'],
    ['\u001B[2J\u001B[Hcleared', 'cleared'],
    ['\u001B]0;window title\u0007after', 'after'],
    ['\u001B]8;;https://evil.example\u001B\\link\u001B]8;;\u001B\\', 'link'],
    ['bell\u0007 and backspace\b', 'bell and backspace'],
    ['two\nlines\r\n\tand a tab', 'two lines and a tab'],
    ['\u009B31mC1 CSI', 'C1 CSI'],
    ['access\u202E gnp.exe', 'access gnp.exe'],
    ['trailing escape \u001B', 'trailing escape '],
    ['ünïcödé ✓ keeps 中文', 'ünïcödé ✓ keeps 中文'],
  ])('%j -> %j', (raw, safe) => expect(terminalSafe(raw)).toBe(safe));

  it('is applied by truncate before measuring, so padding lines up', () => {
    expect(truncate('\u001B[1mabc\u001B[0m', 5)).toBe('abc');
    expect(truncate('\u001B[1mabcdefgh', 4)).toBe('abc…');
  });
});
