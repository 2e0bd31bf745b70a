// Look-ups the API emulator needs over a world's catalog: dandisets by id, versions, assets by id and per version,
// and the folder tree of each version that `assets/paths/` walks.
import { SAMPLE_EPOCH } from '../store.js';
import type { WorldAsset, WorldCatalog, WorldDandiset, WorldVersion } from '../world/model.js';

/** One node of a version's path tree, like dandi-archive's AssetPath row (dandiapi/api/models/asset_paths.py). */
export interface PathNode {
  /** Full path without a trailing slash, e.g. `sub-01/ses-01`. */
  path: string;
  aggregateFiles: number;
  aggregateSize: number;
  /** Set for files (leaves). */
  asset?: WorldAsset;
  children: Map<string, PathNode>;
}

/** A version together with its dandiset, its assets and a stable numeric id (the `version` field of paths rows). */
export interface VersionEntry {
  dandiset: WorldDandiset;
  version: WorldVersion;
  /** Database-like primary key, unique per version. */
  pk: number;
  assets: WorldAsset[];
  size: number;
}

/** Indexes a catalog once; the emulator only reads it. */
export class CatalogIndex {
  readonly dandisets: readonly WorldDandiset[];
  readonly #byIdentifier = new Map<string, WorldDandiset>();
  readonly #assets = new Map<string, WorldAsset>();
  readonly #assetDandisets = new Map<string, WorldDandiset[]>();
  readonly #versions = new Map<string, VersionEntry>();
  readonly #trees = new Map<string, PathNode>();

  constructor(catalog: WorldCatalog) {
    // dandi-archive lists dandisets ordered by `created` unless asked otherwise (dandiapi/api/views/dandiset.py).
    this.dandisets = [...catalog.dandisets].sort(
      (a, b) => a.created.localeCompare(b.created) || a.identifier.localeCompare(b.identifier),
    );
    for (const a of catalog.assets) this.#assets.set(a.assetId, a);
    let pk = 1;
    for (const d of catalog.dandisets) {
      this.#byIdentifier.set(d.identifier, d);
      for (const v of d.versions) {
        const assets = v.assetIds.map((id) => this.#assets.get(id)).filter((a): a is WorldAsset => a !== undefined);
        this.#versions.set(`${d.identifier}/${v.version}`, {
          dandiset: d,
          version: v,
          pk: pk++,
          assets,
          size: assets.reduce((n, a) => n + a.size, 0),
        });
        for (const a of assets) {
          const list = this.#assetDandisets.get(a.assetId) ?? [];
          if (!list.includes(d)) list.push(d);
          this.#assetDandisets.set(a.assetId, list);
        }
      }
    }
  }

  /** The dandiset with this six-digit identifier. */
  dandiset(identifier: string): WorldDandiset | undefined {
    return this.#byIdentifier.get(identifier);
  }

  /** One version of a dandiset. */
  version(identifier: string, version: string): VersionEntry | undefined {
    return this.#versions.get(`${identifier}/${version}`);
  }

  /** Every version of a dandiset, oldest first. */
  versions(dandiset: WorldDandiset): VersionEntry[] {
    return dandiset.versions
      .map((v) => this.#versions.get(`${dandiset.identifier}/${v.version}`))
      .filter((v): v is VersionEntry => v !== undefined);
  }

  /** The draft version, if any. */
  draft(dandiset: WorldDandiset): VersionEntry | undefined {
    return this.version(dandiset.identifier, 'draft');
  }

  /** The newest published version, if any (published version strings sort by date and counter). */
  latestPublished(dandiset: WorldDandiset): VersionEntry | undefined {
    const published = this.versions(dandiset).filter((v) => v.version.version !== 'draft');
    return published.sort((a, b) => b.version.version.localeCompare(a.version.version))[0];
  }

  /** Every asset of the catalog, in creation order. */
  allAssets(): WorldAsset[] {
    return [...this.#assets.values()];
  }

  /** The objects of a Zarr store, sorted by key as S3 lists them; keys relative to the store's prefix. */
  zarrFiles(zarrId: string): Array<{ key: string; size: number; etag: string; lastModified: string }> {
    const zarr = this.allAssets().find((a) => a.zarr?.zarrId === zarrId)?.zarr;
    if (!zarr) return [];
    const lastModified = SAMPLE_EPOCH.toISOString();
    return zarr.files
      .map((f) => ({ key: f.path, size: f.size, etag: f.etag, lastModified }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** An asset by its id, whichever version holds it. */
  asset(assetId: string): WorldAsset | undefined {
    return this.#assets.get(assetId);
  }

  /** The dandisets an asset belongs to (for embargo checks). */
  dandisetsOf(assetId: string): readonly WorldDandiset[] {
    return this.#assetDandisets.get(assetId) ?? [];
  }

  /** The root of a version's path tree; folders carry file counts and total sizes of everything below them. */
  tree(entry: VersionEntry): PathNode {
    const key = `${entry.dandiset.identifier}/${entry.version.version}`;
    let root = this.#trees.get(key);
    if (root === undefined) {
      root = { path: '', aggregateFiles: 0, aggregateSize: 0, children: new Map() };
      for (const asset of entry.assets) {
        let node = root;
        node.aggregateFiles += 1;
        node.aggregateSize += asset.size;
        const parts = asset.path.split('/');
        parts.forEach((part, i) => {
          const path = parts.slice(0, i + 1).join('/');
          let child = node.children.get(part);
          if (child === undefined) {
            child = { path, aggregateFiles: 0, aggregateSize: 0, children: new Map() };
            node.children.set(part, child);
          }
          child.aggregateFiles += 1;
          child.aggregateSize += asset.size;
          if (i === parts.length - 1) child.asset = asset;
          node = child;
        });
      }
      this.#trees.set(key, root);
    }
    return root;
  }
}
