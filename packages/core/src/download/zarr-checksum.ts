// dandi-zarr-checksum, the one digest DANDI gives a Zarr asset, computed from the store's file list
// (dandi/zarr_checksum zarr_checksum/checksum.py `ZarrChecksumManifest.generate_digest` and tree.py): every folder's
// digest is the MD5 of the compact JSON {"directories":[...],"files":[...]} of its children, each {digest, name,
// size} sorted by name, written "<md5>-<file count>--<total bytes>"; a file's digest is its MD5. Planning a Zarr
// download checks the listed objects against it, so a listing that misses or adds an object is an error, and each
// object's bytes are then checked against its listed MD5 ETag.
import { createHash } from 'node:crypto';

/** One file of a store: its path below the store, its size and its MD5 (hex). */
export interface ZarrFileDigest {
  path: string;
  size: number;
  md5: string;
}

/** One child in a folder's checksum manifest (`count`: the files at or below it). */
export interface ZarrManifestChild {
  digest: string;
  name: string;
  size: number;
  count: number;
}

interface Folder {
  files: ZarrManifestChild[];
  folders: Map<string, Folder>;
}

/** dandi-zarr-checksum of a store's files. */
export function zarrChecksum(files: readonly ZarrFileDigest[]): string {
  const root: Folder = { files: [], folders: new Map() };
  for (const file of files) {
    const parts = file.path.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      let child = folder.folders.get(part);
      if (!child) {
        child = { files: [], folders: new Map() };
        folder.folders.set(part, child);
      }
      folder = child;
    }
    folder.files.push({ digest: file.md5, name: parts.at(-1) ?? '', size: file.size, count: 1 });
  }
  return folderDigest(root).digest;
}

function folderDigest(folder: Folder): Omit<ZarrManifestChild, 'name'> {
  const directories: ZarrManifestChild[] = [];
  for (const [name, child] of folder.folders) directories.push({ name, ...folderDigest(child) });
  return manifestDigest(directories, folder.files);
}

/** The digest of one folder from its children (zarr_checksum `ZarrChecksumManifest.generate_digest`). */
export function manifestDigest(
  directories: readonly ZarrManifestChild[],
  files: readonly ZarrManifestChild[],
): Omit<ZarrManifestChild, 'name'> {
  const byName = (a: ZarrManifestChild, b: ZarrManifestChild): number =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  const dirs = [...directories].sort(byName);
  const leaves = [...files].sort(byName);
  const count = leaves.length + dirs.reduce((n, d) => n + d.count, 0);
  const size = [...dirs, ...leaves].reduce((n, c) => n + c.size, 0);
  // Key order digest, name, size as the pydantic model declares them; no spaces (separators=(",", ":")).
  const entry = ({ digest, name, size: bytes }: ZarrManifestChild) => ({ digest, name, size: bytes });
  const manifest = JSON.stringify({ directories: dirs.map(entry), files: leaves.map(entry) });
  return { digest: `${createHash('md5').update(manifest).digest('hex')}-${count}--${size}`, size, count };
}
