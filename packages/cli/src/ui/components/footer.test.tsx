import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { bindingsFor } from '../keys.js';
import { Footer } from './footer.js';
import { HelpView } from './help-view.js';

describe('Footer and help', () => {
  it('prints the footer keys of the screen from the key map', () => {
    const frame = render(<Footer bindings={bindingsFor('browser', true)} />).lastFrame() ?? '';
    expect(frame).toContain('⏎/→ open');
    expect(frame).toContain('↓/j down');
    expect(frame).toContain('⌫/← up');
    expect(frame).toContain('q quit');
    expect(frame).not.toContain('expand');
  });
  it('lists every binding once, those of the current screen first, in a 24-line terminal', () => {
    const frame = render(<HelpView screen="pose" />).lastFrame() ?? '';
    expect(frame.indexOf('next individual')).toBeLessThan(frame.indexOf('open folder or file'));
    expect(frame).toMatch(/retry after an error\s+everywhere/);
    expect(frame).toMatch(/expand group\s+File/);
    expect(frame.split('\n').length).toBeLessThanOrEqual(22);
  });
  it('fits a short terminal, counting what it leaves out', () => {
    const frame = render(<HelpView screen="browser" height={8} />).lastFrame() ?? '';
    expect(frame.split('\n')).toHaveLength(8);
    expect(frame).toContain('Keys (press ? again to close)');
    expect(frame).toMatch(/… \d+ more in a taller terminal/);
  });
});
