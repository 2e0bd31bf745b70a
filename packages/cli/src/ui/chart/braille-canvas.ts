// A canvas of Unicode braille cells: each character cell holds 2x4 dots, so a 60x12 cell chart has 120x48 dots of
// resolution. Dots are numbered as in the Unicode braille block (U+2800..U+28FF): bit 0..2 the left column's top
// three, bit 3..5 the right column's top three, bits 6 and 7 the bottom row (left, right). Each cell remembers the
// colour of the last series that put a dot in it, since a terminal cell has one foreground colour.

const BRAILLE_BASE = 0x2800;
/** DOT_BITS[row][column]: the bit of a dot at (column, row) inside its cell. */
const DOT_BITS: readonly (readonly [number, number])[] = [
  [0x01, 0x08],
  [0x02, 0x10],
  [0x04, 0x20],
  [0x40, 0x80],
];

/** A run of characters drawn in one colour (undefined: the terminal's default). */
export interface Segment {
  text: string;
  color?: string;
}

/** A grid of braille cells that series are plotted into, dot by dot. */
export class BrailleCanvas {
  readonly columns: number;
  readonly rows: number;
  readonly #bits: Uint8Array;
  readonly #colors: (string | undefined)[];

  constructor(columns: number, rows: number) {
    this.columns = Math.max(0, Math.floor(columns));
    this.rows = Math.max(0, Math.floor(rows));
    this.#bits = new Uint8Array(this.columns * this.rows);
    this.#colors = new Array<string | undefined>(this.columns * this.rows).fill(undefined);
  }

  /** Dots across. */
  get dotWidth(): number {
    return this.columns * 2;
  }

  /** Dots down. */
  get dotHeight(): number {
    return this.rows * 4;
  }

  /** Set the dot at (x, y), counted from the top left in dots; dots off the canvas are ignored. */
  set(x: number, y: number, color?: string): void {
    const dx = Math.round(x);
    const dy = Math.round(y);
    if (!(dx >= 0 && dy >= 0 && dx < this.dotWidth && dy < this.dotHeight)) return;
    const cell = Math.floor(dy / 4) * this.columns + Math.floor(dx / 2);
    this.#bits[cell] = (this.#bits[cell] ?? 0) | (DOT_BITS[dy % 4]?.[dx % 2] ?? 0);
    this.#colors[cell] = color;
  }

  /** A straight line of dots from (x0, y0) to (x1, y1) (Bresenham), both ends included. */
  line(x0: number, y0: number, x1: number, y1: number, color?: string): void {
    if (this.columns === 0 || this.rows === 0 || ![x0, y0, x1, y1].every(Number.isFinite)) return;
    let x = Math.round(x0);
    let y = Math.round(y0);
    const tx = Math.round(x1);
    const ty = Math.round(y1);
    // Two far-off points (a zoomed chart's neighbours outside the window) need only their visible part; clamp the
    // step count so a stray 1e9 cannot loop for seconds.
    const dx = Math.abs(tx - x);
    const dy = -Math.abs(ty - y);
    if (dx - dy > 4 * (this.dotWidth + this.dotHeight)) return this.#clippedLine(x0, y0, x1, y1, color);
    const sx = x < tx ? 1 : -1;
    const sy = y < ty ? 1 : -1;
    let error = dx + dy;
    for (;;) {
      this.set(x, y, color);
      if (x === tx && y === ty) return;
      const e2 = 2 * error;
      if (e2 >= dy) {
        error += dy;
        x += sx;
      }
      if (e2 <= dx) {
        error += dx;
        y += sy;
      }
    }
  }

  /** Dot `x` is in column `x / 2`: whether any dot is set in cell (column, row). */
  isSet(column: number, row: number): boolean {
    return (this.#bits[row * this.columns + column] ?? 0) !== 0;
  }

  /** The canvas as lines of coloured runs; empty cells are spaces (U+2800 would show as blank dots in some fonts). */
  segments(): Segment[][] {
    const lines: Segment[][] = [];
    for (let row = 0; row < this.rows; row++) {
      const line: Segment[] = [];
      for (let column = 0; column < this.columns; column++) {
        const cell = row * this.columns + column;
        const bits = this.#bits[cell] ?? 0;
        const char = bits === 0 ? ' ' : String.fromCharCode(BRAILLE_BASE + bits);
        const color = bits === 0 ? undefined : this.#colors[cell];
        const last = line[line.length - 1];
        if (last && last.color === color) last.text += char;
        else line.push(color === undefined ? { text: char } : { text: char, color });
      }
      lines.push(line);
    }
    return lines;
  }

  /** The canvas as plain text lines (tests and screenshots). */
  lines(): string[] {
    return this.segments().map((line) => line.map((s) => s.text).join(''));
  }

  // Liang-Barsky clipping to the canvas (with a margin of one dot), then an ordinary line.
  #clippedLine(x0: number, y0: number, x1: number, y1: number, color?: string): void {
    const dx = x1 - x0;
    const dy = y1 - y0;
    let t0 = 0;
    let t1 = 1;
    const edges: [number, number][] = [
      [-dx, x0 + 1],
      [dx, this.dotWidth - x0],
      [-dy, y0 + 1],
      [dy, this.dotHeight - y0],
    ];
    for (const [p, q] of edges) {
      if (p === 0) {
        if (q < 0) return;
        continue;
      }
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return;
    }
    this.line(x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy, color);
  }
}
