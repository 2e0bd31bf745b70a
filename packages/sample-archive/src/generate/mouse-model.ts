// A plausible (but synthetic) model of mice moving in an open-field arena filmed from above, producing the 12 JABS
// keypoints per frame: a smooth random walk with behaviour states (rest, groom, walk, run) and speed changes, a body
// that bends with turning, a wagging tail, paws that step with the gait, detector confidences like JABS heatmap peaks
// (not bounded by 1) and the gaps real trackers leave (occluded keypoints, whole mice lost for a few frames).
import { Prng } from './prng.js';
import { JABS_KEYPOINTS } from './types.js';

/** An open-field arena as the camera sees it, in pixels (JABS cameras record 800 x 800). */
export interface Arena {
  width: number;
  height: number;
  /** Floor corners (x, y) in pixels. */
  corners: [number, number][];
}

/** What the simulation is asked for. */
export interface MouseSimulationParams {
  seed: number;
  frames: number;
  mice: number;
  fps: number;
  arena: Arena;
  /** Typical confidence of a clearly seen keypoint: about 1 for v2-era models, 3 to 5 for multi-mouse ones. */
  confidenceScale: number;
  /** Whether whole mice may go undetected for a few frames (at most one mouse at a time). */
  dropouts: boolean;
}

/** One simulated mouse: integer pixel positions (what a uint16 file stores) per keypoint, NaN where missing. */
export interface SimulatedMouse {
  x: Float64Array[];
  y: Float64Array[];
  confidence: Float32Array[];
  /** 1 where the mouse was detected at all in the frame. */
  present: Uint8Array;
  /** Heading of the body (radians, image coordinates) per frame, for segmentation outlines. */
  heading: Float64Array;
  /** Body centre (center_spine before noise) per frame. */
  centerX: Float64Array;
  centerY: Float64Array;
}

const K = JABS_KEYPOINTS.length;

// Body layout in pixels along the spine (s, forward positive) and to the mouse's left (v): about 0.073 cm/px.
const BODY: readonly { s: number; v: number }[] = [
  { s: 58, v: 0 }, // nose
  { s: 40, v: 11 }, // left_ear
  { s: 40, v: -11 }, // right_ear
  { s: 32, v: 0 }, // base_neck
  { s: 22, v: 13 }, // left_front_paw
  { s: 22, v: -13 }, // right_front_paw
  { s: 0, v: 0 }, // center_spine
  { s: -26, v: 15 }, // left_rear_paw
  { s: -26, v: -15 }, // right_rear_paw
  { s: -52, v: 0 }, // base_tail
];
const TAIL_SEGMENT = 40;

// How well each keypoint is usually seen (fraction of the confidence scale) and how often it gets occluded.
const VISIBILITY = [0.95, 0.9, 0.9, 0.85, 0.6, 0.6, 0.8, 0.65, 0.65, 0.9, 0.75, 0.55] as const;
const OCCLUSION_RATE = [0.002, 0.003, 0.003, 0.002, 0.012, 0.012, 0.002, 0.01, 0.01, 0.002, 0.004, 0.009] as const;

type Behaviour = 'rest' | 'groom' | 'walk' | 'run';
const TARGET_SPEED: Record<Behaviour, number> = { rest: 0, groom: 0, walk: 90, run: 260 };
const SWITCH: Record<Behaviour, readonly [Behaviour, number][]> = {
  rest: [
    ['walk', 0.6],
    ['groom', 0.3],
    ['run', 0.1],
  ],
  groom: [
    ['rest', 0.5],
    ['walk', 0.5],
  ],
  walk: [
    ['rest', 0.35],
    ['run', 0.35],
    ['groom', 0.3],
  ],
  run: [
    ['walk', 0.8],
    ['rest', 0.2],
  ],
};
// Mean seconds in each state.
const DWELL: Record<Behaviour, number> = { rest: 3, groom: 4, walk: 2.5, run: 1.2 };

