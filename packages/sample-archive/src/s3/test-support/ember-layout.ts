// A bucket shaped like EMBER's for the S3 conformance tests: >1,000 blobs so listings paginate, keys two and
// three folders deep, names with spaces, `+`, `&`, accents and characters outside the BMP (whose UTF-8 order
// differs from JS string order), an empty object, and one 9 MiB file on disk (past the aws CLI's 8 MiB
// multipart threshold, so `aws s3 cp` fetches it in ranged parts).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectStore } from '../../store.js';

/** The bucket the conformance tests serve. */
export const TEST_BUCKET = 'ember-open-data';
/** How many `blobs/` keys: past one 1,000-key page, and enough that `blobs/` alone has >1,000 common prefixes. */
export const BLOB_COUNT = 2500;
/** The file-backed object (9 MiB). */
export const BIG_KEY = 'other/kumar2025/pose_files/PTZ_mouse_02_pose_est_v6.h5';
/** An object with a space in its name. */
export const SPACED_KEY = 'other/kumar2025/pose_files/PTZ mouse 01_pose_est_v5.h5';

/** The keys under other/kumar2025/ besides the big file, with their bytes. */
const PROJECT_FILES: ReadonlyArray<readonly [string, string | number]> = [
  [
    'other/kumar2025/index.html',
    '<!doctype html><title>kumar2025 (synthetic sample)</title><p>Synthetic listing page.</p>\n',
  ],
  ['other/kumar2025/classifiers/seizure_v1.pickle', 4096],
  ['other/kumar2025/classifiers/seizure+v2.pickle', 2048],
  [SPACED_KEY, 300_000],
  ['other/kumar2025/videos/PTZ 1 session.avi', 70_000],
  ['other/kumar2025/videos/séance ü 2.avi', 1500],
  ['other/kumar2025/videos/ｆull-width.avi', 1500],
  ['other/kumar2025/videos/😀 emoji.avi', 1500],
  ['other/kumar2025/videos/R&D <notes>.txt', 'synthetic notes\n'],
];

/** A filled store and the temporary folder holding its file-backed object. */
export interface EmberLayout {
  readonly store: ObjectStore;
  /** Every key, in insertion order (not S3 order). */
  readonly keys: readonly string[];
  /** Remove the temporary folder. */
  cleanup(): void;
}

/** Fill a store with the EMBER-like test layout; deterministic across runs. */
export function buildEmberLayout(): EmberLayout {
  const store = new ObjectStore(TEST_BUCKET);
  const random = xorshift(0x5eed_e5b1);
  const keys: string[] = [];
  const put = (key: string, bytes: Uint8Array, contentType?: string): void => {
    store.putBytes(key, bytes, contentType === undefined ? {} : { contentType });
    keys.push(key);
  };

  for (let i = 0; i < BLOB_COUNT; i += 1) {
    const uuid = fakeUuid(random);
    put(`blobs/${uuid.slice(0, 3)}/${uuid.slice(3, 6)}/${uuid}`, randomBytes(random, 16 + (random() % 200)));
  }
  put(
    'dandisets/000463/draft/dandiset.yaml',
    text('identifier: DANDI:000463\nname: Mouse food sniff (synthetic sample)\n'),
  );
  put('dandisets/000463/draft/assets.yaml', text('- path: sub-ADPTM01/sub-ADPTM01_ses-1_behavior.nwb\n'));
  put('tools/README.txt', text('Synthetic tools folder of the EMBER sample archive.\n'), 'text/plain');
  put('tools/empty.txt', new Uint8Array(0), 'text/plain');
  for (const [key, content] of PROJECT_FILES) {
    const bytes = typeof content === 'string' ? text(content) : randomBytes(random, content);
    put(key, bytes, key.endsWith('.html') ? 'text/html' : undefined);
  }

  const folder = mkdtempSync(join(tmpdir(), 'ember-s3-layout-'));
  const big = randomBytes(random, 9 * 1024 * 1024);
  const bigPath = join(folder, 'big.h5');
  writeFileSync(bigPath, big);
  store.putFile(BIG_KEY, bigPath, createHash('md5').update(big).digest('hex'));
  keys.push(BIG_KEY);

  return { store, keys, cleanup: () => rmSync(folder, { recursive: true, force: true }) };
}

function text(value: string): Uint8Array {
  return new TextEncoder().encode(value);
}

function xorshift(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

function randomBytes(random: () => number, length: number): Uint8Array {
  const words = new Uint32Array(Math.ceil(length / 4));
  for (let i = 0; i < words.length; i += 1) words[i] = random();
  return new Uint8Array(words.buffer, 0, length);
}

function fakeUuid(random: () => number): string {
  const hex = Array.from({ length: 4 }, () => random().toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
