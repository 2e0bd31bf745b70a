// Counts for bench/README.md: when EMBER_ROBUSTNESS_REPORT names a file, fault and fuzz tests append one JSON line
// per suite ({ suite, faults, inputs, failures, ... }); bench/robustness.mjs sums them. Otherwise nothing is written.
import { appendFileSync } from 'node:fs';

/** One suite's counts. */
export interface RobustnessCounts {
  suite: string;
  /** Faults the proxy injected. */
  faults?: number;
  /** Malformed inputs tried. */
  inputs?: number;
  /** Outcomes that broke the contract (crash, untyped error, hang, bad bytes kept). */
  failures: number;
  [detail: string]: unknown;
}

/** Record counts if a report file was asked for. */
export function reportRobustness(counts: RobustnessCounts): void {
  const file = process.env.EMBER_ROBUSTNESS_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify(counts)}\n`);
}
