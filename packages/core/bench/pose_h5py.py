#!/usr/bin/python3
"""Peer for bench/pose.mjs: extract every keypoint of a JABS pose file or an ndx-pose NWB with h5py + numpy,
doing the same work the TypeScript reader does (JABS: flip (y, x), group instances by identity as JABS v4 does,
NaN where confidence is 0; NWB: data, confidence and time of every PoseEstimationSeries). Prints JSON timings.

usage: pose_h5py.py jabs|nwb FILE RUNS
"""
import json
import sys
import time

import h5py
import numpy as np


def jabs(path):
    with h5py.File(path, "r") as f:
        g = f["poseest"]
        points = np.flip(g["points"][:], axis=-1).astype(np.float64)  # (F, I, 12, 2) as (x, y)
        confidence = g["confidence"][:]
        id_mask = g["id_mask"][:]
        embed = g["instance_embed_id"][:]
    frames, slots = points.shape[:2]
    good = id_mask == 0
    identities = int(embed[good].max()) if good.any() else 0
    out = np.full((identities, frames, points.shape[2], 2), np.nan)
    conf = np.full((identities, frames, points.shape[2]), np.nan)
    f_idx, s_idx = np.nonzero(good)
    ident = embed[f_idx, s_idx].astype(np.int64) - 1
    out[ident, f_idx] = points[f_idx, s_idx]
    conf[ident, f_idx] = confidence[f_idx, s_idx]
    out[conf == 0] = np.nan
    return frames


def nwb(path):
    with h5py.File(path, "r") as f:
        behavior = f["processing/behavior"]
        container = next(
            behavior[name] for name in behavior
            if behavior[name].attrs.get("neurodata_type") == "PoseEstimation"
        )
        frames = 0
        time_axis = None
        for name in container:
            series = container[name]
            if not isinstance(series, h5py.Group) or series.attrs.get("neurodata_type") != "PoseEstimationSeries":
                continue
            data = series["data"][:]
            conversion = series["data"].attrs.get("conversion", 1.0)
            offset = series["data"].attrs.get("offset", 0.0)
            xy = data * conversion + offset
            _ = series["confidence"][:]
            if time_axis is None:
                if "timestamps" in series:
                    time_axis = series["timestamps"][:]
                else:
                    start = series["starting_time"]
                    time_axis = start[()] + np.arange(len(xy)) / start.attrs["rate"]
            frames = len(xy)
    return frames


def main():
    kind, path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    work = jabs if kind == "jabs" else nwb
    seconds = []
    frames = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        frames = work(path)
        seconds.append(time.perf_counter() - t0)
    print(json.dumps({"frames": frames, "seconds": seconds, "h5py": h5py.__version__, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
