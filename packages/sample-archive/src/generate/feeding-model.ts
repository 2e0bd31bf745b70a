// A synthetic model of a mouse handling food in front of a close-up high-speed camera, in the spirit of EMBER
// dandiset 000463 ("Mouse food sniff": DeepLabCut pose of nose and hands beside a breathing thermistor trace,
// see docs/pose-formats.md §2.6). It streams: `next(n)` continues where the last call stopped, so a file of any length
// can be written slice by slice with the same result as one call.
import { Prng } from './prng.js';

/** Body parts tracked in the synthetic NWB files, in Skeleton node order (our choice, modelled on 000463). */
export const FEEDING_BODY_PARTS = ['nose', 'left_ear', 'right_ear', 'left_hand', 'right_hand', 'food'] as const;
/** Skeleton edges as index pairs into FEEDING_BODY_PARTS. */
export const FEEDING_EDGES: readonly (readonly [number, number])[] = [
  [0, 1],
  [0, 2],
  [0, 3],
  [0, 4],
  [3, 5],
  [4, 5],
];
/** Camera frame size (width, height) in pixels. */
export const FEEDING_FRAME = [640, 480] as const;

/** One slice of pose frames: per body part x, y and DLC likelihood; NaN where the food is out of sight. */
export interface PoseSlice {
  x: Float64Array[];
  y: Float64Array[];
  confidence: Float64Array[];
}

type Phase = 'handling' | 'chewing' | 'searching';

/** Streams plausible nose, ear, hand and food positions of a feeding mouse at `rate` frames per second. */
export class FeedingPoseModel {
  readonly #rng: Prng;
  readonly #dt: number;
  #hx = 330;
  #hy = 190;
  #sniff = 0;
  #phase: Phase = 'handling';
  #cycle = 0;
  #foodGone = 0;
  readonly #occluded = new Int32Array(FEEDING_BODY_PARTS.length);

  constructor(seed: number, rate: number) {
    this.#rng = new Prng(seed, 'feeding-pose');
    this.#dt = 1 / rate;
    this.#hx += this.#rng.uniform(-30, 30);
    this.#hy += this.#rng.uniform(-20, 20);
  }

