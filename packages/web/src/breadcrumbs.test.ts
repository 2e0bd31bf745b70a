import { describe, expect, it } from 'vitest';
import { breadcrumbsOf } from './breadcrumbs.js';

describe('breadcrumbsOf', () => {
  it('splits a bucket prefix, keeping folder slashes', () => {
    expect(breadcrumbsOf('s3://ember-open-data/other/proj/')).toEqual([
      { label: 'EMBER' },
      { label: 'ember-open-data', id: 's3://ember-open-data/' },
      { label: 'other', id: 's3://ember-open-data/other/' },
      { label: 'proj', id: 's3://ember-open-data/other/proj/' },
    ]);
  });

  it('starts a dandiset path at the dandiset and ends at the file', () => {
    expect(breadcrumbsOf('dandi://ember/000463@draft/sub-01/a%23b.nwb').map((c) => [c.label, c.id])).toEqual([
      ['EMBER', undefined],
      ['000463@draft', 'dandi://ember/000463@draft'],
      ['sub-01', 'dandi://ember/000463@draft/sub-01'],
      ['a#b.nwb', 'dandi://ember/000463@draft/sub-01/a%23b.nwb'],
    ]);
  });

  it('shows any other identifier as one crumb', () => {
    expect(breadcrumbsOf('https://example.org/x.nwb')).toHaveLength(2);
    expect(breadcrumbsOf(undefined)).toEqual([{ label: 'EMBER' }]);
  });
});
