// Damaged format bytes: every byte the storage reader reads for a dataset (object header, continuation blocks,
// chunk index nodes) is a candidate for a flipped bit. Each outcome must be the intact answer or a ReaderError of
// kind 'corrupt' (or 'unsupported'), never another exception or a hang; in a libver='latest' file, whose metadata
// all carry checksums, a changed answer without an error is a failure too.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReaderError } from '../shared/reader-error.js';
import { SYSTEM_PYTHON } from '../test-support/corpus.js';
import { mulberry32 } from '../../test-support/fault-proxy.js';
import { readDatasetStorage } from './storage.js';
import { readSuperblock } from './superblock.js';

const HAS_H5PY = existsSync(SYSTEM_PYTHON) && spawnSync(SYSTEM_PYTHON, ['-c', 'import h5py']).status === 0;
const SEED = 20261125;
const FLIPS_PER_FILE = 400;

describe.skipIf(!HAS_H5PY)(
  `damaged storage metadata${HAS_H5PY ? '' : ' (skipped: /usr/bin/python3 with h5py is not installed)'}`,
  () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'ember-storage-damage-'));
      execFileSync(
        SYSTEM_PYTHON,
        [fileURLToPath(new URL('./test-support/make_storage_fixtures.py', import.meta.url)), dir],
        { stdio: 'inherit' },
      );
    });
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it.each([
      ['old-style.h5', false],
      ['latest.h5', true],
    ])(
      '%s: a flipped bit ends in the intact answer or a corrupt-file error',
      (name, checksummed) => {
        const path = join(dir, name);
        const intact = new Uint8Array(readFileSync(path));
        const script = fileURLToPath(new URL('./test-support/storage_expected.py', import.meta.url));
        const expected = (
          JSON.parse(
            execFileSync(SYSTEM_PYTHON, [script, path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
          ) as Record<string, Record<string, { headerAddress: number }>>
        )[path]!;
        // Per dataset: its answer and every byte range read to get it.
        const targets = Object.entries(expected).flatMap(([dataset, { headerAddress }]) => {
          const ranges: [number, number][] = [];
          const file = readSuperblock((offset, length) => {
            ranges.push([offset, length]);
            return intact.subarray(offset, offset + length);
          }, intact.length);
          ranges.length = 0; // the superblock is not the dataset's
          const answer = readDatasetStorage(file, headerAddress);
          // The largest indexes take long to re-read hundreds of times; the others cover every structure.
          return (answer.chunks?.length ?? 0) > 5000 ? [] : [{ dataset, headerAddress, answer, ranges }];
        });
        expect(targets.length).toBeGreaterThan(20);
        const random = mulberry32(SEED);
        const problems: string[] = [];
        let errors = 0;
        for (let i = 0; i < FLIPS_PER_FILE; i++) {
          const target = targets[Math.floor(random() * targets.length)]!;
          const [start, length] = target.ranges[Math.floor(random() * target.ranges.length)]!;
          const at = start + Math.floor(random() * length);
          const bit = 1 << Math.floor(random() * 8);
          const damaged = intact.slice();
          damaged[at] = damaged[at]! ^ bit;
          const label = `${target.dataset}: bit ${bit} of byte ${at}`;
          try {
            const file = readSuperblock((offset, n) => damaged.subarray(offset, offset + n), damaged.length);
            const answer = readDatasetStorage(file, target.headerAddress);
            if (checksummed) {
              try {
                expect(answer).toEqual(target.answer);
              } catch {
                problems.push(`${label}: a different answer without an error`);
              }
            }
          } catch (error) {
            errors++;
            if (
              !(error instanceof ReaderError) ||
              (error.detail.kind !== 'corrupt' && error.detail.kind !== 'unsupported')
            ) {
              problems.push(`${label}: ${String((error as Error)?.stack ?? error).slice(0, 300)}`);
            }
          }
        }
        expect(problems).toEqual([]);
        // Most flips in metadata must be noticed (some land in reserved or unused bytes).
        expect(errors).toBeGreaterThan(FLIPS_PER_FILE / (checksummed ? 2 : 10));
      },
      60_000,
    );
  },
);
