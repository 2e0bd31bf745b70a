// LZF decompression, for h5py's "lzf" filter (id 32000), which HDF5 builds such as h5wasm's do not carry. The stream
// format is liblzf's (lzf_d.c, lzf_decompress): a control byte below 32 starts a literal run of control + 1 bytes;
// otherwise its top 3 bits are a back-reference length - 2 (7: add the next byte) and its low 5 bits, with the next
// byte, the distance - 1. h5py's filter (lzf_filter.c) stores one such stream per chunk, with the chunk's byte size
// in cd_values[2].

/** Why an LZF stream could not be decoded. */
export class LzfError extends Error {}

/** The `expectedBytes` bytes that `input` encodes; an LzfError when it is damaged or decodes to another size. */
export function lzfDecompress(input: Uint8Array, expectedBytes: number): Uint8Array {
  const out = new Uint8Array(expectedBytes);
  let ip = 0;
  let op = 0;
  while (ip < input.length) {
    const ctrl = input[ip++]!;
    if (ctrl < 32) {
      const run = ctrl + 1;
      if (ip + run > input.length) throw new LzfError('a literal run reaches past the end of the stream');
      if (op + run > out.length) throw new LzfError(`the stream decodes to more than ${expectedBytes} bytes`);
      out.set(input.subarray(ip, ip + run), op);
      ip += run;
      op += run;
      continue;
    }
    let length = ctrl >>> 5;
    if (length === 7) {
      if (ip >= input.length) throw new LzfError('a back-reference is cut short');
      length += input[ip++]!;
    }
    if (ip >= input.length) throw new LzfError('a back-reference is cut short');
    const from = op - ((ctrl & 0x1f) << 8) - input[ip++]! - 1;
    length += 2;
    if (from < 0) throw new LzfError('a back-reference points before the start of the output');
    if (op + length > out.length) throw new LzfError(`the stream decodes to more than ${expectedBytes} bytes`);
    // Byte by byte: a reference may overlap the bytes it produces (a run).
    for (let k = 0; k < length; k++) out[op + k] = out[from + k]!;
    op += length;
  }
  if (op !== expectedBytes)
    throw new LzfError(`the stream decodes to ${op} bytes where ${expectedBytes} were expected`);
  return out;
}
