import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import type { NwbSummaryView as Summary } from '../data.js';
import { NwbSummaryView, summaryLines } from './nwb-summary-view.js';

const summary: Summary = {
  fields: [
    { label: 'nwb_version', value: '2.7.0' },
    { label: 'session_description', value: 'SYNTHETIC sniff session' },
  ],
  subject: [{ label: 'species', value: 'Mus musculus' }],
  sections: [
    {
      name: 'acquisition',
      objects: [{ name: 'thermistor', path: '/acquisition/thermistor', neurodataType: 'TimeSeries' }],
    },
    {
      name: 'processing',
      objects: [
        {
          name: 'behavior',
          path: '/processing/behavior',
          neurodataType: 'ProcessingModule',
          children: [
            {
              name: 'PoseEstimationDeepLabCut',
              path: '/processing/behavior/PoseEstimationDeepLabCut',
              neurodataType: 'ndx-pose.PoseEstimation',
            },
          ],
        },
      ],
    },
    { name: 'stimulus', objects: [] },
  ],
  namespaces: [{ label: 'core', value: '2.7.0' }],
};

describe('NwbSummaryView', () => {
  it('shows session fields, subject, sections with neurodata types, and nested interfaces', () => {
    const frame = render(<NwbSummaryView summary={summary} start={0} height={30} width={90} />).lastFrame() ?? '';
    expect(frame).toMatch(/session_description\s+SYNTHETIC sniff session/);
    expect(frame).toMatch(/species\s+Mus musculus/);
    expect(frame).toContain('acquisition/');
    expect(frame).toContain('  thermistor  (TimeSeries)');
    expect(frame).toContain('    PoseEstimationDeepLabCut  (ndx-pose.PoseEstimation)');
    expect(frame).toMatch(/stimulus\/\n\s+\(empty\)/);
    expect(frame).toMatch(/core\s+2.7.0/);
  });
  it('scrolls by lines', () => {
    const lines = summaryLines(summary);
    const frame =
      render(<NwbSummaryView summary={summary} start={lines.length - 2} height={5} width={90} />).lastFrame() ?? '';
    expect(frame).not.toContain('Session');
    expect(frame).toContain('Cached namespaces');
  });
});
