// The legend of the trajectory's time colours.
import { formatNumber } from '../format.js';
import { timeGradient } from './window.js';

/** A viridis bar from `from` to `to` seconds. */
export function ColourBar({ from, to }: { from: number; to: number }) {
  return (
    <figure
      className="colour-bar"
      aria-label={`Colour scale: purple is ${formatNumber(from)} s, yellow is ${formatNumber(to)} s`}
    >
      <div className="bar" style={{ background: timeGradient() }} />
      <figcaption>
        <span>{formatNumber(from)} s</span>
        <span>time</span>
        <span>{formatNumber(to)} s</span>
      </figcaption>
    </figure>
  );
}
