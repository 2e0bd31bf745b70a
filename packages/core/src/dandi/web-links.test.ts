import { describe, expect, it } from 'vitest';
import { dandiWebLinks } from './web-links.js';

const asset = {
  dandisetId: '000463',
  version: '0.240101.1200',
  path: 'sub-ADPTM01/sub-ADPTM01_behavior+pose.nwb',
  downloadUrl: 'https://api-dandi.emberarchive.org/api/assets/8c4e/download/',
};

describe('dandiWebLinks', () => {
  it('links an NWB asset to the web file browser at its folder and to Neurosift', () => {
    expect(dandiWebLinks({ web: 'https://dandi.emberarchive.org' }, asset)).toEqual([
      { label: 'DANDI web', url: 'https://dandi.emberarchive.org/dandiset/000463/0.240101.1200/files?location=sub-ADPTM01' },
      {
        label: 'Neurosift',
        url: 'https://neurosift.app/nwb?url=https://api-dandi.emberarchive.org/api/assets/8c4e/download/&dandisetId=000463&dandisetVersion=0.240101.1200',
      },
    ]);
  });

  it('uses the draft for an unversioned asset, the top folder for a top-level file, and no Neurosift for other files', () => {
    const links = dandiWebLinks({ web: 'https://dandiarchive.org' }, { ...asset, version: undefined, path: 'dataset_description.json' });
    expect(links).toEqual([{ label: 'DANDI web', url: 'https://dandiarchive.org/dandiset/000463/draft/files?location=' }]);
  });

  it('offers no web browser link on an instance without one', () => {
    expect(dandiWebLinks({ web: null }, asset).map((l) => l.label)).toEqual(['Neurosift']);
  });
});
