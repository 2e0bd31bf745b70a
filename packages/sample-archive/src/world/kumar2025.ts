// `other/kumar2025/`: an EMBER project stored as plain files outside DANDI, shaped like the PTZ-induced seizure
// study (docs/ember-archive.md): 109 video sessions, one JABS pose file per session, JABS classifiers, an index page.
// Every name and byte says it is synthetic.
import { createHash } from 'node:crypto';
import type { JabsPoseParams } from '../generate/types.js';
import { SeededRandom, stableSeed } from './random.js';
import { utf8, type PlannedObject, type WorldGenerators } from './plan.js';

/** Prefix of the project in the bucket. */
export const KUMAR_PREFIX = 'other/kumar2025/';
/** Number of video sessions, as in the real study. */
export const KUMAR_SESSIONS = 109;

/** Sessions with pose files of their own; a multiple of 7 so later sessions find a template of the same version. */
export const OWN_POSE_FILES = 21;

/** One synthetic video session and its pose file parameters. */
export interface KumarSession {
  /** File name of the video, e.g. `SYNTH_PTZ_B6J_2024-03-04_cage01_m1.avi`; some contain spaces. */
  video: string;
  stem: string;
  poseVersion: JabsPoseParams['version'];
  frames: number;
  mice: number;
}

/** The 109 sessions, deterministic for a seed. */
export function kumarSessions(seed: number): KumarSession[] {
  const random = new SeededRandom(stableSeed(seed, 'kumar2025/sessions'));
  const strains = ['B6J', 'B6N', 'BTBR', 'CAST', 'DBA2J'];
  const sessions: KumarSession[] = [];
  for (let i = 0; i < KUMAR_SESSIONS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(3 + Math.floor(i / 28)).padStart(2, '0');
    const strain = random.pick(strains);
    const cage = String(1 + Math.floor(i / 4)).padStart(2, '0');
    const mouse = 1 + (i % 4);
    // Every seventh name follows the hand-typed style with spaces that the real listing has.
    const stem =
      i % 7 === 3
        ? `SYNTH PTZ ${strain} 2024-${month}-${day} cage ${cage} mouse ${mouse}`
        : `SYNTH_PTZ_${strain}_2024-${month}-${day}_cage${cage}_m${mouse}`;
    // Mostly v5 like the study, a few of every other version so readers meet them all; the first few sessions
    // are longer so plots have something to show, the rest stay short to keep the world quick to build.
    const poseVersion = ([5, 5, 5, 2, 3, 4, 6] as const)[i % 7] ?? 5;
    sessions.push({
      video: `${stem}.avi`,
      stem,
      poseVersion,
      frames: i % OWN_POSE_FILES < 3 ? 1800 : 150,
      // Same index modulo 21 gives the same version and mouse count, so shared pose files stay consistent.
      mice: poseVersion === 2 ? 1 : 1 + (i % 3),
    });
  }
  return sessions;
}

/** The pose file name JABS gives a video: `<video stem>_pose_est_v<N>.h5`. */
export function poseFileName(session: KumarSession): string {
  return `${session.stem}_pose_est_v${session.poseVersion}.h5`;
}

/** A tiny RIFF/AVI-shaped placeholder: a real header magic, then a sentence saying it is not a video. */
function placeholderAvi(session: KumarSession): Uint8Array {
  const text = utf8(
    `SYNTHETIC SAMPLE - not a real video recording. Session "${session.stem}" of the ember-sample-archive.\n`,
  );
  const header = new Uint8Array(12);
  header.set(utf8('RIFF'), 0);
  new DataView(header.buffer).setUint32(4, text.byteLength + 4, true);
  header.set(utf8('AVI '), 8);
  const out = new Uint8Array(header.byteLength + text.byteLength);
  out.set(header, 0);
  out.set(text, header.byteLength);
  return out;
}

/** A pickle (protocol 2) of one harmless string that says it is synthetic: safe even if someone loads it. */
function placeholderPickle(behavior: string): Uint8Array {
  const text = utf8(`SYNTHETIC SAMPLE - not a real JABS classifier (${behavior}); list it, never load it.`);
  const out = new Uint8Array(2 + 1 + 4 + text.byteLength + 1);
  out.set([0x80, 0x02, 0x58], 0); // PROTO 2, BINUNICODE
  new DataView(out.buffer).setUint32(3, text.byteLength, true);
  out.set(text, 7);
  out[out.length - 1] = 0x2e; // STOP
  return out;
}

function object(key: string, bytes: Uint8Array, contentType: string): PlannedObject {
  return {
    key,
    contentType,
    size: bytes.byteLength,
    etag: createHash('md5').update(bytes).digest('hex'),
    source: { bytes },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The static listing page, like the S3 explorer page the real bucket serves for the project. */
function indexPage(files: PlannedObject[]): Uint8Array {
  const rows = files
    .map((f) => {
      const rel = f.key.slice(KUMAR_PREFIX.length);
      const href = rel.split('/').map(encodeURIComponent).join('/');
      return `      <tr><td><a href="${escapeHtml(href)}">${escapeHtml(rel)}</a></td><td>${f.size}</td></tr>`;
    })
    .join('\n');
  return utf8(`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>kumar2025 (synthetic sample)</title></head>
  <body>
    <h1>other/kumar2025/ - SYNTHETIC SAMPLE</h1>
    <p>Generated by ember-sample-archive for demos and tests. None of these files is a real recording.</p>
    <table>
      <tr><th>key</th><th>size</th></tr>
${rows}
    </table>
  </body>
</html>
`);
}

/** Every object under `other/kumar2025/`. */
export async function kumarObjects(seed: number, generators: WorldGenerators): Promise<PlannedObject[]> {
  const objects: PlannedObject[] = [];
  for (const behavior of ['seizure_racine3', 'seizure_racine5', 'grooming', 'immobility']) {
    objects.push(
      object(
        `${KUMAR_PREFIX}classifiers/${behavior}_classifier.pickle`,
        placeholderPickle(behavior),
        'application/octet-stream',
      ),
    );
  }
  const sessions = kumarSessions(seed);
  const generated: Uint8Array[] = [];
  for (const [i, session] of sessions.entries()) {
    // h5wasm writes one small pose file in ~50-150 ms, so 109 of them would take the first start past ten
    // seconds. The first OWN_POSE_FILES sessions get their own trajectories; later sessions reuse the file of
    // an earlier session with the same pose version and mouse count (same index modulo 21), under their own name.
    const template = i < OWN_POSE_FILES ? undefined : generated[i % OWN_POSE_FILES];
    const bytes =
      template ??
      (await generators.jabsPose({
        seed: stableSeed(seed, `kumar2025/pose/${session.stem}`),
        version: session.poseVersion,
        frames: session.frames,
        mice: session.mice,
      }));
    generated.push(bytes);
    objects.push(object(`${KUMAR_PREFIX}pose_files/${poseFileName(session)}`, bytes, 'application/x-hdf5'));
  }
  for (const session of sessions) {
    objects.push(object(`${KUMAR_PREFIX}videos/${session.video}`, placeholderAvi(session), 'video/x-msvideo'));
  }
  objects.push(object(`${KUMAR_PREFIX}index.html`, indexPage(objects), 'text/html; charset=utf-8'));
  return objects;
}
