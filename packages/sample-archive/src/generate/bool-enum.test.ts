import { describe, expect, it } from 'vitest';
import { boolDataset, patchBoolEnums } from './bool-enum.js';
import { writeHdf5Bytes } from './hdf5-writer.js';

describe('patchBoolEnums', () => {
  it('turns each placeholder datatype into the h5py bool enum, keeping the data bytes', async () => {
    const bytes = await writeHdf5Bytes((file) => {
      boolDataset(file, 'a', Uint8Array.from([0, 1, 1]), [3]);
      boolDataset(file, 'b', Uint8Array.from([1, 0, 0, 1]), [2, 2], 6);
    });
    const before = Buffer.from(bytes);
    expect(patchBoolEnums(bytes)).toBe(2);
    const changed = [...before].filter((byte, i) => byte !== bytes[i]).length;
    // Only the two datatype messages change (the enum body is shorter than the placeholder's).
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThan(2 * 80);
    expect(Buffer.from(bytes).includes('FALSE\0')).toBe(true);
    expect(patchBoolEnums(bytes)).toBe(0);
  });

  it('leaves bytes alone where the name appears outside a datatype message', () => {
    const bytes = new Uint8Array(64);
    bytes.set(Buffer.from('__ember_bool_enum__\0', 'latin1'), 30);
    const copy = Uint8Array.from(bytes);
    expect(patchBoolEnums(bytes)).toBe(0);
    expect(bytes).toEqual(copy);
  });
});