/** The standard 800 x 800 JABS arena with its floor corners jittered a little by the seed. */
export function jabsArena(seed: number): Arena {
  const rng = new Prng(seed, 'arena');
  const j = (): number => Math.round(rng.uniform(-6, 6));
  return {
    width: 800,
    height: 800,
    corners: [
      [52 + j(), 66 + j()],
      [55 + j(), 776 + j()],
      [762 + j(), 68 + j()],
      [760 + j(), 777 + j()],
    ],
  };
}

/** Simulate `mice` mice for `frames` frames; deterministic in `seed`. */
export function simulateMice(params: MouseSimulationParams): SimulatedMouse[] {
  const { frames, mice, fps, arena } = params;
  const dt = 1 / fps;
  const { walk, floor } = arenaBounds(arena);
  const dropoutRng = new Prng(params.seed, 'dropouts');
  const droppedUntil = new Int32Array(mice).fill(-1);
  const states = Array.from({ length: mice }, (_, m) => startMouse(params.seed, m, walk, frames));
  const body: BodyPoints = { x: new Float64Array(K), y: new Float64Array(K) };
  // Phases per frame: who is lost, then per mouse its motion, its body pose, and what the detector reports of it.
  // The order of the random draws is part of the output: every seed must keep giving the same files.
  for (let f = 0; f < frames; f++) {
    if (params.dropouts) maybeDropOneMouse(dropoutRng, droppedUntil, f);
    for (let m = 0; m < mice; m++) {
      const s = states[m]!;
      moveMouse(s, dt, walk);
      poseBody(s, f, dt, body);
      detectKeypoints(s, f, droppedUntil[m]! < f, body, floor, params.confidenceScale);
    }
  }
  return states.map((s) => s.track);
}

