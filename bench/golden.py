"""Identical-output check for refactors: capture every interface's JSON, then diff.

    python bench/golden.py capture DIR      # write the outputs of this checkout to DIR
    python bench/golden.py diff DIR_A DIR_B # compare two captures; exit 1 on any difference
    python bench/golden.py check DIR        # capture to a temporary directory and diff with DIR
    python bench/golden.py against REV      # capture git REV (say main) and this checkout; diff

What is captured (all as the interfaces print or send them, byte for byte):
- ``gravida eval ../shared/vignettes/dev.yaml --json`` in every mode;
- ``gravida assess CASE --json`` (en and ru) on the bundled example and on every
  dev vignette's case, and ``--for patient`` / ``--for clinician`` / ``--fhir`` on the example;
- the HTTP API on the OpenAPI document's examples: assess (full, core), parse,
  medicines, vocabulary, health, invalid requests, and a whole interview
  (start from text, answer, back, result, read) with ids and times made constant.

A refactor that keeps behaviour shows ``0 differences``. To capture another
checkout (say main, in a worktree next to this one, so that ../shared is found):
``PYTHONPATH=../base/src .venv/bin/python ../base/bench/golden.py capture DIR``. Not a test (it runs
for a minute); the lead and helpers run it around structural changes.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "vignettes" / "dev.yaml"
EXAMPLE = ROOT / "src" / "gravida" / "examples" / "postural-28w.yaml"
MODES = ("full", "conversation", "interview", "narrative")


def _gravida(*args: str, stdin: str | None = None) -> str:
    run = subprocess.run([sys.executable, "-c", "from gravida.cli import main; main()", *args],
                         input=stdin, capture_output=True, text=True, check=False)
    return f"exit {run.returncode}\n{run.stdout}"


def _cli(out: Path) -> None:
    import yaml
    from click.testing import CliRunner

    from gravida.cli import main as cli

    runner = CliRunner()
    for mode in MODES:
        (out / f"eval-{mode}.json").write_text(
            _gravida("eval", str(DEV), "--json", "--mode", mode))
    cases = {"example": yaml.safe_load(EXAMPLE.read_text())}
    for v in yaml.safe_load(DEV.read_text()):
        cases[v["id"]] = v["case"]
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, case in cases.items():
            path = Path(tmp) / f"{name}.json"
            path.write_text(json.dumps(case))
            for lang in ("en", "ru"):
                r = runner.invoke(cli, ["--lang", lang, "assess", str(path), "--json"])
                lines.append(f"## {name} {lang} exit {r.exit_code}\n{r.output}")
        for extra in (["--for", "patient"], ["--for", "clinician"], ["--fhir"]):
            r = runner.invoke(cli, ["assess", str(EXAMPLE), "--json", *extra])
            lines.append(f"## example {' '.join(extra)} exit {r.exit_code}\n{_fhir_ids(r.output)}")
        r = runner.invoke(cli, ["meds", "ibuprofen", "--weeks", "30", "--json"])
        lines.append(f"## meds exit {r.exit_code}\n{r.output}")
        r = runner.invoke(cli, ["parse", "--json", "30 weeks, dull ache low back, no fever"])
        lines.append(f"## parse exit {r.exit_code}\n{r.output}")
    (out / "assess.txt").write_text("\n".join(lines))


def _fhir_ids(text: str) -> str:
    """FHIR bundles carry fresh uuids and timestamps: make them constant."""
    text = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID", text)
    return re.sub(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?', "T", text)


def _api(out: Path) -> None:
    from fastapi.testclient import TestClient

    from gravida.api import examples
    from gravida.api.app import create_app
    from gravida.settings import Settings

    lines: list[str] = []
    ids: list[str] = []

    def log(name: str, r: Any) -> Any:
        lines.append(f"## {name} {r.status_code} {r.headers.get('content-type')}\n"
                     f"{_fhir_ids(r.text)}")
        return r.json() if r.headers.get("content-type", "").endswith("json") else None

    with tempfile.TemporaryDirectory() as tmp, \
            TestClient(create_app(Settings(data_dir=Path(tmp), purge_interval_seconds=0))) as c:
        for lang in ("en", "ru"):
            h = {"Accept-Language": lang}
            for name, ex in examples.ASSESS.items():
                for detail in ("full", "core"):
                    log(f"assess {name} {detail} {lang}",
                        c.post(f"/v1/assess?detail={detail}", json=ex["value"], headers=h))
            log(f"assess invalid {lang}", c.post("/v1/assess", json=examples.INVALID_CASE["value"],
                                                 headers=h))
            log(f"assess not-object {lang}", c.post("/v1/assess", json=[1], headers=h))
            for name, ex in examples.PARSE.items():
                log(f"parse {name} {lang}", c.post("/v1/parse", json=ex["value"], headers=h))
            for name, ex in examples.MEDICINES.items():
                log(f"medicines {name} {lang}", c.post("/v1/medicines/check", json=ex["value"],
                                                       headers=h))
            log(f"medicines bad {lang}", c.post("/v1/medicines/check",
                                                json={"query": "x", "wekks": 3}, headers=h))
            log(f"vocabulary {lang}", c.get("/v1/vocabulary", headers=h))
            for name, ex in examples.START.items():
                view = log(f"start {name} {lang}", c.post("/v1/interviews", json=ex["value"],
                                                          headers=h))
                iid = view["id"]
                ids.append(iid)
                for step in range(4):
                    q = view["question"]
                    if q is None:
                        break
                    reply: Any = False if q["kind"] == "yes_no" else None
                    if q["kind"] == "choose":
                        reply = [q["options"][0]["finding"]]
                    view = log(f"answer {name} {lang} {step}", c.post(
                        f"/v1/interviews/{iid}/answers",
                        json={"question": q["id"], "answer": reply, "version": view["version"]}))
                view = log(f"back {name} {lang}", c.post(f"/v1/interviews/{iid}/back",
                                                         json={"version": view["version"]}))
                log(f"stale {name} {lang}", c.post(f"/v1/interviews/{iid}/back",
                                                   json={"version": 0}))
                log(f"get {name} {lang}", c.get(f"/v1/interviews/{iid}"))
                log(f"result {name} {lang}", c.get(f"/v1/interviews/{iid}/result"))
                log(f"fhir {name} {lang}", c.get(f"/v1/interviews/{iid}/fhir"))
            log(f"healthz {lang}", c.get("/healthz"))
            log(f"missing {lang}", c.get("/v1/interviews/" + "0" * 32))
        log("openapi", c.get("/openapi.json"))
    text = "\n".join(lines)
    for n, iid in enumerate(ids):
        text = text.replace(iid, f"ID{n}")
    (out / "api.txt").write_text(text)


def capture(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    _api(out)
    _cli(out)
    print(f"captured into {out}: {', '.join(sorted(p.name for p in out.iterdir()))}")


def diff(a: Path, b: Path) -> int:
    names = sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()})
    count = 0
    for name in names:
        left = (a / name).read_text().splitlines() if (a / name).exists() else []
        right = (b / name).read_text().splitlines() if (b / name).exists() else []
        lines = list(difflib.unified_diff(left, right, f"{a.name}/{name}", f"{b.name}/{name}",
                                          lineterm="", n=1))
        count += sum(1 for x in lines if x[:1] in "+-" and x[:3] not in ("+++", "---"))
        print("\n".join(lines[:60]))
        print(f"{name}: {'identical' if not lines else 'DIFFERENT'}")
    print(f"{count} differences")
    return 1 if count else 0


def against(rev: str) -> int:
    """Capture ``rev`` in a temporary worktree beside this one (so ../shared is found),
    running its code with this interpreter, then this checkout, and diff the two."""
    base = ROOT.parent / f".golden-{ROOT.name}"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(base), rev],
                   check=True, capture_output=True)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "PYTHONPATH": str(base / "src")}
            subprocess.run([sys.executable, __file__, "capture", f"{tmp}/base"], env=env,
                           check=True, cwd=base)
            capture(Path(tmp) / "now")
            return diff(Path(tmp) / "base", Path(tmp) / "now")
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)],
                       check=False, capture_output=True)


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "capture":
        capture(Path(argv[1]))
        return 0
    if len(argv) == 3 and argv[0] == "diff":
        return diff(Path(argv[1]), Path(argv[2]))
    if len(argv) == 2 and argv[0] == "check":
        with tempfile.TemporaryDirectory() as tmp:
            capture(Path(tmp) / "now")
            return diff(Path(argv[1]), Path(tmp) / "now")
    if len(argv) == 2 and argv[0] == "against":
        return against(argv[1])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
