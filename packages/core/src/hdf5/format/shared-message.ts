// Shared header messages (message flag bit 1): the body names where the real message is. HDF5 File Format
// Specification v3, "Shared Message" and HDF5's H5Oshared.c H5O__shared_decode: version 1 is version, type, 6 reserved
// bytes, a skipped length-sized field and the object header address; version 2 is version, type, address; version 3
// is version, type (1: in the shared message heap, 8-byte heap id; 2 or 3: in an object header, address). A committed
// datatype is a shared datatype message that lives in the named datatype's object header.
import { unsupported, type FormatFile } from './file-bytes.js';
import { readObjectHeader, type HeaderMessage } from './object-header.js';

const SHARED = 0x02;
/** Shared messages that point at shared messages: a few levels at most. */
const MAX_DEPTH = 8;

/** The message itself: `message` when it is not shared, else the one it refers to. */
export function resolveShared(file: FormatFile, message: HeaderMessage, depth = 0): HeaderMessage {
  if ((message.flags & SHARED) === 0) return message;
  if (depth >= MAX_DEPTH) throw unsupported('a shared header message refers to another too many times');
  const c = message.body;
  const version = c.u8();
  const type = c.u8();
  let address: number | undefined;
  if (version === 1) {
    c.skip(6);
    c.skip(file.lengthSize);
    address = c.address();
  } else if (version === 2 || (version === 3 && type !== 1)) {
    address = c.address();
  } else {
    throw unsupported(
      'the file keeps shared header messages in a shared message heap, which this reader does not follow',
    );
  }
  if (address === undefined) throw unsupported('a shared header message refers to an undefined address');
  const target = readObjectHeader(file, address).find((m) => m.type === message.type);
  if (!target) throw unsupported(`the object a shared header message refers to has no message of type ${message.type}`);
  return resolveShared(file, target, depth + 1);
}
