import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { InvalidInputError } from '../errors.js';
import { formatTarget, parentTarget, parseTarget, type ArchiveTarget } from './target.js';

const real = loadConfig({});
const sample = loadConfig({ EMBER_API_URL: 'http://127.0.0.1:4001/api', EMBER_S3_ENDPOINT: 'http://127.0.0.1:4000' });
const ASSET = '0b0a4ba2-3f41-4f6b-9d4e-1f2a3b4c5d6e';

// input, parsed target, canonical form (under the real EMBER configuration)
const CASES: Array<[string, ArchiveTarget, string]> = [
  ['', { kind: 'root' }, ''],
  ['/data/session.nwb', { kind: 'local', path: '/data/session.nwb' }, '/data/session.nwb'],
  [
    './pose_est_v5.h5#/poseest/points',
    { kind: 'local', path: './pose_est_v5.h5', fragment: '/poseest/points' },
    './pose_est_v5.h5#/poseest/points',
  ],
  ['file:///tmp/a%20b.h5', { kind: 'local', path: '/tmp/a b.h5' }, '/tmp/a b.h5'],
  ['notes#1.txt', { kind: 'local', path: 'notes#1.txt' }, 'notes#1.txt'],
  ['s3://ember-open-data/', { kind: 'bucket', bucket: 'ember-open-data', key: '' }, 's3://ember-open-data/'],
  ['s3://ember-open-data', { kind: 'bucket', bucket: 'ember-open-data', key: '' }, 's3://ember-open-data/'],
  [
    's3://ember-open-data/other/kumar2025/',
    { kind: 'bucket', bucket: 'ember-open-data', key: 'other/kumar2025/' },
    's3://ember-open-data/other/kumar2025/',
  ],
  [
    's3://ember-open-data/other/kumar2025/pose_files/a b_pose_est_v6.h5#/poseest',
    {
      kind: 'bucket',
      bucket: 'ember-open-data',
      key: 'other/kumar2025/pose_files/a b_pose_est_v6.h5',
      fragment: '/poseest',
    },
    's3://ember-open-data/other/kumar2025/pose_files/a b_pose_est_v6.h5#/poseest',
  ],
  [
    'https://ember-open-data.s3.amazonaws.com/other/kumar2025/index.html',
    { kind: 'bucket', bucket: 'ember-open-data', key: 'other/kumar2025/index.html' },
    's3://ember-open-data/other/kumar2025/index.html',
  ],
  [
    'https://s3.us-east-1.amazonaws.com/ember-open-data/other/',
    { kind: 'bucket', bucket: 'ember-open-data', key: 'other/' },
    's3://ember-open-data/other/',
  ],
  ['dandi://ember-dandi', { kind: 'instance', instance: 'ember-dandi' }, 'dandi://ember-dandi/'],
  ['dandi://ember-dandi/', { kind: 'instance', instance: 'ember-dandi' }, 'dandi://ember-dandi/'],
  [
    'dandi://ember-dandi/000463',
    { kind: 'dandiset', instance: 'ember-dandi', dandisetId: '000463', path: '' },
    'dandi://ember-dandi/000463',
  ],
  [
    'dandi://ember-dandi/000463@draft/sub-ADPTM01/',
    { kind: 'dandiset', instance: 'ember-dandi', dandisetId: '000463', version: 'draft', path: 'sub-ADPTM01/' },
    'dandi://ember-dandi/000463@draft/sub-ADPTM01/',
  ],
  [
    'dandi://dandi/000463@0.250101.1200/sub-01/sub-01_ses-1_behavior.nwb#/processing/behavior',
    {
      kind: 'dandiset',
      instance: 'dandi',
      dandisetId: '000463',
      version: '0.250101.1200',
      path: 'sub-01/sub-01_ses-1_behavior.nwb',
      fragment: '/processing/behavior',
    },
    'dandi://dandi/000463@0.250101.1200/sub-01/sub-01_ses-1_behavior.nwb#/processing/behavior',
  ],
  [
    'EMBER-DANDI:000463',
    { kind: 'dandiset', instance: 'ember-dandi', dandisetId: '000463', path: '' },
    'dandi://ember-dandi/000463',
  ],
  [
    'ember-dandi:000463/draft',
    { kind: 'dandiset', instance: 'ember-dandi', dandisetId: '000463', version: 'draft', path: '' },
    'dandi://ember-dandi/000463@draft',
  ],
  [
    'DANDI:000463/0.250101.1200',
    { kind: 'dandiset', instance: 'dandi', dandisetId: '000463', version: '0.250101.1200', path: '' },
    'dandi://dandi/000463@0.250101.1200',
  ],
  [
    'https://dandi.emberarchive.org/dandiset/000463/draft/files?location=sub-ADPTM01',
    { kind: 'dandiset', instance: 'ember-dandi', dandisetId: '000463', version: 'draft', path: 'sub-ADPTM01/' },
    'dandi://ember-dandi/000463@draft/sub-ADPTM01/',
  ],
  [
    'https://dandi.emberarchive.org/dandiset/000463',
    { kind: 'dandiset', instance: 'ember-dandi', dandisetId: '000463', path: '' },
    'dandi://ember-dandi/000463',
  ],
  [
    'https://dandiarchive.org/#/dandiset/000463/draft/files?location=sub-01%2F',
    { kind: 'dandiset', instance: 'dandi', dandisetId: '000463', version: 'draft', path: 'sub-01/' },
    'dandi://dandi/000463@draft/sub-01/',
  ],
  [
    `https://api-dandi.emberarchive.org/api/assets/${ASSET}/download/`,
    { kind: 'asset', instance: 'ember-dandi', assetId: ASSET },
    `https://api-dandi.emberarchive.org/api/assets/${ASSET}/download/`,
  ],
  [
    `https://api-dandi.emberarchive.org/api/assets/${ASSET}/download/#/acquisition`,
    { kind: 'asset', instance: 'ember-dandi', assetId: ASSET, fragment: '/acquisition' },
    `https://api-dandi.emberarchive.org/api/assets/${ASSET}/download/#/acquisition`,
  ],
  [
    `https://api-dandi.emberarchive.org/api/dandisets/000463/versions/draft/assets/${ASSET}/`,
    { kind: 'asset', instance: 'ember-dandi', assetId: ASSET, dandisetId: '000463', version: 'draft' },
    `https://api-dandi.emberarchive.org/api/dandisets/000463/versions/draft/assets/${ASSET}/download/`,
  ],
  [
    'https://api-dandi.emberarchive.org/api/dandisets/000463/versions/draft/',
    { kind: 'dandiset', instance: 'ember-dandi', dandisetId: '000463', version: 'draft', path: '' },
    'dandi://ember-dandi/000463@draft',
  ],
  [
    'https://api.dandiarchive.org/api/dandisets/000463/versions/draft/assets/?path=sub-01/x.nwb',
    { kind: 'dandiset', instance: 'dandi', dandisetId: '000463', version: 'draft', path: 'sub-01/x.nwb' },
    'dandi://dandi/000463@draft/sub-01/x.nwb',
  ],
  [
    'https://api-dandi.emberarchive.org/api/dandisets/',
    { kind: 'instance', instance: 'ember-dandi' },
    'dandi://ember-dandi/',
  ],
  [
    'https://other.example.org/api/dandisets/000001/versions/draft/assets/?path=a%2Fb.nwb',
    {
      kind: 'dandiset',
      instance: 'https://other.example.org/api',
      dandisetId: '000001',
      version: 'draft',
      path: 'a/b.nwb',
    },
    'https://other.example.org/api/dandisets/000001/versions/draft/assets/?path=a%2Fb.nwb',
  ],
  [
    'https://example.org/data/file.nwb',
    { kind: 'url', url: 'https://example.org/data/file.nwb' },
    'https://example.org/data/file.nwb',
  ],
  // dandi-cli dandi/dandiarchive.py `known_urls`:
  // "https://<server>[/api]/dandisets/<id>/versions/<v>/assets/?glob=<glob>".
  [
    'https://api-dandi.emberarchive.org/api/dandisets/000463/versions/draft/assets/?glob=sub-*/*.nwb',
    {
      kind: 'dandiset',
      instance: 'ember-dandi',
      dandisetId: '000463',
      version: 'draft',
      path: '',
      glob: 'sub-*/*.nwb',
    },
    'https://api-dandi.emberarchive.org/api/dandisets/000463/versions/draft/assets/?glob=sub-*/*.nwb',
  ],
  // dandi-cli's `server_grp` is "(?P<server>https?://<host>/(api/)?)": the API host without "/api" is the same
  // instance.
  [
    'https://api-dandi.emberarchive.org/dandisets/000463/versions/draft/',
    { kind: 'dandiset', instance: 'ember-dandi', dandisetId: '000463', version: 'draft', path: '' },
    'dandi://ember-dandi/000463@draft',
  ],
  [
    `https://api-dandi.emberarchive.org/assets/${ASSET}/download/`,
    { kind: 'asset', instance: 'ember-dandi', assetId: ASSET },
    `https://api-dandi.emberarchive.org/api/assets/${ASSET}/download/`,
  ],
  [
    'https://api-dandi.emberarchive.org/dandisets/',
    { kind: 'instance', instance: 'ember-dandi' },
    'dandi://ember-dandi/',
  ],
  // dandi-cli decodes `location` with urllib's `unquote`: "+" stays "+", %-escapes are decoded, a "/" is appended.
  [
    'https://dandi.emberarchive.org/dandiset/000463/draft/files?location=sub-01/a+b%20c',
    { kind: 'dandiset', instance: 'ember-dandi', dandisetId: '000463', version: 'draft', path: 'sub-01/a+b c/' },
    'dandi://ember-dandi/000463@draft/sub-01/a+b c/',
  ],
  [
    'https://dandi.emberarchive.org/dandiset/000463/draft/files?location=sub-01&page=2',
    { kind: 'dandiset', instance: 'ember-dandi', dandisetId: '000463', version: 'draft', path: 'sub-01/' },
    'dandi://ember-dandi/000463@draft/sub-01/',
  ],
  // dandi-cli dandi/consts.py `known_instances`: the EMBER sandbox's web UI is dandi.sandbox.emberarchive.org.
  [
    'https://dandi.sandbox.emberarchive.org/dandiset/000123/draft',
    { kind: 'dandiset', instance: 'ember-dandi-sandbox', dandisetId: '000123', version: 'draft', path: '' },
    'dandi://ember-dandi-sandbox/000123@draft',
  ],
  [
    'https://api.dandiarchive.org/api/dandisets/000463/versions/draft/assets/?path=sub-01/a+b.nwb',
    { kind: 'dandiset', instance: 'dandi', dandisetId: '000463', version: 'draft', path: 'sub-01/a+b.nwb' },
    'dandi://dandi/000463@draft/sub-01/a+b.nwb',
  ],
  [
    'dandi://ember-dandi/000463@draft/odd%25name%23x.nwb',
    { kind: 'dandiset', instance: 'ember-dandi', dandisetId: '000463', version: 'draft', path: 'odd%name#x.nwb' },
    'dandi://ember-dandi/000463@draft/odd%25name%23x.nwb',
  ],
];

