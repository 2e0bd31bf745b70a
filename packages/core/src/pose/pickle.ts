// A tiny, safe reader for the pickles PyTables writes into pandas table attributes (`non_index_axes`,
// `values_block_0_kind`, `index_cols`, `info`): nested lists, tuples, dicts, strings and numbers only.
// Opcodes from CPython Lib/pickletools.py (protocol 0 text opcodes, protocol 2 and 4 binary ones). Anything that
// would construct objects (GLOBAL, REDUCE, BUILD, ...) is refused: this never executes code.
import { UnsupportedError } from '../errors.js';

/** A value a plain-data pickle can hold. Tuples and lists both become arrays. */
export type PickleValue = string | number | bigint | boolean | null | PickleValue[] | { [key: string]: PickleValue };

const MARK = Symbol('mark');
type StackItem = PickleValue | typeof MARK;

/** Decode a plain-data pickle (bytes, or a string holding them) into JS values. */
export function parsePickle(input: Uint8Array | string, location = 'pickle'): PickleValue {
  const bytes = typeof input === 'string' ? stringBytes(input) : input;
  const text = new TextDecoder('utf-8');
  const stack: StackItem[] = [];
  const memo = new Map<number, PickleValue>();
  let pos = 0;

  const fail = (why: string): never => {
    throw new UnsupportedError(`A pickled attribute in ${location} could not be read: ${why}.`, location);
  };
  // Text opcodes are ASCII, except raw-unicode-escape (V) lines whose characters below 256 are raw latin-1 bytes.
  const line = (): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) fail('a text opcode has no end of line');
    const s = latin1(bytes.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const take = (n: number): Uint8Array => {
    if (pos + n > bytes.length) fail('it ends early');
    const out = bytes.subarray(pos, pos + n);
    pos += n;
    return out;
  };
  const uint = (n: number): number => {
    const b = take(n);
    let v = 0;
    for (let i = n - 1; i >= 0; i--) v = v * 256 + (b[i] as number);
    return v;
  };
  const pop = (): PickleValue => {
    const v = stack.pop();
    if (v === undefined || v === MARK) fail('the stack is empty');
    return v as PickleValue;
  };
  const popToMark = (): PickleValue[] => {
    const items: PickleValue[] = [];
    for (;;) {
      const v = stack.pop();
      if (v === undefined) fail('a mark is missing');
      if (v === MARK) return items.reverse();
      items.push(v as PickleValue);
    }
  };
  const top = (): PickleValue => {
    const v = stack[stack.length - 1];
    if (v === undefined || v === MARK) fail('the stack is empty');
    return v as PickleValue;
  };
  const setItems = (dict: PickleValue, items: PickleValue[]) => {
    if (dict === null || typeof dict !== 'object' || Array.isArray(dict))
      fail('items are set on something that is not a dict');
    for (let i = 0; i + 1 < items.length; i += 2)
      (dict as Record<string, PickleValue>)[String(items[i])] = items[i + 1] as PickleValue;
  };
  const memoize = (index: number) => memo.set(index, top());

  while (pos < bytes.length) {
    const op = bytes[pos++] as number;
    switch (String.fromCharCode(op)) {
      case '\x80':
        take(1);
        break; // PROTO
      case '\x95':
        take(8);
        break; // FRAME
      case '.':
        return pop(); // STOP
      case '(':
        stack.push(MARK);
        break;
      case 'N':
        stack.push(null);
        break;
      case '\x88':
        stack.push(true);
        break;
      case '\x89':
        stack.push(false);
        break;
      case ')':
        stack.push([]);
        break;
      case ']':
        stack.push([]);
        break;
      case '}':
        stack.push({});
        break;
      case 'l':
      case 't':
        stack.push(popToMark());
        break;
      case 'd': {
        const d: PickleValue = {};
        setItems(d, popToMark());
        stack.push(d);
        break;
      }
      case '\x85':
        stack.push([pop()]);
        break;
      case '\x86': {
        const b = pop();
        stack.push([pop(), b]);
        break;
      }
      case '\x87': {
        const c = pop();
        const b = pop();
        stack.push([pop(), b, c]);
        break;
      }
      case 'a': {
        const v = pop();
        const list = top();
        if (!Array.isArray(list)) fail('append to a non-list');
        (list as PickleValue[]).push(v);
        break;
      }
      case 'e': {
        const items = popToMark();
        const list = top();
        if (!Array.isArray(list)) fail('append to a non-list');
        (list as PickleValue[]).push(...items);
        break;
      }
      case 's': {
        const v = pop();
        const k = pop();
        setItems(top(), [k, v]);
        break;
      }
      case 'u': {
        const items = popToMark();
        setItems(top(), items);
        break;
      }
      case 'V':
        stack.push(unescapeRawUnicode(line()));
        break;
      case 'S':
        stack.push(unquote(line()));
        break;
      case 'I': {
        const s = line();
        stack.push(s === '01' ? true : s === '00' ? false : Number(s));
        break;
      }
      case 'L':
        stack.push(toInteger(line().replace(/L$/, '')));
        break;
      case 'F':
        stack.push(Number(line()));
        break;
      case 'K':
        stack.push(uint(1));
        break;
      case 'M':
        stack.push(uint(2));
        break;
      case 'J': {
        const v = uint(4);
        stack.push(v >= 2 ** 31 ? v - 2 ** 32 : v);
        break;
      }
      case 'G': {
        const b = take(8);
        stack.push(new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, false));
        break;
      }
      case '\x8a':
        stack.push(longFromBytes(take(uint(1))));
        break; // LONG1
      case 'X':
        stack.push(text.decode(take(uint(4))));
        break;
      case '\x8c':
        stack.push(text.decode(take(uint(1))));
        break;
      case '\x8d':
        stack.push(text.decode(take(uint(8))));
        break;
      case 'U':
        stack.push(latin1(take(uint(1))));
        break;
      case 'T':
        stack.push(latin1(take(uint(4))));
        break;
      case 'C':
        stack.push(latin1(take(uint(1))));
        break; // SHORT_BINBYTES
      case 'B':
        stack.push(latin1(take(uint(4))));
        break; // BINBYTES
      case 'p':
        memoize(Number(line()));
        break;
      case 'q':
        memoize(uint(1));
        break;
      case 'r':
        memoize(uint(4));
        break;
      case '\x94':
        memoize(memo.size);
        break; // MEMOIZE
      case 'g':
      case 'h':
      case 'j': {
        const key = op === 0x67 ? Number(line()) : uint(op === 0x68 ? 1 : 4);
        if (!memo.has(key)) fail(`memo ${key} is used before it is set`);
        stack.push(memo.get(key) as PickleValue);
        break;
      }
      case '0':
        pop();
        break; // POP
      case '2':
        stack.push(top());
        break; // DUP
      default:
        fail(`opcode 0x${op.toString(16)} builds objects, which a plain-data reader refuses`);
    }
  }
  return fail('it has no STOP opcode');
}

