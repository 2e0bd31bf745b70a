// The HDF5 file handle that NWB, pose and every front end read through. Calls are async because the
// reading engine may live in a worker; values come back as plain JS values and typed arrays.

/** numpy-style names for HDF5 datatypes. */
export type Dtype =
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'float16'
  | 'float32'
  | 'float64'
  | 'float128'
  | 'bool'
  | 'string'
  | 'compound'
  | 'reference'
  | 'enum'
  | 'array'
  | 'vlen'
  | 'opaque'
  | 'unknown';

/**
 * What sits at a path: an object, a link that is reported as such, or something that cannot be opened (an object
 * header HDF5 refuses, a link of a user-defined class); h5py too lists the rest of the file and fails on that one.
 */
export type NodeKind = 'group' | 'dataset' | 'datatype' | 'soft-link' | 'external-link' | 'broken-link' | 'unreadable';

/** One entry of the object tree. */
export interface Hdf5Node {
  /** Absolute path, e.g. /poseest/points */
  path: string;
  kind: NodeKind;
  /** Soft links: target path. External links: `file:/path`. */
  target?: string;
  /** Datasets: shape (null for an empty/null dataspace, [] for a scalar) and dtype. */
  shape?: number[] | null;
  dtype?: Dtype;
  /** Why this entry cannot be read (kind 'unreadable', or a soft link that cannot be resolved), one sentence. */
  error?: string;
}

/** A compound member: its name and how its values are stored. */
export interface CompoundMember extends StoredType {
  name: string;
  /** Members that are fixed-size arrays (e.g. DeepLabCut `values_block_0` f64[n]): their shape... */
  shape?: number[];
  /** ...and the dtype of their elements (the member's own dtype is 'array'; littleEndian is theirs). */
  base?: Dtype;
}

/**
 * How the values of a dataset or an attribute are stored, beyond their dtype name: what HDF5's datatype says (h5py's
 * dtype and h5grove's type metadata are made of these).
 */
export interface StoredType {
  dtype: Dtype;
  /** Bytes per element, as h5py gives them on a 64-bit machine (a variable-length string's is a pointer's, 8). */
  itemSize: number;
  /**
   * HDF5's datatype class (H5Tpublic.h H5T_class_t: 0 integer, 1 float, 2 time, 3 string, 4 bitfield, 5 opaque,
   * 6 compound, 7 reference, 8 enum, 9 variable-length, 10 array).
   */
  typeClass?: number;
  /** Numbers (integers, floats, bitfields, enums): the stored byte order, which values are decoded from. */
  littleEndian?: boolean;
  /** Integers and enums (their base integer): two's complement signed, or unsigned. */
  signed?: boolean;
  /**
   * Strings: variable-length or fixed, their character set (H5T_cset_t: 0 ASCII, 1 UTF-8) and padding (H5T_str_t:
   * 0 null-terminated, 1 null-padded, 2 space-padded).
   */
  vlen?: boolean;
  cset?: number;
  strpad?: number;
  /** Opaque: the tag that says what the bytes are (H5Tget_tag). */
  tag?: string;
  members?: CompoundMember[];
  enumValues?: Record<string, number>;
}

/** Everything known about a dataset without reading its values. */
export interface DatasetInfo extends StoredType {
  path: string;
  shape: number[] | null;
  /** Chunk shape, or null for contiguous/compact layouts. */
  chunks: number[] | null;
  filters: { id: number; name: string }[];
  /**
   * What h5py's ds.fillvalue gives: the stored value when one is defined, else the dtype's zero (0, 0n for 64-bit
   * integers, '', false); null when it is undefined or has no plain JS form (compound, opaque, reference...).
   * Missing when the file's storage could not be read (e.g. shared messages kept in a shared message heap).
   */
  fillValue?: number | bigint | string | boolean | null;
  /** Bytes the dataset occupies in the file (compressed), as h5py's ds.id.get_storage_size(). */
  storageSize?: number;
}

/**
 * Attribute values decoded to JS: strings, numbers, booleans, nested arrays, object references as target paths.
 * An attribute that cannot be read (its type or dataspace cannot be decoded) is `{ error }`, saying why, so it is
 * reported instead of dropped (and the object's other attributes still read).
 */
export type AttrValue =
  string | number | bigint | boolean | null | { reference: string } | { error: string } | AttrValue[];

/**
 * The stored type and shape of an attribute, as h5py's `attrs.get_id(name)` gives them (its dtype and shape), for
 * describing an attribute without trusting what its decoded value looks like (30.0 decodes to 30, a float all the same).
 */
export interface AttrInfo extends StoredType {
  /** [] for a scalar, null for an empty (null) dataspace. */
  shape: number[] | null;
}

/** Per-dimension selection: an index (dimension dropped), [start, stop) with optional step, or null for all. */
export type Slice = number | [number, number] | [number, number, number] | null;

/** Values of a dataset read, flat in C order, with the shape they have. */
export interface DatasetValues {
  shape: number[];
  dtype: Dtype;
  /**
   * Numbers as typed arrays (64-bit ints as BigInt64Array/BigUint64Array); strings, compounds and references as arrays.
   * A typed array may sit on a SharedArrayBuffer (values decoded by other threads), which only matters to postMessage.
   */
  values:
    | Int8Array
    | Uint8Array
    | Int16Array
    | Uint16Array
    | Int32Array
    | Uint32Array
    | BigInt64Array
    | BigUint64Array
    | Float32Array
    | Float64Array
    | string[]
    | AttrValue[];
}

/** An open HDF5 file. */
export interface Hdf5File {
  /** The path or URL it was opened from. */
  readonly location: string;
  /**
   * What messages about its content call it: the identifier it was opened by (a DANDI path rather than the blob URL
   * its bytes come from), else its location.
   */
  readonly name: string;
  /** Children of a group (one level), links reported as links. */
  list(path?: string): Promise<Hdf5Node[]>;
  /** The whole tree, each object once (hard links visited once). */
  walk(): Promise<Hdf5Node[]>;
  /** What is at `path`, or null when nothing is. */
  node(path: string): Promise<Hdf5Node | null>;
  /** Attributes of the object at `path`. */
  attrs(path: string): Promise<Record<string, AttrValue>>;
  /** The stored type and shape of each attribute of the object at `path`. */
  attrInfo(path: string): Promise<Record<string, AttrInfo>>;
  /** Dataset description without its values. */
  dataset(path: string): Promise<DatasetInfo>;
  /** Values of a whole dataset or of a selection. */
  read(path: string, selection?: Slice[]): Promise<DatasetValues>;
  /** Requests, bytes and cache hits spent on this file so far. */
  stats(): import('../source/byte-source.js').FetchStats & { fileSize: number };
  close(): Promise<void>;
}
