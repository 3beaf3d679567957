#!/usr/bin/env python
"""Evaluation speed: the project's data path + batched model vs the official per-sample, per-file loop.

    python bench/eval_speed.py                          # a sample with official feature sizes, split val
    python bench/eval_speed.py --data /path/to/data     # the real release (or any data in the official layout)
    python bench/eval_speed.py --small --n-movies 12 --clips 30   # small feature sizes (64/64/48)

Both paths evaluate the same clip graphs of one split with the same EmoTx weights (official sizes: K=10,
H=512, 2 layers; feature sizes from the data) and the same tokens (the official evaluation sampling,
spec §2.10), and their logits are compared before the times are printed.

  official  the official way: for every sample, re-open every file of its clip graph (track names, tracks,
            scene / face / subtitle features, .npy files loaded whole with np.load), select the tokens, pad
            every stream to 300; batches of
            --official-batch (4, the official batch size); the official layout: one padded sequence of
            (C+2)*300 + (C+1)*K = 1850 tokens through `nn.TransformerEncoder` (`emotx.model.reference_forward`,
            nested-tensor fast path off, as torch 1.10 had none). One process (the official uses 9
            DataLoader workers on a 9-core machine; this machine has 2 cores).
  ours      `emotx.data`: the split's store (memory-mapped, built once), batches of --batch-size trimmed to
            their longest real stream, `EmoTx.forward` (packed tokens, chapter 05), `workers` from the config.
            "cold" includes building the store (the first run on a split), "warm" reopens it (every later run).

Times are wall clock on a possibly shared machine; the script also prints the process CPU time.
"""
import argparse, os, shutil, sys, tempfile, time
from contextlib import contextmanager
from pathlib import Path
import numpy as np, torch
from torch.utils.data import DataLoader, Dataset
from emotx.config import make_config, data_paths
from emotx.layout import frame_bins, time_bins
from emotx.data import EmoTxDataset, make_loader, collate
from emotx.store import read_clip_graph, select_indices, stream_plan, cache_root
from emotx.graphs import load_moviegraphs
from emotx.moviegraphs import label_set
from emotx.model import EmoTxConfig, create_model, reference_forward, pad_batch


class OfficialWay(Dataset):
    "The official data loader's work per sample: re-read every file of the clip graph, select, pad to 300."
    def __init__(self, cfg, split, keep):
        self.cfg, self.paths = cfg, data_paths(cfg)
        movies = load_moviegraphs(self.paths.pkl)              # the official loader reads the pickle once, at start
        self.labels, self.emo2id = label_set(cfg.top_k, cfg.use_emotic_mapping)
        self.cgs = [movies[m].clip_graphs[sid] for m, sid, _, _ in keep]
        self.plan = stream_plan(cfg, 'official')

    def __len__(self): return len(self.cgs)

    def _stream(self, s, feats, pos):
        T, stride, mode = self.plan[s]
        ix = select_indices(len(pos), T, stride, mode)
        c, f = self.cfg, (time_bins if s == 'srt' else frame_bins)
        bins = f(pos[ix], c.vid_fps, c.feat_sampling_rate, c.max_possible_vid_frame_no)
        return torch.from_numpy(np.asarray(feats[ix] if len(feats) else feats, np.float32)), torch.from_numpy(
            bins.astype(np.int64)
        )

    def __getitem__(self, i):
        c = self.cfg
        rec = read_clip_graph(c, self.paths, self.cgs[i], self.emo2id, len(self.labels))   # opens every file again
        C, n = c.num_chars, len(rec['characters'])
        chars = [self._stream('char', *x) for x in rec['chars']] + [
            (torch.zeros(0, self.dims['char']), torch.zeros(0, dtype=torch.long))
        ] * (C - n)
        char_t = torch.zeros(C, len(self.labels)); char_t[:n] = torch.from_numpy(rec['char_targets'])
        srt = (
            self._stream('srt', *rec['srt'])
            if len(rec['srt'][1])
            else (torch.zeros(0, self.dims['srt']), torch.zeros(0, dtype=torch.long))
        )
        return dict(
            clip_id=rec['clips'][0],
            char_names=rec['characters'] + [''] * (C - n),
            scene=self._stream('scene', *rec['scene']),
            chars=chars,
            srt=srt,
            scene_targets=torch.from_numpy(rec['scene_targets']),
            char_targets=char_t,
            char_present=torch.arange(C) < n,
        )


@contextmanager
def whole_files():
    "Load every .npy file whole, as the official loader's `np.load` does (our reader memory-maps and reads only "
    "the rows it needs)."
    import emotx.store as D   # the module whose readers use `read_npy`
    orig = D.read_npy
    D.read_npy = lambda path, what='array file', mmap_mode=None: orig(path, what)
    try:yield
    finally: D.read_npy = orig


def official_collate(samples):
    "Stack samples and pad every stream to 300 tokens, as the official collate."
    return pad_batch(collate(samples), 300)