interface Bounds {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** Where a mouse's centre may walk (40 px inside the walls) and where keypoints may lie (the floor). */
function arenaBounds(arena: Arena): { walk: Bounds; floor: Bounds } {
  const xs = arena.corners.map((c) => c[0]);
  const ys = arena.corners.map((c) => c[1]);
  const walk = {
    minX: Math.max(...[xs[0] ?? 0, xs[1] ?? 0]) + 40,
    maxX: Math.min(...[xs[2] ?? arena.width, xs[3] ?? arena.width]) - 40,
    minY: Math.max(...[ys[0] ?? 0, ys[2] ?? 0]) + 40,
    maxY: Math.min(...[ys[1] ?? arena.height, ys[3] ?? arena.height]) - 40,
  };
  // Keypoints stay on the arena floor (a tail can lie along a wall, not through it); 0 would read as "missing".
  const floor = {
    minX: Math.max(1, Math.min(...xs) - 2),
    maxX: Math.min(arena.width - 1, Math.max(...xs) + 2),
    minY: Math.max(1, Math.min(...ys) - 2),
    maxY: Math.min(arena.height - 1, Math.max(...ys) + 2),
  };
  return { walk, floor };
}

/** One mouse's state between frames, and the track it fills. */
interface MouseState {
  rng: Prng;
  cx: number;
  cy: number;
  heading: number;
  speed: number;
  omega: number;
  behaviour: Behaviour;
  gaitPhase: number;
  tailPhase: number;
  occludedFor: Int32Array;
  lowConfidence: Uint8Array;
  track: SimulatedMouse;
}

/** Noise-free keypoint positions of one mouse in the current frame. */
interface BodyPoints {
  x: Float64Array;
  y: Float64Array;
}

/** Mouse `m` at rest somewhere inside the walk area, facing a random way, with an empty track of `frames`. */
function startMouse(seed: number, m: number, walk: Bounds, frames: number): MouseState {
  const rng = new Prng(seed, `mouse-${m}`);
  return {
    rng,
    cx: rng.uniform(walk.minX + 60, walk.maxX - 60),
    cy: rng.uniform(walk.minY + 60, walk.maxY - 60),
    heading: rng.uniform(-Math.PI, Math.PI),
    speed: 0,
    omega: 0,
    behaviour: 'rest',
    gaitPhase: rng.uniform(0, 2 * Math.PI),
    tailPhase: rng.uniform(0, 2 * Math.PI),
    occludedFor: new Int32Array(K),
    lowConfidence: new Uint8Array(K),
    track: {
      x: Array.from({ length: K }, () => new Float64Array(frames)),
      y: Array.from({ length: K }, () => new Float64Array(frames)),
      confidence: Array.from({ length: K }, () => new Float32Array(frames)),
      present: new Uint8Array(frames),
      heading: new Float64Array(frames),
      centerX: new Float64Array(frames),
      centerY: new Float64Array(frames),
    },
  };
}

// At most one mouse is lost at a time, so JABS-style tracklet-to-identity mapping stays unambiguous.
function maybeDropOneMouse(rng: Prng, droppedUntil: Int32Array, f: number): void {
  if (droppedUntil.every((u) => u < f) && rng.chance(1 / 700)) {
    const m = rng.int(0, droppedUntil.length - 1);
    droppedUntil[m] = f + rng.int(0, 3);
  }
}

/** One frame of motion: behaviour switching, speed, turning (steered away from walls) and the step forward. */
function moveMouse(s: MouseState, dt: number, walk: Bounds): void {
  const { rng } = s;
  // Behaviour switching and speed: a first-order approach to the behaviour's target speed, with jitter.
  if (rng.chance(dt / DWELL[s.behaviour])) {
    let r = rng.next();
    for (const [next, p] of SWITCH[s.behaviour]) {
      r -= p;
      if (r <= 0) {
        s.behaviour = next;
        break;
      }
    }
  }
  const target = TARGET_SPEED[s.behaviour] * (0.8 + 0.4 * rng.next());
  s.speed += (target - s.speed) * (1 - Math.exp(-dt / 0.35)) + rng.normal(0, 4);
  if (s.speed < 0) s.speed = 0;
  // Turning: Ornstein-Uhlenbeck angular velocity, steered away from walls ahead.
  const turnNoise = s.speed < 20 ? 1.2 : 2.5;
  s.omega += (-s.omega * dt) / 0.6 + rng.normal(0, turnNoise) * Math.sqrt(dt);
  const aheadX = s.cx + Math.cos(s.heading) * 90;
  const aheadY = s.cy + Math.sin(s.heading) * 90;
  if (aheadX < walk.minX || aheadX > walk.maxX || aheadY < walk.minY || aheadY > walk.maxY) {
    const toCentre = Math.atan2((walk.minY + walk.maxY) / 2 - s.cy, (walk.minX + walk.maxX) / 2 - s.cx);
    const diff = Math.atan2(Math.sin(toCentre - s.heading), Math.cos(toCentre - s.heading));
    s.omega += Math.sign(diff) * 6 * dt;
    s.speed *= 0.97;
  }
  s.omega = Math.max(-4, Math.min(4, s.omega));
  s.heading += s.omega * dt;
  s.cx = Math.max(walk.minX, Math.min(walk.maxX, s.cx + Math.cos(s.heading) * s.speed * dt));
  s.cy = Math.max(walk.minY, Math.min(walk.maxY, s.cy + Math.sin(s.heading) * s.speed * dt));
}

/** The 12 keypoints of the body in frame `f`, before detector noise, into `body`. */
function poseBody(s: MouseState, f: number, dt: number, body: BodyPoints): void {
  const { x: bx, y: by } = body;
  // Body shape: a circular arc with curvature from turning; grooming pulls the nose toward the front paws.
  const bend = Math.max(
    -0.012,
    Math.min(
      0.012,
      (s.omega / Math.max(s.speed, 40)) * 0.5 + (s.behaviour === 'groom' ? 0.004 * Math.sin(f * dt * 3) : 0),
    ),
  );
  const stepHz = 2 + s.speed / 60;
  if (s.speed > 15) s.gaitPhase += 2 * Math.PI * stepHz * dt;
  const stride = Math.min(12, s.speed * 0.05);
  const groomPull = s.behaviour === 'groom' ? 10 + 4 * Math.sin(f * dt * 9) : 0;
  for (let k = 0; k < BODY.length; k++) {
    const b = BODY[k]!;
    let along = b.s;
    let side = b.v;
    if (k === 0) along -= groomPull;
    if (k === 4 || k === 5) {
      along += (k === 4 ? 1 : -1) * stride * Math.sin(s.gaitPhase) + groomPull * 0.6;
      if (s.behaviour === 'groom') side *= 0.5;
    }
    if (k === 7 || k === 8) along += (k === 8 ? 1 : -1) * stride * Math.sin(s.gaitPhase);
    const [px, py] = arcPoint(s.cx, s.cy, s.heading, bend, along, side);
    bx[k] = px;
    by[k] = py;
  }
  // Tail: two segments behind base_tail, wagging more when the mouse moves, lagging behind turns.
  s.tailPhase += 2 * Math.PI * (1.2 + s.speed / 200) * dt;
  const wag = (0.15 + Math.min(0.35, s.speed / 600)) * Math.sin(s.tailPhase) - s.omega * 0.12;
  const back = s.heading + bend * BODY[9]!.s + Math.PI;
  const midX = bx[9]! + TAIL_SEGMENT * Math.cos(back + wag * 0.5);
  const midY = by[9]! + TAIL_SEGMENT * Math.sin(back + wag * 0.5);
  bx[10] = midX;
  by[10] = midY;
  bx[11] = midX + TAIL_SEGMENT * Math.cos(back + wag * 1.3);
  by[11] = midY + TAIL_SEGMENT * Math.sin(back + wag * 1.3);
}

/** What the detector reports for frame `f`: jittered integer pixels and confidences, NaN where it missed. */
function detectKeypoints(
  s: MouseState,
  f: number,
  present: boolean,
  body: BodyPoints,
  floor: Bounds,
  confidenceScale: number,
): void {
  const { rng, track } = s;
  track.heading[f] = s.heading;
  track.centerX[f] = s.cx;
  track.centerY[f] = s.cy;
  track.present[f] = present ? 1 : 0;
  for (let k = 0; k < K; k++) {
    // Occlusions: runs of frames where the detector misses a keypoint or sees it only faintly.
    if (s.occludedFor[k]! > 0) {
      s.occludedFor[k]! -= 1;
    } else {
      const rate = OCCLUSION_RATE[k]! * (s.behaviour === 'groom' || s.behaviour === 'rest' ? 2 : 1);
      if (rng.chance(rate)) {
        s.occludedFor[k] = rng.int(2, 12);
        s.lowConfidence[k] = rng.chance(0.3) ? 1 : 0;
      }
    }
    const occluded = s.occludedFor[k]! > 0;
    if (!present || (occluded && s.lowConfidence[k] === 0)) {
      track.x[k]![f] = Number.NaN;
      track.y[k]![f] = Number.NaN;
      track.confidence[k]![f] = 0;
      continue;
    }
    const jitter = occluded ? 6 : 0.8;
    track.x[k]![f] = clampPixel(body.x[k]! + rng.normal(0, jitter), floor.minX, floor.maxX);
    track.y[k]![f] = clampPixel(body.y[k]! + rng.normal(0, jitter), floor.minY, floor.maxY);
    const seen = occluded
      ? rng.uniform(0.02, 0.3) / confidenceScale
      : VISIBILITY[k]! * Math.max(0.35, Math.min(1.3, rng.normal(1, 0.12)));
    track.confidence[k]![f] = Math.fround(seen * confidenceScale);
  }
}

function arcPoint(
  cx: number,
  cy: number,
  heading: number,
  bend: number,
  along: number,
  side: number,
): [number, number] {
  let x: number;
  let y: number;
  if (Math.abs(bend) < 1e-9) {
    x = cx + along * Math.cos(heading);
    y = cy + along * Math.sin(heading);
  } else {
    const a = heading + bend * along;
    x = cx + (Math.sin(a) - Math.sin(heading)) / bend;
    y = cy + (Math.cos(heading) - Math.cos(a)) / bend;
  }
  const a = heading + bend * along;
  // Image coordinates have y pointing down, so the mouse's left is (sin, -cos) of its heading.
  return [x + side * Math.sin(a), y - side * Math.cos(a)];
}

// Positions are stored as uint16 pixels, and no body part passes through the arena walls.
function clampPixel(v: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.round(v)));
}