// HDF5 string attributes reach us already decoded: one char per byte when they can be, else UTF-8.
function stringBytes(input: string): Uint8Array {
  const bytes = new Uint8Array(input.length);
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code > 255) return new TextEncoder().encode(input);
    bytes[i] = code;
  }
  return bytes;
}

function unescapeRawUnicode(s: string): string {
  return s.replace(
    /\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g,
    (_, four: string | undefined, eight: string | undefined) =>
      String.fromCodePoint(parseInt((four ?? eight) as string, 16)),
  );
}

function unquote(s: string): string {
  const body = s.length >= 2 && (s[0] === "'" || s[0] === '"') ? s.slice(1, -1) : s;
  return body.replace(/\\(x[0-9a-fA-F]{2}|n|t|r|\\|'|")/g, (_, e: string) => {
    if (e.startsWith('x')) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[e] ?? e;
  });
}

function toInteger(s: string): number | bigint {
  const big = BigInt(s);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

function longFromBytes(b: Uint8Array): number | bigint {
  if (b.length === 0) return 0;
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i] as number);
  if (((b[b.length - 1] as number) & 0x80) !== 0) v -= 1n << BigInt(8 * b.length);
  return toInteger(v.toString());
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (const c of b) s += String.fromCharCode(c);
  return s;
}
