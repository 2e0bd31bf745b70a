// Validation at the edge: every JSON body from a DANDI server is checked field by field before the rest of the
// code trusts its types, and a missing or mistyped field is a ProtocolError naming the URL and the field.
import { ProtocolError } from '../errors.js';

/** A JSON object read from `url`, with typed accessors that fail as ProtocolError. */
export class JsonShape {
  readonly #value: Record<string, unknown>;

  constructor(
    value: unknown,
    readonly url: string,
    readonly at = 'response',
  ) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ProtocolError(
        `The server at ${url} sent ${describe(value)} where an object was expected (${at}).`,
        url,
      );
    }
    this.#value = value as Record<string, unknown>;
  }

  /** The raw object, for fields kept as they are (metadata documents). */
  get raw(): Record<string, unknown> {
    return this.#value;
  }

  /** A nested object. */
  object(field: string): JsonShape {
    return new JsonShape(this.#value[field], this.url, `${this.at}.${field}`);
  }

  /** A nested object, or undefined when the field is null or absent. */
  optObject(field: string): JsonShape | undefined {
    const value = this.#value[field];
    return value === null || value === undefined ? undefined : this.object(field);
  }

  /** A required string. */
  string(field: string): string {
    const value = this.#value[field];
    if (typeof value !== 'string') throw this.#bad(field, 'a string');
    return value;
  }

  /** A string, or undefined when null or absent. */
  optString(field: string): string | undefined {
    const value = this.#value[field];
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'string') throw this.#bad(field, 'a string');
    return value;
  }

  /** A required number. */
  number(field: string): number {
    const value = this.#value[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.#bad(field, 'a number');
    return value;
  }

  /** A number, or undefined when null or absent. */
  optNumber(field: string): number | undefined {
    const value = this.#value[field];
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.#bad(field, 'a number');
    return value;
  }

  /** A required array, its items as shapes. */
  objects(field: string): JsonShape[] {
    return this.array(field).map((item, i) => new JsonShape(item, this.url, `${this.at}.${field}[${i}]`));
  }

  /** A required array. */
  array(field: string): unknown[] {
    const value = this.#value[field];
    if (!Array.isArray(value)) throw this.#bad(field, 'an array');
    return value;
  }

  /** An array of strings; undefined when absent. */
  optStrings(field: string): string[] | undefined {
    const value = this.#value[field];
    if (value === null || value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
      throw this.#bad(field, 'an array of strings');
    return value as string[];
  }

  /** A string -> string map; undefined when absent. */
  optStringMap(field: string): Record<string, string> | undefined {
    const value = this.#value[field];
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw this.#bad(field, 'an object');
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (typeof v !== 'string') throw this.#bad(`${field}.${k}`, 'a string');
      out[k] = v;
    }
    return out;
  }

  #bad(field: string, expected: string): ProtocolError {
    const value = field.includes('.') ? undefined : this.#value[field];
    return new ProtocolError(
      `The server at ${this.url} sent ${describe(value)} for "${this.at}.${field}" where ${expected} was expected.`,
      this.url,
    );
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
