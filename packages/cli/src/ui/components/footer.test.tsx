import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { bindingsFor } from '../keys.js';
import { Footer } from './footer.js';
import { HELP_KEYS_WIDTH, HelpView, helpLines, wrapWords } from './help-view.js';

describe('Footer and help', () => {
  it('prints the footer keys of the screen from the key map', () => {
    const frame = render(<Footer bindings={bindingsFor('browser', true)} />).lastFrame() ?? '';
    expect(frame).toContain('⏎/→ open');
    expect(frame).toContain('↓/j down');
    expect(frame).toContain('⌫/← up');
    expect(frame).toContain('q quit');
    expect(frame).not.toContain('expand');
  });
  it('lists the current screen first, then the others with where they work', () => {
    const frame = render(<HelpView screen="pose" height={60} />).lastFrame() ?? '';
    expect(frame.indexOf('next individual')).toBeLessThan(frame.indexOf('On other screens'));
    expect(frame.indexOf('On other screens')).toBeLessThan(frame.indexOf('open folder or file'));
    expect(frame).toMatch(/expand group \(File\)/);
    expect(frame).not.toContain('… ');
  });
  it('aligns every description in one column, wrapping long ones inside it at 60 columns', () => {
    const lines = helpLines('pose', 58);
    for (const line of lines.filter((l) => !l.heading)) {
      expect(line.text.length).toBeLessThanOrEqual(58 - HELP_KEYS_WIDTH);
      expect(line.keys.length).toBeLessThan(HELP_KEYS_WIDTH);
    }
    expect(lines.filter((l) => l.keys === '' && !l.heading).length).toBeGreaterThan(0);
    const frame = render(<HelpView screen="pose" height={60} width={60} />).lastFrame() ?? '';
    // Every binding line has its description starting in the same column, right after the padded keys.
    const rows = frame
      .split('\n')
      .slice(1)
      .filter((l) => l.trim() && !/^ On (the|other)/.test(l));
    for (const row of rows) {
      expect(row.slice(1 + HELP_KEYS_WIDTH - 1, 1 + HELP_KEYS_WIDTH), row).toBe(' ');
      expect(row.charAt(1 + HELP_KEYS_WIDTH), row).not.toBe(' ');
    }
  });
  it('fits a short terminal, counting what it leaves out, and scrolls', () => {
    const frame = render(<HelpView screen="browser" height={8} />).lastFrame() ?? '';
    expect(frame.split('\n')).toHaveLength(8);
    expect(frame).toContain('Keys (press ? again to close)');
    expect(frame).toMatch(/… \d+ more below \(↓ to scroll\)/);
    const scrolled = render(<HelpView screen="browser" height={8} start={5} />).lastFrame() ?? '';
    expect(scrolled).toContain('↑ for more');
    expect(scrolled).not.toContain('On the Browse screen');
  });
  it('wraps words at spaces and splits a word longer than the line', () => {
    expect(wrapWords('one two three', 7)).toEqual(['one two', 'three']);
    expect(wrapWords('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapWords('', 4)).toEqual(['']);
  });
});