  /** The next `n` frames. */
  next(n: number): PoseSlice {
    const rng = this.#rng;
    const dt = this.#dt;
    const K = FEEDING_BODY_PARTS.length;
    const out: PoseSlice = {
      x: Array.from({ length: K }, () => new Float64Array(n)),
      y: Array.from({ length: K }, () => new Float64Array(n)),
      confidence: Array.from({ length: K }, () => new Float64Array(n)),
    };
    const px = new Float64Array(K);
    const py = new Float64Array(K);
    for (let i = 0; i < n; i++) {
      // Head: slow drift around the feeding spot, plus brief sniff excursions of the nose (~1.5 per second).
      this.#hx += ((330 - this.#hx) * dt) / 2 + rng.normal(0, 18) * Math.sqrt(dt);
      this.#hy += ((190 - this.#hy) * dt) / 2 + rng.normal(0, 12) * Math.sqrt(dt);
      if (rng.chance(1.5 * dt)) this.#sniff = 1;
      this.#sniff *= Math.exp(-dt / 0.06);
      if (rng.chance(dt / (this.#phase === 'handling' ? 4 : 1.5))) {
        this.#phase = this.#phase === 'handling' ? (rng.chance(0.7) ? 'chewing' : 'searching') : 'handling';
      }
      if (this.#phase === 'handling') this.#cycle += 2 * Math.PI * 4 * dt;
      const tilt = 0.15 * Math.sin(this.#cycle * 0.25);
      const noseLift = 9 * this.#sniff;
      px[0] = this.#hx;
      py[0] = this.#hy - noseLift;
      px[1] = this.#hx - 30 * Math.cos(tilt) + 30 * Math.sin(tilt);
      py[1] = this.#hy - 32 - 30 * Math.sin(tilt);
      px[2] = this.#hx + 30 * Math.cos(tilt) + 30 * Math.sin(tilt);
      py[2] = this.#hy - 32 + 30 * Math.sin(tilt);
      // Hands hold the food under the nose while handling; lower and apart otherwise.
      const lower = this.#phase === 'searching' ? 70 : this.#phase === 'chewing' ? 25 : 0;
      const foodX = this.#hx + 3 * Math.sin(this.#cycle * 0.5);
      const foodY = this.#hy + 42 + lower * 0.5 + 6 * Math.sin(this.#cycle);
      px[3] = foodX - 17 - 4 * Math.sin(this.#cycle);
      py[3] = foodY + 8 + lower * 0.5 + 5 * Math.sin(this.#cycle + 0.5);
      px[4] = foodX + 17 + 4 * Math.sin(this.#cycle + Math.PI / 2);
      py[4] = foodY + 8 + lower * 0.5 + 5 * Math.sin(this.#cycle + 2);
      px[5] = foodX;
      py[5] = foodY;
      // The food leaves the frame now and then (dropped, or hidden by the hands): DLC rows become NaN there.
      if (this.#foodGone > 0) this.#foodGone -= 1;
      else if (this.#phase === 'searching' && rng.chance(dt * 0.8))
        this.#foodGone = Math.round(rng.uniform(0.05, 0.4) / dt);
      for (let k = 0; k < K; k++) {
        if (k === 5 && this.#foodGone > 0) {
          out.x[k]![i] = Number.NaN;
          out.y[k]![i] = Number.NaN;
          out.confidence[k]![i] = Number.NaN;
          continue;
        }
        if (this.#occluded[k]! > 0) this.#occluded[k]! -= 1;
        else if (rng.chance((k >= 3 ? 0.6 : 0.15) * dt)) this.#occluded[k] = Math.round(rng.uniform(0.02, 0.15) / dt);
        const occluded = this.#occluded[k]! > 0;
        const jitter = occluded ? 5 : 0.7;
        out.x[k]![i] = Math.min(FEEDING_FRAME[0] - 1, Math.max(0, px[k]! + rng.normal(0, jitter)));
        out.y[k]![i] = Math.min(FEEDING_FRAME[1] - 1, Math.max(0, py[k]! + rng.normal(0, jitter)));
        out.confidence[k]![i] = occluded ? rng.uniform(0.01, 0.5) : 1 - Math.min(0.3, Math.abs(rng.normal(0, 0.025)));
      }
    }
    return out;
  }
}

/** Streams a synthetic nasal thermistor trace (breathing at ~6-12 Hz with sniff bouts) as int16 ADC counts. */
export class BreathingTrace {
  readonly #rng: Prng;
  readonly #dt: number;
  #phase = 0;
  #freq = 8;
  #bout = 0;

  constructor(seed: number, rate: number) {
    this.#rng = new Prng(seed, 'thermistor');
    this.#dt = 1 / rate;
  }

  /** The next `n` samples. */
  next(n: number): Int16Array {
    const rng = this.#rng;
    const out = new Int16Array(n);
    for (let i = 0; i < n; i++) {
      if (this.#bout > 0) this.#bout -= this.#dt;
      else if (rng.chance(this.#dt / 4)) this.#bout = rng.uniform(0.3, 1.2);
      const target = this.#bout > 0 ? 11 : 7;
      this.#freq += (target - this.#freq) * this.#dt * 5 + rng.normal(0, 0.4) * Math.sqrt(this.#dt);
      this.#phase += 2 * Math.PI * this.#freq * this.#dt;
      const v = 9000 * Math.sin(this.#phase) + 1800 * Math.sin(2 * this.#phase + 0.6) + rng.normal(0, 250);
      out[i] = Math.max(-32768, Math.min(32767, Math.round(v)));
    }
    return out;
  }
}
