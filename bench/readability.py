#!/usr/bin/env python
"""How readable the course is, measured: examples after definitions, long lines, private citations, re-exports.

    python bench/readability.py            # one row per notebook, then the totals
    python bench/readability.py --min 0.8  # exit 1 when fewer than 80 % of defining cells have an example

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
                long_lines=sum(len(l) > 120 for l in code), spec_refs=sum(_src(c).count('spec §') for c in cells))

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
    a = ap.parse_args()
    df = pd.DataFrame([notebook_stats(p) for p in sorted((ROOT/'nbs').glob('*.ipynb'))])
    print(df.to_string(index=False, formatters={'share': '{:.0%}'.format}))
    share = df.with_example.sum() / max(df.defining.sum(), 1)
    rx, px = reexports(), private_imports()
    print(f"\ndefining cells with an example within two cells: {df.with_example.sum()} of {df.defining.sum()} "
          f"({share:.0%}); lines over 120: {df.long_lines.sum()}; 'spec §': {df.spec_refs.sum()}; "
          f"re-exported names: {len(rx)} ({', '.join(f'{m} {k}' for m, k in rx.module.value_counts().items())}); "
          f"private names imported across modules: {len(px)} ({', '.join(sorted(set(px.name)))})")
    sys.exit(0 if share >= a.min else 1)
