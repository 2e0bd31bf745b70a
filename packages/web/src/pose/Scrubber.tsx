// The current frame: a slider over the window, step buttons and playback at the file's frame rate. While playing,
// the frame lives in local state (writing the URL 30 times a second would flood history); pausing writes it back.
import { useEffect, useRef, useState } from 'react';
import { formatNumber } from '../format.js';

/** Props of the scrubber. */
export interface ScrubberProps {
  frame: number;
  start: number;
  end: number;
  /** Playback rate; 30 frames per second when the file has none. */
  fps: number | undefined;
  /** Seconds at a frame, as the file times it. */
  timeOf: (frame: number) => number | undefined;
  /** Called with the frame to keep (on release, step and pause). */
  onFrame: (frame: number) => void;
  /** Called on every frame shown during playback or dragging. */
  onPreview: (frame: number) => void;
}

/** The scrubber. */
export function Scrubber({ frame, start, end, fps, timeOf, onFrame, onPreview }: ScrubberProps) {
  const [playing, setPlaying] = useState(false);
  const [shown, setShown] = useState(frame);
  const shownRef = useRef(frame);
  shownRef.current = shown;

  useEffect(() => setShown(frame), [frame]);

  useEffect(() => {
    if (!playing) return;
    const rate = fps ?? 30;
    let last = performance.now();
    let carry = 0;
    let handle = requestAnimationFrame(function tick(now) {
      carry += ((now - last) / 1000) * rate;
      last = now;
      const step = Math.floor(carry);
      if (step > 0) {
        carry -= step;
        const next = shownRef.current + step >= end ? start : shownRef.current + step;
        setShown(next);
        onPreview(next);
      }
      handle = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(handle);
  }, [playing, fps, start, end, onPreview]);

  const toggle = () => {
    if (playing) onFrame(shownRef.current);
    setPlaying(!playing);
  };
  const step = (delta: number) => {
    const next = Math.min(end - 1, Math.max(start, shown + delta));
    setShown(next);
    onFrame(next);
  };
  const seconds = timeOf(shown);

  return (
    <div className="scrubber" role="group" aria-label="Current frame">
      <button type="button" onClick={() => step(-1)} aria-label="Previous frame">
        ◀
      </button>
      <button type="button" onClick={toggle} aria-pressed={playing}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" onClick={() => step(1)} aria-label="Next frame">
        ▶
      </button>
      <input
        type="range"
        min={start}
        max={Math.max(start, end - 1)}
        value={shown}
        aria-label="Frame"
        aria-valuetext={`frame ${shown}${seconds === undefined ? '' : `, ${formatNumber(seconds)} s`}`}
        onChange={(event) => {
          const next = Number(event.target.value);
          setShown(next);
          onPreview(next);
        }}
        onPointerUp={() => onFrame(shownRef.current)}
        onKeyUp={() => onFrame(shownRef.current)}
      />
      <output>
        frame {shown}
        {seconds !== undefined && ` · ${formatNumber(seconds)} s`}
      </output>
    </div>
  );
}
