// Component tests: unmount between tests so one test's DOM never satisfies another's query; happy-dom has no
// canvas, so a 2-D context that accepts every call (and draws nothing) stands in for it. The real drawing is
// checked by the browser e2e (e2e/viewer.e2e.test.ts), which reads pixels back.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());

function fakeContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const state: Record<string | symbol, unknown> = { canvas };
  const noop = () => undefined;
  return new Proxy(state, {
    get: (target, key) =>
      key in target
        ? target[key]
        : key === 'measureText'
          ? () => ({ width: 0 })
          : key === 'getLineDash'
            ? () => []
            : noop,
    set: (target, key, value) => {
      target[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

HTMLCanvasElement.prototype.getContext = function getContext(this: HTMLCanvasElement) {
  return fakeContext(this);
} as unknown as HTMLCanvasElement['getContext'];

if (typeof globalThis.Path2D === 'undefined') {
  // Every path method is accepted and ignored.
  globalThis.Path2D = function Path2D() {
    return new Proxy({}, { get: () => () => undefined });
  } as unknown as typeof Path2D;
}

// happy-dom lays nothing out (every size is 0): give elements a screen-sized box so the virtualised listing
// renders the rows a person would see.
for (const [property, size] of [
  ['clientHeight', 600],
  ['clientWidth', 800],
  ['offsetHeight', 600],
  ['offsetWidth', 800],
] as const) {
  Object.defineProperty(HTMLElement.prototype, property, { configurable: true, get: () => size });
}
