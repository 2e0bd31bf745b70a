// The datatypes of one object read from its header: the dataset's datatype message, and the attribute messages
// kept in the header itself (compact attribute storage). The reader asks these when h5wasm's metadata is not
// enough to read values right (bit layouts of numbers, big-endian enums h5wasm cannot convert).
// HDF5 File Format Specification v3, "Datatype Message" and "Attribute Message" (HDF5's H5Oattr.c H5O__attr_decode):
// version 1 is version, reserved, name size(2), datatype size(2), dataspace size(2), then name, datatype and
// dataspace each padded to 8 bytes, then the data; version 2 puts flags in the reserved byte and pads nothing;
// version 3 adds the name's character set (1 byte) after the dataspace size.
import { readDataspace } from './dataspace.js';
import { readDatatype, type Datatype } from './datatype.js';
import { corrupt, unsupported, type FormatFile } from './file-bytes.js';
import { readLayout } from './layout.js';
import { readObjectHeader } from './object-header.js';
import { resolveShared } from './shared-message.js';

const DATATYPE = 0x0003;
const LAYOUT = 0x0008;
const ATTRIBUTE = 0x000c;
const ATTRIBUTE_INFO = 0x0015;

/** The datatype of the dataset whose object header is at `address`. */
export function readDatasetType(file: FormatFile, address: number): Datatype {
  const message = readObjectHeader(file, address).find((m) => m.type === DATATYPE);
  if (!message) throw corrupt(`the object at address ${address} has no datatype message`);
  return readDatatype(resolveShared(file, message).body);
}

/**
 * Where a contiguous dataset's data starts (an absolute file offset), or undefined for other layouts or unallocated
 * data. Reads the layout message only, never a chunk index.
 */
export function readContiguousAddress(file: FormatFile, address: number): number | undefined {
  const message = readObjectHeader(file, address).find((m) => m.type === LAYOUT);
  if (!message) return undefined;
  const layout = readLayout(resolveShared(file, message).body);
  return layout.class === 'contiguous' && layout.address !== undefined ? file.base + layout.address : undefined;
}

/** One attribute as stored in an object header. */
export interface StoredAttribute {
  name: string;
  type: Datatype;
  /** Null for a null dataspace, [] for a scalar. */
  shape: number[] | null;
  /** The raw elements, in the file's byte order. */
  data: Uint8Array;
}

/** The attributes kept in an object's header, by name, and whether the object also has dense attribute storage. */
export interface StoredAttributes {
  attributes: Map<string, StoredAttribute | { unsupported: string }>;
  dense: boolean;
}

/** Every attribute message of the object whose header is at `address` (compact attribute storage). */
export function readStoredAttributes(file: FormatFile, address: number): StoredAttributes {
  const messages = readObjectHeader(file, address);
  const attributes: StoredAttributes['attributes'] = new Map();
  for (const message of messages) {
    if (message.type !== ATTRIBUTE) continue;
    const c = message.body;
    const version = c.u8();
    const flags = c.u8();
    const nameSize = c.u16();
    const typeSize = c.u16();
    const spaceSize = c.u16();
    if (version === 3) c.skip(1);
    if (version < 1 || version > 3) throw corrupt(`an attribute message has an unknown version (${version})`);
    const pad = (n: number): number => (version === 1 ? Math.ceil(n / 8) * 8 : n);
    const nameBytes = c.take(pad(nameSize));
    const name = new TextDecoder().decode(nameBytes.subarray(0, Math.max(0, nameSize - 1)));
    // Flag bits 0 and 1: the datatype or dataspace is shared, which this reader does not follow.
    if (flags & 0x03) {
      attributes.set(name, { unsupported: `the attribute ${name} has a shared datatype or dataspace` });
      continue;
    }
    const type = readDatatype(c.sub(pad(typeSize), 'attribute datatype'));
    const space = readDataspace(c.sub(pad(spaceSize), 'attribute dataspace'));
    const count = space.shape === null ? 0 : space.shape.reduce((n, d) => n * d, 1);
    attributes.set(name, { name, type, shape: space.shape, data: c.take(count * type.size) });
  }
  return { attributes, dense: messages.some((m) => m.type === ATTRIBUTE_INFO) };
}

/**
 * The attribute named `name` of the object whose header is at `address`, when the header holds it (compact
 * storage); attributes kept in dense storage (a fractal heap) are refused as unsupported.
 */
export function readStoredAttribute(file: FormatFile, address: number, name: string): StoredAttribute {
  return storedAttributeNamed(readStoredAttributes(file, address), name);
}

/** `name` of already read attributes, or the unsupported error saying why it is not there. */
export function storedAttributeNamed(stored: StoredAttributes, name: string): StoredAttribute {
  const found = stored.attributes.get(name);
  if (found && 'unsupported' in found) throw unsupported(found.unsupported);
  if (found) return found;
  if (stored.dense) {
    throw unsupported(`the attribute ${name} is kept in dense attribute storage, which this reader does not follow`);
  }
  throw unsupported(`the attribute ${name} is not stored in its object's header`);
}
