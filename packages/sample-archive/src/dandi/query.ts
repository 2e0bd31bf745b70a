// Query parameter parsing with Django REST framework's rules, so the emulator accepts and rejects what
// dandi-archive accepts and rejects (rest_framework/fields.py BooleanField, ChoiceField; serializers in
// dandiapi/api/views/serializers.py).
import { invalidParam } from './errors.js';

const TRUE = new Set(['t', 'T', 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON', '1']);
const FALSE = new Set(['f', 'F', 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF', '0']);

/** A DRF BooleanField: the usual spellings of true/false, anything else is a 400 "Must be a valid boolean.". */
export function booleanParam(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (TRUE.has(raw)) return true;
  if (FALSE.has(raw)) return false;
  throw invalidParam(name, 'Must be a valid boolean.');
}

/** A DRF ChoiceField. */
export function choiceParam<T extends string>(
  query: URLSearchParams,
  name: string,
  choices: readonly T[],
): T | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if ((choices as readonly string[]).includes(raw)) return raw as T;
  throw invalidParam(name, `"${raw}" is not a valid choice.`);
}
