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
  it('lists every binding, the current screen first', () => {
    const frame = render(<HelpView screen="pose" />).lastFrame() ?? '';
    expect(frame.indexOf('Pose (keypoints')).toBeLessThan(frame.indexOf('Browse (folders'));
    expect(frame).toContain('next individual');
    expect(frame).toContain('retry after an error');
  });
});
