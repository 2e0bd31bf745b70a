// The API writes numbers in core's one JSON encoding (core/src/json/json-encoding.ts): NaN, Infinity and -Infinity
// as the strings "NaN", "Infinity" and "-Infinity", a value the data does not have as null, read back here as NaN
// like core's decodeJsonNumber (not imported: the viewer bundles no core runtime but the pose view codec). Only
// fields known to be numeric are decoded, so an archive string that happens to read "NaN" (a file name) stays a
// string. Anything else where a number belongs is refused: a wrong number is worse than an error. Pose views come
// as bytes and core's codec reads them (client.ts).
import { ApiResponseError } from './errors.js';

const SPECIAL: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': -Infinity };

/** A number from the API: "NaN", "Infinity", "-Infinity" and null (missing) decoded; else an ApiResponseError. */
export function decodeNumber(value: unknown, where: string): number {
  if (typeof value === 'number') return value;
  if (value === null) return Number.NaN;
  if (typeof value === 'string' && value in SPECIAL) return SPECIAL[value] as number;
  throw new ApiResponseError(`${where} should be a number but the API sent ${JSON.stringify(value)}`);
}
