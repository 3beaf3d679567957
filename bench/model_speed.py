#!/usr/bin/env python
"""CPU speed of an EmoTx training step: the project's packed forward vs the official padded layout.

    python bench/model_speed.py                 # all variants, batch 4, official dims
    python bench/model_speed.py --steps 10 --threads 2

One training step = forward + BCE loss on the scene row and the present character rows + backward, batch 4,
official dimensions (K=10, Ds=768, Dc=2048, Dt=768, H=512, 2 layers), the same weights for every variant:

  official  every stream padded to 300 tokens: one (B, 1850) sequence, `nn.TransformerEncoder` (`reference_forward`)
  trimmed   the official layout cut to the longest real stream of the batch
  grid      real tokens only, `nn.TransformerEncoder` over the compact (B, L) grid
  packed    the project's path, `EmoTx.forward`: packed tokens, unmasked attention clip graph by clip graph

The variants are timed in one process, interleaved (each batch goes through every variant in turn), so that
they share the machine's conditions; both the wall-clock and the CPU (process) time of a step are reported.
Peak memory (growth of VmHWM over two steps from the RSS with model and batches loaded, Linux; gradients
included) is measured in a separate process per variant. Before timing, the logits of every variant are
compared with the official layout's in eval mode.

On a machine shared with other jobs, start it with OMP_WAIT_POLICY=PASSIVE: oversubscribed OpenMP threads otherwise
spin while waiting for each other and small operations (attention with dropout) become very slow.

Stream lengths are drawn like MovieGraphs clip graphs. The spec gives no length histogram, so the numbers below
are assumptions (about 44 s per clip on average, our recollection of the MovieGraphs paper):
  * clip-graph duration: log-normal, median 35 s, sigma 0.6 (mean ~42 s), clipped to [4, 600] s;
  * scene (MViT-B, one window per 16 frames at 23.976 fps): ceil(frames / 16) tokens, at most 300;
  * characters kept: 1, 2, 3, 4 with probabilities .35/.30/.20/.15; each is visible on a Beta(2, 2.5) fraction
    of the frames (mean 44%) and gives min(max(1, faces // 8), 300) tokens (training sampling, spec §2.10);
  * utterances: none with probability .15 (silent scenes), else Poisson(duration / 4 s), at most 300.
"""
import argparse, json, math, subprocess, sys, time, warnings
import numpy as np
import torch
import torch.nn.functional as F
from emotx.data import Batch
from emotx.model import EmoTxConfig, EmoTx, reference_forward, pad_batch

warnings.filterwarnings('ignore', message='The PyTorch API of nested tensors')  # nn.TransformerEncoder's eval path
FPS, VARIANTS = 23.976023976023978, ('official', 'trimmed', 'grid', 'packed')