def run_ours(cfg, split, model=None):
    "Logits (None without a model), wall and CPU seconds of one pass over `split` with our loader."
    t0, c0 = time.perf_counter(), time.process_time()
    loader = make_loader(cfg, split)
    outs = []
    with torch.no_grad():
        for b in loader:
            if model is not None: outs.append(model(b))
    return (torch.cat(outs) if outs else None), time.perf_counter() - t0, time.process_time() - c0, loader.dataset


def run_official(cfg, split, model, keep, dims, batch):
    "Logits (None without a model), wall and CPU seconds of one pass over `split` the official way."
    t0, c0 = time.perf_counter(), time.process_time()
    ds = OfficialWay(cfg, split, keep); ds.dims = dims
    outs = []
    with torch.no_grad(), whole_files():
        for b in DataLoader(ds, batch_size=batch, collate_fn=official_collate):
            if model is not None: outs.append(reference_forward(model, b, 300))
    return (torch.cat(outs) if outs else None), time.perf_counter() - t0, time.process_time() - c0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data', help='data folder in the official layout (default: write a sample to a temp folder)')
    p.add_argument('--split', default='val')
    p.add_argument('--n-movies', type=int, default=12)
    p.add_argument('--clips', type=int, default=16, help='clip graphs per movie (sample)')
    p.add_argument(
        '--small', action='store_true', help='sample with small feature sizes (64/64/48) instead of 768/2048/768'
    )
    p.add_argument('--batch-size', type=int, default=32, help='our evaluation batch size')
    p.add_argument('--official-batch', type=int, default=4)
    p.add_argument('--workers', type=int, default=0)
    p.add_argument('--threads', type=int, default=0, help='torch threads (0: torch default)')
    a = p.parse_args(argv)
    if a.threads: torch.set_num_threads(a.threads)
    work = Path(tempfile.mkdtemp(prefix='emotx-eval-speed-'))
    try:
        data = a.data
        if not data:
            from emotx.sample import make_sample
            t = time.perf_counter()
            data = make_sample(work/'data', n_movies=a.n_movies, clips_per_movie=a.clips, official_dims=not a.small)
            print(
                f"sample: {a.n_movies} movies x {a.clips} clip graphs, {'small' if a.small else 'official'} "
                "feature sizes, "
                f"written in {time.perf_counter() - t:.1f} s"
            )
        cfg = make_config(
            [
                f'data_path={data}',
                f'cache_dir={work}/cache',
                f'batch_size={a.batch_size}',
                f'workers={a.workers}',
                'progress=false',
            ]
        )
        probe = EmoTxDataset(
            cfg, a.split, train=False
        )  # the split's clip graphs (its store is deleted: the cold run rebuilds it)
        keep, dims = probe.cgs, probe.feat_dims
        shutil.rmtree(cache_root(cfg))
        torch.manual_seed(0)
        model = create_model(EmoTxConfig(num_labels=len(probe.labels), **dims)).eval()
        model.encoder.enable_nested_tensor = False
        print(
            f"split {a.split}: {len(keep)} clip graphs; EmoTx K={len(probe.labels)}, Ds/Dc/Dt = {list(dims.values())}; "
            f"torch threads {torch.get_num_threads()}"
        )
        cold, t_cold, c_cold, ds = run_ours(cfg, a.split, model)
        warm, t_warm, c_warm, _ = run_ours(cfg, a.split, model)
        cfg4 = make_config(cfg); cfg4.batch_size = a.official_batch
        _, t_w4, c_w4, _ = run_ours(cfg4, a.split, model)
        odims = {'char': dims['char_feat_dim'], 'srt': dims['srt_feat_dim']}
        off, t_off, c_off = run_official(cfg, a.split, model, keep, odims, a.official_batch)
        _, t_offd, c_offd = run_official(cfg, a.split, None, keep, odims, a.official_batch)
        _, t_oursd, c_oursd, _ = run_ours(cfg, a.split)
        diff = (warm - off).abs().nan_to_num().max().item()
        print(f"max |logit difference| ours vs official: {diff:.2e}")
        if diff > 1e-3: print("WARNING: the two paths disagree", file=sys.stderr)
        rows = [
            ('official: per-sample files, pad 300, batch %d' % a.official_batch, t_off, c_off),
            (f'ours, cold (builds the store), batch {a.batch_size}', t_cold, c_cold),
            (f'ours, warm (store exists), batch {a.batch_size}', t_warm, c_warm),
            (f'ours, warm, batch {a.official_batch}', t_w4, c_w4),
            ('data only: official per-sample files', t_offd, c_offd),
            ('data only: ours, warm', t_oursd, c_oursd),
        ]
        print(f"\n{'path':48s} {'wall s':>8s} {'CPU s':>8s} {'ms/clip graph':>14s}")
        for name, t, c in rows: print(f"{name:48s} {t:8.2f} {c:8.2f} {1000 * t / max(1, len(keep)):14.1f}")
        print(
            f"\nspeed-up, warm: {t_off / t_warm:.1f}x wall ({c_off / c_warm:.1f}x CPU); cold: "
            f"{t_off / t_cold:.1f}x wall; "
            f"warm with batch {a.official_batch}: {t_off / t_w4:.1f}x wall; data only: {t_offd / t_oursd:.0f}x "
            f"wall ({c_offd / c_oursd:.0f}x CPU)"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__': main()
