// Object headers: the messages describing one object. HDF5 File Format Specification v3, "Data Object Headers"
// (and HDF5's H5Ocache.c): version 1 is a 16-byte prefix (version, reserved, message count, reference count, header
// size, padding to 8) then messages of type(2) size(2) flags(1) reserved(3), each 8-byte aligned; version 2 starts
// with "OHDR", optional times and attribute limits, a 1/2/4/8-byte chunk size, messages of type(1) size(2) flags(1)
// [creation order(2)], and a checksum. Both continue in further blocks named by continuation messages (type 0x10;
// version 2 blocks start with "OCHK" and end in a checksum).
import { readChecked, verifyChecksum } from './checksum.js';
import { corrupt, readAt, type Cursor, type FormatFile } from './file-bytes.js';

/** One header message: its type, flags and body. */
export interface HeaderMessage {
  type: number;
  flags: number;
  body: Cursor;
}

const CONTINUATION = 0x10;
/** Far more blocks than any real header has; a loop of continuations must end. */
const MAX_BLOCKS = 4096;

/** The messages of the object header at `address` (relative to the file's base), continuation blocks followed. */
export function readObjectHeader(file: FormatFile, address: number): HeaderMessage[] {
  const first = readAt(file, address, Math.min(40, file.size - file.base - address), 'object header');
  const messages: HeaderMessage[] = [];
  const pending: { address: number; length: number }[] = [];
  const seen = new Set<number>([address]);
  let version: 1 | 2;
  let trackOrder = false;
  if (first.bytes[0] === 0x4f && first.bytes[1] === 0x48 && first.bytes[2] === 0x44 && first.bytes[3] === 0x52) {
    version = 2;
    first.skip(4);
    if (first.u8() !== 2) throw corrupt(`the object header at address ${address} has an unknown version`);
    const flags = first.u8();
    trackOrder = (flags & 0x04) !== 0;
    if (flags & 0x20) first.skip(16); // access, modification, change and birth times
    if (flags & 0x10) first.skip(4); // attribute storage limits
    const chunkSize = first.uint(1 << (flags & 0x03));
    const prefix = first.pos;
    // The whole first block with its checksum, read again now that its size is known.
    const block = readChecked(file, address, prefix + chunkSize + 4, 'object header');
    block.skip(prefix);
    readMessages(block.sub(chunkSize), 2, trackOrder, messages, pending);
  } else if (first.bytes[0] === 1) {
    version = 1;
    first.skip(2);
    first.u16(); // message count
    first.u32(); // reference count
    const size = first.u32();
    readMessages(readAt(file, address + 16, size, 'object header'), 1, false, messages, pending);
  } else {
    throw corrupt(`no object header is at address ${address}`);
  }
  for (let blocks = 1; pending.length > 0; blocks++) {
    const next = pending.shift()!;
    if (blocks > MAX_BLOCKS || seen.has(next.address))
      throw corrupt(`the object header at address ${address} continues in a loop`);
    seen.add(next.address);
    const block = readAt(file, next.address, next.length, 'object header continuation');
    if (version === 2) {
      verifyChecksum(block);
      block.signature('OCHK');
      readMessages(block.sub(next.length - 8), 2, trackOrder, messages, pending);
    } else {
      readMessages(block, 1, false, messages, pending);
    }
  }
  return messages;
}

function readMessages(
  block: Cursor,
  version: 1 | 2,
  trackOrder: boolean,
  out: HeaderMessage[],
  pending: { address: number; length: number }[],
): void {
  const headerSize = version === 1 ? 8 : trackOrder ? 6 : 4;
  // Version 2 may end in a gap smaller than a message header.
  while (block.remaining >= headerSize) {
    const type = version === 1 ? block.u16() : block.u8();
    const size = block.u16();
    const flags = block.u8();
    if (version === 1) block.skip(3);
    else if (trackOrder) block.skip(2);
    const body = block.sub(size, `header message ${type}`);
    if (version === 1 && size % 8 !== 0) block.skip(Math.min(block.remaining, 8 - (size % 8)));
    if (type === CONTINUATION) {
      const address = body.address();
      const length = body.length();
      if (address === undefined) throw corrupt('an object header continues at an undefined address');
      pending.push({ address, length });
    } else {
      out.push({ type, flags, body });
    }
  }
}
