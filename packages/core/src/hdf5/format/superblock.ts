// The superblock: where the file's addresses start and how wide offsets and lengths are. HDF5 File Format
// Specification v3, "Format Signature and Superblock": the signature sits at 0, 512, 1024, 2048, ... (a user block may
// come first); versions 0/1 give the sizes at bytes 13/14, versions 2/3 at bytes 9/10. Like the library
// (H5Fsuper.c H5F__super_read: "superblock address is different from base address"), addresses are taken relative
// to where the signature was found.
import { corrupt, type FormatFile, type RawRead } from './file-bytes.js';

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** Locate the superblock and read the address base and the sizes of offsets and lengths. */
export function readSuperblock(read: RawRead, size: number, prefetch?: FormatFile['prefetch']): FormatFile {
  for (let at = 0; at + 16 <= size; at = at === 0 ? 512 : at * 2) {
    const head = read(at, Math.min(16, size - at));
    if (!SIGNATURE.every((byte, i) => head[i] === byte)) continue;
    const version = head[8]!;
    let offsetSize: number;
    let lengthSize: number;
    if (version === 0 || version === 1) {
      offsetSize = head[13]!;
      lengthSize = head[14]!;
    } else if (version === 2 || version === 3) {
      offsetSize = head[9]!;
      lengthSize = head[10]!;
    } else {
      throw corrupt(`the superblock has an unknown version (${version})`);
    }
    if (![2, 4, 8].includes(offsetSize) || ![2, 4, 8].includes(lengthSize)) {
      throw corrupt(`the superblock declares ${offsetSize}-byte offsets and ${lengthSize}-byte lengths`);
    }
    return { read, base: at, offsetSize, lengthSize, size, ...(prefetch ? { prefetch } : {}) };
  }
  throw corrupt('no HDF5 superblock was found');
}