describe('parseTarget / formatTarget', () => {
  it.each(CASES)('%s', (input, target, canonical) => {
    expect(parseTarget(input, real)).toEqual(target);
    expect(formatTarget(target, real)).toBe(canonical);
    // The canonical form parses back to the same target.
    expect(parseTarget(canonical, real)).toEqual(target);
  });

  it('maps the configured archive (the sample one) to ember-dandi and the bucket', () => {
    expect(parseTarget(`http://127.0.0.1:4001/api/assets/${ASSET}/download/`, sample)).toEqual({
      kind: 'asset',
      instance: 'ember-dandi',
      assetId: ASSET,
    });
    expect(parseTarget('http://127.0.0.1:4000/ember-open-data/other/kumar2025/', sample)).toEqual({
      kind: 'bucket',
      bucket: 'ember-open-data',
      key: 'other/kumar2025/',
    });
    // EMBER's real web URLs still name ember-dandi, now served by the configured API.
    const web = parseTarget('https://dandi.emberarchive.org/dandiset/000463/draft/files?location=sub-ADPTM01', sample);
    expect(web).toMatchObject({ kind: 'dandiset', instance: 'ember-dandi', path: 'sub-ADPTM01/' });
    expect(formatTarget({ kind: 'asset', instance: 'ember-dandi', assetId: ASSET }, sample)).toBe(
      `http://127.0.0.1:4001/api/assets/${ASSET}/download/`,
    );
  });

  it.each([
    ['dandi://nowhere/000463', /Unknown DANDI instance "nowhere"/],
    ['NOWHERE:000463', /Unknown DANDI instance "nowhere"/],
    ['dandi://ember-dandi/46', /not a valid dandi:\/\/ identifier/],
    ['ftp://host/file', /scheme ember-archive does not read/],
    ['https://api-dandi.emberarchive.org/api/zarr/abc/', /does not name a dandiset, folder or asset/],
    ['https://api-dandi.emberarchive.org/api/dandisets/000463/versions/draft/assets/', /without a path/],
    ['https://api-dandi.emberarchive.org/dandisets/000463/versions/draft/assets/', /without a path/],
    ['dandi://ember-dandi/000463@draft/%E0%A4%A', /malformed %-escape/],
    ['https://', /"https:\/\/" is not a valid URL/],
    ['http://[::1', /is not a valid URL/],
    ['file://host:port/x', /is not a valid URL/],
    [
      'EMBER-DANDI:000463/sub-ADPTM01/',
      /without a version; write EMBER-DANDI:000463\/draft\/sub-ADPTM01\/ .* or dandi:\/\/ember-dandi\/000463\/sub-ADPTM01\//,
    ],
  ])('rejects %s with one clear sentence', (input, message) => {
    expect(() => parseTarget(input, real)).toThrow(InvalidInputError);
    expect(() => parseTarget(input, real)).toThrow(message);
  });

  it('keeps a local path that only looks like a short identifier of an unknown instance', () => {
    expect(parseTarget('C:000463/data.h5', real)).toEqual({ kind: 'local', path: 'C:000463/data.h5' });
  });
});

describe('parentTarget', () => {
  it.each<[ArchiveTarget, ArchiveTarget | undefined]>([
    [
      { kind: 'bucket', bucket: 'b', key: 'other/kumar2025/x.h5' },
      { kind: 'bucket', bucket: 'b', key: 'other/kumar2025/' },
    ],
    [
      { kind: 'bucket', bucket: 'b', key: 'other/' },
      { kind: 'bucket', bucket: 'b', key: '' },
    ],
    [{ kind: 'bucket', bucket: 'b', key: '' }, undefined],
    [
      {
        kind: 'dandiset',
        instance: 'ember-dandi',
        dandisetId: '000463',
        version: 'draft',
        path: 'sub-01/x.nwb',
        fragment: '/a',
      },
      { kind: 'dandiset', instance: 'ember-dandi', dandisetId: '000463', version: 'draft', path: 'sub-01/' },
    ],
    [
      { kind: 'dandiset', instance: 'ember-dandi', dandisetId: '000463', path: '' },
      { kind: 'instance', instance: 'ember-dandi' },
    ],
    [{ kind: 'root' }, undefined],
  ])('%j -> %j', (target, parent) => {
    expect(parentTarget(target)).toEqual(parent);
  });
});
