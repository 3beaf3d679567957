#!/usr/bin/env python3
"""emotx task runner: needs nothing but Python 3.10+ (standard library only).

    python3 tasks.py demo      # install, then the end-to-end demo on the embedded sample
    python3 tasks.py test      # install, then nbdev_test over every notebook ("N passed, N failed")
    python3 tasks.py check     # notebooks clean, emotx/ exported, README in sync with nbs/index.ipynb
    python3 tasks.py readme    # render README.md from nbs/index.ipynb
    python3 tasks.py install   # only create .venv and install (skipped when nothing changed)

Environment knobs: EMOTX_VENV (default .venv), NBDEV_FLAGS (e.g. "slow"), JOBS (parallel notebooks).
"""
import configparser, hashlib, json, os, re, shlex, shutil, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("EMOTX_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
README, INDEX = ROOT / "README.md", ROOT / "nbs" / "index.ipynb"


def sh(*cmd, log=None, **kw):
    "Run `cmd`; return its exit code (output to `log` when given)."
    if log is None: return subprocess.call(list(map(str, cmd)), cwd=ROOT, **kw)
    with open(log, "w") as f:
        return subprocess.call(list(map(str, cmd)), cwd=ROOT, stdout=f, stderr=subprocess.STDOUT, **kw)


def settings():
    cp = configparser.ConfigParser(delimiters=["="])
    cp.read(ROOT / "settings.ini", encoding="utf-8")
    return cp["DEFAULT"]


def install():
    "Create the venv and install emotx[dev] plus the packages that ship test media/weights (--no-deps)."
    t0 = time.time()
    if not (BIN / "python").exists():
        if sh(sys.executable, "-m", "venv", VENV): sys.exit("could not create the virtual environment " + str(VENV))
    stamp = VENV / ".emotx-install-stamp"
    want = hashlib.sha256(b"".join((ROOT / f).read_bytes() for f in ("settings.ini", "setup.py", "pyproject.toml")
                                   if (ROOT / f).exists())).hexdigest()
    if stamp.exists() and stamp.read_text() == want: return
    log = VENV / "install.log"
    # no second copy of torch in pip's cache
    env = {"PIP_NO_CACHE_DIR": "1", **os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    print("installing emotx and its requirements into", VENV, "(first time: ~5 min, ~6 GB) ...", flush=True)
    if (free := shutil.disk_usage(VENV).free) < 8e9:
        print(f"warning: only {free / 1e9:.1f} GB free at {VENV}; a first install needs about 6 GB", flush=True)
    steps = [
        [BIN / "python", "-m", "pip", "install", "-e", ".[dev]"],
        [BIN / "python", "-m", "pip", "install", "--no-deps", *shlex.split(settings().get("asset_requirements", ""))],
    ]
    for cmd in steps:
        if sh(*cmd, log=log, env=env):
            text = log.read_text(errors="replace"); print(text[-4000:])
            if "No space left on device" in text:
                print(f"install failed: the disk is full ({shutil.disk_usage(VENV).free / 1e9:.1f} GB free at {VENV})")
            sys.exit("install failed: " + " ".join(map(str, cmd)))
    stamp.write_text(want)
    print(f"install: ok ({time.time() - t0:.0f}s)", flush=True)


def notebooks():
    "Notebooks nbdev_test would run (nbglob rules), skipping folders marked with a .notest file."
    code = ("from pathlib import Path\nfrom nbdev.doclinks import nbglob\n"
            "for f in sorted(nbglob(as_path=True)):\n"
            "    if not (Path(f).parent/'.notest').exists(): print(Path(f).resolve())")
    out = subprocess.run([BIN / "python", "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [Path(l).relative_to(ROOT) for l in out.split()]


def test(args):
    "Run `nbdev_test` on every notebook (JOBS at a time) and end with 'N passed, N failed'."
    install()
    nbs = [Path(a) for a in args] or notebooks()
    if not nbs: print("no notebooks found\n0 passed, 0 failed"); return 1
    jobs = int(os.environ.get("JOBS", os.cpu_count() or 1))
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "PYTHONHASHSEED": "0",
           "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "VIRTUAL_ENV": str(VENV)}
    env.setdefault("OMP_NUM_THREADS", str(max(1, (os.cpu_count() or 1) // min(jobs, len(nbs)))))
    logdir = VENV / "test-logs"; logdir.mkdir(exist_ok=True)
    flags = os.environ.get("NBDEV_FLAGS", "")
    scratch = Path(tempfile.mkdtemp(prefix="emotx-test-"))   # the notebooks' temporary files, removed when the run ends
    env["TMPDIR"] = str(scratch)  # (notebooks clean up after themselves; this also catches a failed one)

    def run(nb):
        t, log = time.time(), logdir / (str(nb).replace(os.sep, "_") + ".log")
        rc = sh(BIN / "nbdev_test", "--path", nb, "--flags", flags, log=log, env=env)
        ok = rc == 0 and re.search(r"^Success\.$", log.read_text(errors="replace"), re.M) is not None
        print(f"{'PASS' if ok else 'FAIL'} {time.time() - t:5.0f}s {nb}", flush=True)
        return ok, log

    t0 = time.time()
    try:
        with ThreadPoolExecutor(jobs) as ex: res = list(ex.map(run, nbs))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    for nb, (ok, log) in zip(nbs, res):
        if not ok: print(f"---- {nb}\n" + log.read_text(errors="replace")[-6000:])
    passed = sum(ok for ok, _ in res)
    print(f"notebooks: {time.time() - t0:.0f}s")
    print(f"{passed} passed, {len(nbs) - passed} failed")
    return 0 if passed == len(nbs) else 1


def render_readme():
    "README.md text from nbs/index.ipynb: markdown cells as they are, code cells fenced, hidden cells dropped."
    nb, parts = json.loads(INDEX.read_text(encoding="utf-8")), []
    for c in nb["cells"]:
        src = "".join(c["source"]).strip()
        if not src or re.match(r"#\s*\|\s*(hide|exporti?)\b", src): continue
        if c["cell_type"] == "markdown": parts.append(src.replace("](../", "]("))   # links from nbs/ to the root
        elif c["cell_type"] == "code":
            parts.append("```python\n" + src + "\n```")
            for o in c.get("outputs", []):
                txt = "".join(o.get("text", "") or o.get("data", {}).get("text/plain", ""))
                if txt.strip(): parts.append("```\n" + txt.rstrip() + "\n```")
    return ("<!-- generated from nbs/index.ipynb by `python3 tasks.py readme`: edit the notebook, not this file -->\n\n"
            + "\n\n".join(parts) + "\n")


def check():
    "Fail when notebooks are not clean, emotx/ is not exported, or README.md is out of sync."
    install()
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    bad = []
    for name, cmd, paths in (("nbdev_clean", [BIN / "nbdev_clean"], ["nbs"]),
                             ("nbdev_export", [BIN / "nbdev_export"], ["emotx", "pyproject.toml"])):
        if sh(*cmd, env=env): bad.append(f"{name} failed"); continue
        out = subprocess.run(
            ["git", "status", "--porcelain", "--", *paths], cwd=ROOT, capture_output=True, text=True
        ).stdout
        changed = [l for l in out.splitlines() if l[1:2] != " "]   # work-tree changes (staged ones are not its doing)
        if changed: bad.append(f"{name} changed files (run it and commit):\n" + "\n".join(changed))
    # examples after definitions (>= 80 %) and line lengths (<= 120), measured by bench/readability.py
    rd = subprocess.run([BIN / "python", "bench/readability.py", "--min", "0.8", "--lines"], cwd=ROOT,
                        capture_output=True, text=True)
    if rd.returncode:
        out = rd.stdout[rd.stdout.find("FAIL: "):] if "FAIL: " in rd.stdout else rd.stdout + rd.stderr
        bad.append("bench/readability.py --min 0.8 --lines:\n" + out.strip())
    if README.read_text(encoding="utf-8") != render_readme():
        bad.append("README.md differs from nbs/index.ipynb (run: python3 tasks.py readme)")
    for b in bad: print("check: FAILED --", b)
    print("check: ok" if not bad else f"check: {len(bad)} problem(s)")
    return 1 if bad else 0


def main(argv):
    cmd, args = (argv[0] if argv else "help"), argv[1:]
    if cmd == "install": install(); return 0
    if cmd == "test": return test(args)
    if cmd == "check": return check()
    if cmd == "readme": README.write_text(render_readme(), encoding="utf-8"); return 0
    if cmd == "demo":
        install()
        return sh(BIN / "emotx", "demo", *args, env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"})
    print(__doc__); return 0 if cmd == "help" else 2


if __name__ == "__main__": sys.exit(main(sys.argv[1:]))
