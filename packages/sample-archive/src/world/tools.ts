// `tools/`: the small files EMBER distributes beside the data. Here: a README and a checksum list, both synthetic.
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

/** Objects under `tools/`. */
export function toolObjects(): PlannedObject[] {
  const readme =
    'SYNTHETIC SAMPLE tools/ folder of the ember-sample-archive.\nThe real bucket distributes EMBER tools here.\n';
  const sum = createHash('sha256').update(readme).digest('hex');
  return [
    object('tools/README.txt', readme, 'text/plain; charset=utf-8'),
    object('tools/SHA256SUMS', `${sum}  README.txt\n`, 'text/plain; charset=utf-8'),
  ];
}
