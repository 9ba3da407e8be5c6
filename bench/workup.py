"""Work-up benchmark and identity capture (not a test): the suggested work-up alone.

Cases: the dev vignettes (../shared), the own sets in tests/data (realvoice-en,
dev-ru, safety-v2, holdout; never the blind folders) and deterministic random
cases (bench/cases.py), each assessed by the engine of its language.

    .venv/bin/python bench/workup.py time [--random 300] [--rounds 5]
        thread CPU per work-up (best of the rounds), and the costliest cases
    .venv/bin/python bench/workup.py capture FILE [--random 3000]
        every case's work-up as JSON with each float's exact repr, one line a case,
        so that two checkouts can be compared byte for byte (``cmp A B``)
    .venv/bin/python bench/workup.py full FILE [--random 3000]
        every case's full result as the API sends it (the service's result, to_json,
        orjson), one line a case, for comparing two checkouts byte for byte
    .venv/bin/python bench/workup.py worst [--random 3000]
        the full result (engine, report, JSON) of every case: the costliest found,
        the figure behind the full result being computed on the event loop
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import contextlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import orjson
import yaml

from cases import make_cases  # bench/ is the script's directory, so on the path
from gravida.advice.workup import suggested_workup
from gravida.engine import Case, CaseError, Engine
from gravida.knowledge.load import default_pack

ROOT = Path(__file__).resolve().parents[1]
OWN = ("realvoice-en.yaml", "dev-ru.yaml", "safety-v2.yaml", "holdout.yaml")


def own_cases(engines: dict[str, Engine]) -> list[tuple[str, Case]]:
    """(language, case) of every vignette of the own sets that this pack accepts."""
    out: list[tuple[str, Case]] = []
    for name in OWN:
        path = ROOT / "tests" / "data" / name
        if not path.exists():
            continue
        lang = "ru" if "-ru" in name else "en"
        for v in yaml.safe_load(path.read_text()) or []:
            if not isinstance(v, dict) or not isinstance(v.get("case"), dict):
                continue
            with contextlib.suppress(CaseError):  # an id this pack does not know
                out.append((lang, engines[lang].case(v["case"])))
    return out


def all_cases(n_random: int) -> tuple[dict[str, Engine], list[tuple[str, Case]]]:
    engines = {"en": Engine(), "ru": Engine(default_pack("ru"))}
    cases = [("en", c) for c in make_cases(engines["en"], n_random=n_random)]
    return engines, cases + own_cases(engines)


def body(case: Case, lang: str) -> dict[str, Any]:
    return {**case.numbers, "present": sorted(case.present), "absent": sorted(case.absent),
            "lang": lang}


def exact(value: Any) -> Any:
    """JSON-ready, every float as its exact repr (a string), so no rounding hides a change."""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return {k: exact(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [exact(v) for v in value]
    return value


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=["time", "capture", "full", "worst"])
    ap.add_argument("file", nargs="?")
    ap.add_argument("--random", type=int, default=None)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    n_random = args.random if args.random is not None else (300 if args.mode == "time" else 3000)
    engines, cases = all_cases(n_random)
    assessed = [(lang, c, engines[lang].assess(c)) for lang, c in cases]
    if args.mode == "capture":
        if not args.file:
            sys.exit("capture needs a FILE")
        with open(args.file, "w") as f:
            for lang, _, a in assessed:
                items = suggested_workup(engines[lang].pack, a)
                json_items = [it.to_json() for it in items]
                raw = [{"bits": repr(it.information_bits), "score": repr(it.score)}
                       for it in items]
                f.write(json.dumps({"items": exact(json_items), "raw": raw},
                                   ensure_ascii=False) + "\n")
        print(f"{len(assessed)} work-ups written to {args.file}")
        return
    if args.mode == "time":
        for lang, _, a in assessed:  # warm: each set of leading conditions built once
            suggested_workup(engines[lang].pack, a)
        best = float("inf")
        for _ in range(args.rounds):
            t0 = time.thread_time()
            for lang, _, a in assessed:
                suggested_workup(engines[lang].pack, a)
            best = min(best, (time.thread_time() - t0) * 1000 / len(assessed))
        print(f"work-up: {best:.3f} ms per case (thread CPU, best of {args.rounds} rounds, "
              f"{len(assessed)} cases)")
        return
    from gravida.service import Service
    from gravida.settings import Settings

    service = Service(Settings(rate_limits=False), engines["en"], None)  # type: ignore[arg-type]
    service.warm_up()
    if args.mode == "full":
        if not args.file:
            sys.exit("full needs a FILE")
        with open(args.file, "wb") as out:
            options = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS  # the API's
            for lang, c, _ in assessed:
                for detail in ("full", "core"):
                    result = service.assess(body(c, lang), detail=detail).to_json()
                    out.write(orjson.dumps(result, option=options) + b"\n")
        print(f"{len(assessed)} full and core results written to {args.file}")
        return
    costs: list[tuple[float, int]] = []
    for i, (lang, c, _) in enumerate(assessed):
        b = body(c, lang)
        orjson.dumps(service.assess(dict(b)).to_json(), option=orjson.OPT_SERIALIZE_NUMPY)
        t0 = time.thread_time()
        for _ in range(3):
            orjson.dumps(service.assess(dict(b)).to_json(), option=orjson.OPT_SERIALIZE_NUMPY)
        costs.append(((time.thread_time() - t0) * 1000 / 3, i))
    costs.sort(reverse=True)
    n = len(costs)
    print(f"full result (engine, report, JSON), thread CPU over {n} cases: "
          f"median {costs[n // 2][0]:.2f} ms, 99th percentile {costs[n // 100][0]:.2f} ms, "
          f"max {costs[0][0]:.2f} ms")
    for ms, i in costs[:3]:
        lang, c, _ = assessed[i]
        print(f"  {ms:.2f} ms  {json.dumps(body(c, lang))[:300]}")


if __name__ == "__main__":
    main()