def stream_lengths(rng, B):
    "Per clip graph: (scene tokens, [tokens per character slot], subtitle tokens), MovieGraphs-like."
    out = []
    for _ in range(B):
        dur = float(np.clip(rng.lognormal(math.log(35), 0.6), 4, 600)); frames = dur * FPS
        scene = min(math.ceil(frames / 16), 300)
        n_chars = rng.choice([1, 2, 3, 4], p=[.35, .30, .20, .15])
        chars = [min(max(1, int(rng.beta(2, 2.5) * frames) // 8), 300) for _ in range(n_chars)] + [0] * (4 - n_chars)
        srt = 0 if rng.random() < .15 else min(int(rng.poisson(dur / 4)), 300)
        out.append((scene, chars, srt))
    return out

def moviegraphs_batch(seed, B=4, K=10, Ds=768, Dc=2048, Dt=768, T=300):
    "A random `Batch` with official dims and MovieGraphs-like stream lengths, padded to T = 300 like the official "
    "collate."
    rng, g = np.random.default_rng(seed), torch.Generator().manual_seed(seed)
    lens = stream_lengths(rng, B)
    def stream(n, D):
        pad = torch.arange(T) >= n
        bins = torch.randint(1, 2187, (T,), generator=g).sort().values.masked_fill(pad, 0)
        return torch.randn(T, D, generator=g).masked_fill(pad[:, None], 0.), bins, pad
    sc = [stream(s, Ds) for s, _, _ in lens]
    ch = [[stream(n, Dc) for n in c] for _, c, _ in lens]
    st = [stream(t, Dt) for _, _, t in lens]
    st3 = lambda xs, j: torch.stack([x[j] for x in xs])
    cst = lambda j: torch.stack([torch.stack([x[j] for x in row]) for row in ch])
    present = torch.tensor([[n > 0 for n in c] for _, c, _ in lens])
    y = lambda *s: (torch.rand(*s, K, generator=g) < .2).float()
    return Batch(st3(sc, 0), st3(sc, 1), st3(sc, 2), cst(0), cst(1), cst(2), st3(st, 0), st3(st, 1), st3(st, 2),
                 y(B), y(B, 4) * present[..., None], present), lens

def grid_forward(model, b):
    "Real tokens only, but PyTorch's nn.TransformerEncoder over the compact (B, L) grid."
    p = model.pack(b)
    h = model.encoder(model.layer_norm(p.grid(p.x)), src_key_padding_mask=~p.valid)[p.valid]
    B, C = b.char_pad.shape[:2]
    return model._head(h[p.is_cls].view(B, C + 1, -1, h.shape[-1]))

FORWARD = {'official': lambda m, b: reference_forward(m, b),
           'trimmed': lambda m, b: reference_forward(m, pad_batch(b), T=pad_batch(b).shape['T']),
           'grid': grid_forward, 'packed': lambda m, b: m(b)}

def loss_fn(logits, b):
    "BCE over the scene rows and the present character rows (pos_weight omitted: it costs the same everywhere)."
    x = torch.cat([logits[:, 0], logits[:, 1:][b.char_present]])
    y = torch.cat([b.scene_targets, b.char_targets[b.char_present]])
    return F.binary_cross_entropy_with_logits(x, y)

def rss_kb(field):
    for line in open('/proc/self/status'):
        if line.startswith(field): return int(line.split()[1])

def step(model, fwd, b):
    "One training step without the optimiser: forward, loss, backward; returns (wall, CPU) seconds."
    t, c = time.perf_counter(), time.process_time()
    model.zero_grad(set_to_none=True); loss_fn(fwd(model, b), b).backward()
    return time.perf_counter() - t, time.process_time() - c

def peak_memory(args):
    "Child process: peak RSS growth (MB) over two training steps of one variant (model and batches already built)."
    torch.set_num_threads(args.threads); torch.manual_seed(0)
    model, fwd = EmoTx(EmoTxConfig()).train(), FORWARD[args.variant]
    batches = [moviegraphs_batch(args.seed + i)[0] for i in range(1, 3)]
    rss0 = rss_kb('VmRSS')
    try: open('/proc/self/clear_refs', 'w').write('5')                     # reset the peak (VmHWM)
    except OSError: pass
    for b in batches: step(model, fwd, b)
    print(json.dumps(dict(peak_mb=(rss_kb('VmHWM') - rss0) / 1024)))

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--steps', type=int, default=5, help='timed steps (batches) per variant')
    ap.add_argument('--threads', type=int, default=2); ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--variants', default=','.join(VARIANTS)); ap.add_argument('--variant', help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.variant: return peak_memory(args)
    variants = args.variants.split(',')
    torch.set_num_threads(args.threads); torch.manual_seed(0)
    data = [moviegraphs_batch(args.seed + i) for i in range(args.steps + 1)]
    batches, lens = [d[0] for d in data], [d[1] for d in data[1:]]
    flat = [n for bl in lens for s, c, t in bl for n in [s, *c, t]]
    K, C = 10, 4
    real = [sum([s, *c, t]) + (C + 1) * K for bl in lens for s, c, t in bl]
    longest = [max(max(s, *c, t) for s, c, t in bl) for bl in lens]
    print(f"stream lengths (tokens): median {np.median(flat):.0f}, mean {np.mean(flat):.1f}, max {max(flat)}; "
          f"{np.mean(np.array(flat) == 0):.0%} of streams empty")
    print(
        f"tokens per clip graph: official {(C + 2) * 300 + (C + 1) * K}, trimmed "
        f"{np.mean([(C + 2) * t + (C + 1) * K for t in longest]):.0f} "
        f"(mean), packed (real + CLS) {np.mean(real):.0f} (mean)"
    )
    print(f"torch {torch.__version__}, {args.threads} threads, batch 4, {args.steps} timed steps per variant "
          f"(interleaved: every batch goes through every variant in turn)\n")
    model = EmoTx(EmoTxConfig())
    model.eval()
    with torch.no_grad():   # identical outputs: every variant against the official layout, eval mode
        ref = [reference_forward(model, b) for b in batches[:2]]
        diff = {v: max((FORWARD[v](model, b) - r).abs().max().item() for b, r in zip(batches, ref)) for v in variants}
    model.train()
    for v in variants: step(model, FORWARD[v], batches[0])                   # warm-up
    times = {v: [] for v in variants}
    for i, b in enumerate(batches[1:]):
        for v in variants[i % len(variants) :] + variants[: i % len(variants)]:
            times[v].append(step(model, FORWARD[v], b))
    mem = {}
    for v in variants:
        out = subprocess.run(
            [sys.executable, __file__, '--variant', v, '--threads', str(args.threads), '--seed', str(args.seed)],
            capture_output=True,
            text=True,
            check=True,
        )
        mem[v] = json.loads(out.stdout.strip().splitlines()[-1])['peak_mb']
    wall = {v: float(np.median([t[0] for t in ts])) for v, ts in times.items()}
    cpu = {v: float(np.median([t[1] for t in ts])) for v, ts in times.items()}
    base = 'official' if 'official' in variants else None
    print(
        f"{'variant':10} {'wall s/step':>12} {'speed-up':>9} {'CPU s/step':>11} {'speed-up':>9} {'peak MB':>8} "
        f"{'max |logit diff|':>17}"
    )
    for v in variants:
        sw, sc = (f"{d[base] / d[v]:.1f}x" if base else '-' for d in (wall, cpu))
        print(f"{v:10} {wall[v]:12.3f} {sw:>9} {cpu[v]:11.3f} {sc:>9} {mem[v]:8.0f} {diff[v]:17.2e}")
    print("\nmedians over the timed steps; CPU = process time of all threads (steadier on a shared machine);\n"
          "peak MB = growth of the peak resident memory over two training steps (activations + gradients),\n"
          "in a separate process per variant")

if __name__ == '__main__': main()
