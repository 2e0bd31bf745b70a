import { mkdtemp, mkdir, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DestinationError } from '../errors.js';
import { checkRelativePath, prepareDestination, resolveInside } from './safe-path.js';

describe('checkRelativePath', () => {
  it.each([
    '',
    '../x',
    'a/../../x',
    'a/..',
    '/etc/passwd',
    'C:/x',
    'c:x',
    'a\\..\\b',
    'a//b',
    './a',
    'a/./b',
    'a/',
    'a\0b',
  ])('rejects %j', (path) => {
    expect(() => checkRelativePath(path)).toThrow(DestinationError);
  });

  it.each([
    ['a.nwb', ['a.nwb']],
    ['sub-01/ses-1/x y.nwb', ['sub-01', 'ses-1', 'x y.nwb']],
    ['..a/b..', ['..a', 'b..']],
  ])('accepts %j', (path, segments) => {
    expect(checkRelativePath(path)).toEqual(segments);
  });
});

describe('resolveInside', () => {
  let base: string;
  let root: string;
  let outside: string;
  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'ember-safe-'));
    root = await prepareDestination(join(base, 'dest'));
    outside = join(base, 'outside');
    await mkdir(outside);
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  it('creates parent folders inside the destination', async () => {
    const path = await resolveInside(root, 'sub-01/ses-1/f.nwb', { create: true });
    expect(path).toBe(join(root, 'sub-01', 'ses-1', 'f.nwb'));
    expect(await readdir(join(root, 'sub-01'))).toEqual(['ses-1']);
  });

  it('refuses a folder symlink that leads outside, and creates nothing there', async () => {
    await symlink(outside, join(root, 'sub-01'));
    await expect(resolveInside(root, 'sub-01/ses-1/f.nwb', { create: true })).rejects.toThrow(
      /symlink that leads outside/,
    );
    expect(await readdir(outside)).toEqual([]);
  });

  it('refuses a file symlink at the destination path', async () => {
    await writeFile(join(outside, 'victim'), 'keep');
    await symlink(join(outside, 'victim'), join(root, 'f.nwb'));
    await expect(resolveInside(root, 'f.nwb', { create: true })).rejects.toThrow(DestinationError);
  });

  it('follows a folder symlink that stays inside the destination', async () => {
    await mkdir(join(root, 'real'));
    await symlink(join(root, 'real'), join(root, 'alias'));
    await expect(resolveInside(root, 'alias/f.nwb', { create: true })).resolves.toBe(join(root, 'alias', 'f.nwb'));
  });

  it('refuses a path through an existing file', async () => {
    await writeFile(join(root, 'file'), 'x');
    await expect(resolveInside(root, 'file/f.nwb', { create: true })).rejects.toThrow(/not a folder/);
  });
});
