#!/usr/bin/env python
"""How readable the course is, measured: examples after definitions, long lines, private citations, re-exports.

    python bench/readability.py            # one row per notebook, then the totals
    python bench/readability.py --min 0.8  # exit 1 when fewer than 80 % of defining cells have an example
    python bench/readability.py --lines    # exit 1 on any code line over 120 characters (listed)

A *defining cell* is an exported code cell (`#| export`) that defines a function or class at top level. It *has an
example* when one of the next two cells is a code cell that is not exported and uses one of the names it defines
(an example or a test, as in the fastcore and nbdev notebooks). Also counted per notebook: lines over 120
characters (code cells; a markdown table row cannot wrap), citations of the private notes ("spec §"), and in
`emotx/`, names a module re-exports from another (a name in its `__all__` that another module defines).
"""

import argparse, ast, json, re, sys
from pathlib import Path
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def _src(c) -> str: return ''.join(c['source'])
def _exported(src:str) -> bool: return bool(re.match(r'\s*#\|\s*export', src))

def _defined(src:str) -> set:
    "Top-level functions, classes and patched methods a cell defines."
    try: tree = ast.parse('\n'.join(l for l in src.splitlines() if not l.lstrip().startswith(('#|', '%', '!'))))
    except SyntaxError: return set()
    return {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}

MAX_LINE = 120

def long_lines(root:Path=ROOT) -> list:
    "`file:cell-or-line: length` of every code line over MAX_LINE characters in nbs/, emotx/, bench/ and tasks.py"
    " (nbdev's `__all__`, `_modidx.py` and markdown excepted: a table row cannot wrap)."
    out = []
    for nb in sorted((root/'nbs').glob('*.ipynb')):
        for i, c in enumerate(json.loads(nb.read_text(encoding='utf-8'))['cells']):
            if c['cell_type'] == 'code':
                out += [f"{nb.name}:cell {i}: {len(l)}" for l in _src(c).splitlines() if len(l) > MAX_LINE]
    for py in [*sorted((root/'emotx').glob('*.py')), *sorted((root/'bench').glob('*.py')), root/'tasks.py']:
        if py.name == '_modidx.py': continue
        in_all = False
        for n, l in enumerate(py.read_text(encoding='utf-8').splitlines(), 1):
            in_all = l.startswith('__all__ = [') or (in_all and not l.startswith('# %%'))
            if len(l) > MAX_LINE and not in_all: out.append(f"{py.name}:{n}: {len(l)}")
    return out

def notebook_stats(path:Path) -> dict:
    "Defining cells, those with an example within two cells, long lines and 'spec §' citations of one notebook."
    cells = json.loads(path.read_text())['cells']
    n_def = n_ex = 0
    for i, c in enumerate(cells):
        s = _src(c)
        if c['cell_type'] != 'code' or not _exported(s) or not (names := _defined(s)): continue
        n_def += 1
        after = [_src(d) for d in cells[i + 1:i + 3] if d['cell_type'] == 'code' and not _exported(_src(d))]
        n_ex += any(re.search(r'\b(' + '|'.join(map(re.escape, names)) + r')\b', a) for a in after)
    code = [l for c in cells if c['cell_type'] == 'code' for l in _src(c).splitlines()]
    return dict(notebook=path.stem, defining=n_def, with_example=n_ex, share=n_ex / n_def if n_def else 1.0,
                long_lines=sum(len(l) > MAX_LINE for l in code), spec_refs=sum(_src(c).count('spec §') for c in cells))

def reexports(pkg:Path=ROOT/'emotx') -> pd.DataFrame:
    "(module, name, home) for every name a module lists in `__all__` without defining it (another module does)."
    defs, alls = {}, {}
    for f in sorted(pkg.glob('*.py')):
        if f.name.startswith('_'): continue
        tree = ast.parse(f.read_text())
        for n in tree.body:
            if isinstance(n, (ast.FunctionDef, ast.ClassDef)): defs.setdefault(n.name, set()).add(f.stem)
            elif isinstance(n, ast.Assign):
                for t in n.targets:
                    if isinstance(t, ast.Name) and t.id == '__all__': alls[f.stem] = ast.literal_eval(n.value)
                    elif isinstance(t, ast.Name): defs.setdefault(t.id, set()).add(f.stem)
    return pd.DataFrame([(m, n, ','.join(sorted(defs[n]))) for m, names in alls.items() for n in names
                         if n in defs and m not in defs[n]], columns=['module', 'name', 'home'])

def private_imports(pkg:Path=ROOT/'emotx') -> pd.DataFrame:
    "(module, name, home) for every private name (`_x`) a module imports from another module of the package."
    rows = []
    for f in sorted(pkg.glob('*.py')):
        for n in ast.walk(ast.parse(f.read_text())):
            if isinstance(n, ast.ImportFrom) and (n.level or (n.module or '').startswith('emotx')):
                rows += [
                    (f.stem, a.name, n.module) for a in n.names if a.name.startswith('_') and a.name != '__version__'
                ]
    return pd.DataFrame(rows, columns=['module', 'name', 'home'])


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--min', type=float, default=0.0, help='fail below this share of defining cells with an example')
    ap.add_argument('--lines', action='store_true', help=f'fail on any code line over {MAX_LINE} characters, listed')
    a = ap.parse_args()
    df = pd.DataFrame([notebook_stats(p) for p in sorted((ROOT/'nbs').glob('*.ipynb'))])
    print(df.to_string(index=False, formatters={'share': '{:.0%}'.format}))
    share = df.with_example.sum() / max(df.defining.sum(), 1)
    rx, px = reexports(), private_imports()
    print(f"\ndefining cells with an example within two cells: {df.with_example.sum()} of {df.defining.sum()} "
          f"({share:.0%}); lines over {MAX_LINE}: {df.long_lines.sum()}; 'spec §': {df.spec_refs.sum()}; "
          f"re-exported names: {len(rx)} ({', '.join(f'{m} {k}' for m, k in rx.module.value_counts().items())}); "
          f"private names imported across modules: {len(px)} ({', '.join(sorted(set(px.name)))})")
    fails = []
    if share < a.min:
        fails.append(f"FAIL: {share:.0%} of defining cells have an example within two cells, below {a.min:.0%}")
    if a.lines and (long := long_lines()):
        fails.append(f"FAIL: {len(long)} line(s) over {MAX_LINE} characters (code in nbs/, emotx/, bench/, tasks.py):\n"
                     + "\n".join(long[:20]))
    print(*fails, sep='\n')
    sys.exit(1 if fails else 0)
