// `tools/`: the small files EMBER distributes beside the data. Here: a README and a checksum list, both synthetic,
// and a file whose name is markup: archive strings are anyone's, and every face must show them as text.
import { createHash } from 'node:crypto';
import { utf8, type PlannedObject } from './plan.js';

function object(key: string, text: string, contentType: string): PlannedObject {
  const bytes = utf8(text);
  return {
    key,
    contentType,
    size: bytes.byteLength,
    etag: createHash('md5').update(bytes).digest('hex'),
    source: { bytes },
  };
}

/** A key that is an HTML element with a script in it, were it ever parsed as HTML. */
export const MARKUP_KEY = 'tools/<img src=x onerror=window.__pwned=1>.txt';

/** Objects under `tools/`. */
export function toolObjects(): PlannedObject[] {
  const readme =
    'SYNTHETIC SAMPLE tools/ folder of the ember-sample-archive.\nThe real bucket distributes EMBER tools here.\n';
  const sum = createHash('sha256').update(readme).digest('hex');
  return [
    object('tools/README.txt', readme, 'text/plain; charset=utf-8'),
    object('tools/SHA256SUMS', `${sum}  README.txt\n`, 'text/plain; charset=utf-8'),
    object(MARKUP_KEY, 'SYNTHETIC SAMPLE: this name is markup, shown as text.\n', 'text/plain; charset=utf-8'),
  ];
}
