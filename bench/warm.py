"""First-request benchmark (not a test): what a worker's first request in each language
still costs after ``Service.warm_up``, the warm-up the server runs at start.

Each language runs in a fresh process (a worker), so nothing an earlier
measurement loaded helps the next: the process makes the service, runs
warm_up (timed), then the same requests twice (first, then again warm) in that
language: free text read, a full result, a medicine check, an interview
started from her text. Wall time and thread CPU; asserts nothing.

    .venv/bin/python bench/warm.py [--lang en --lang ru]
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REQUESTS: dict[str, dict[str, Any]] = {
    "en": {
        "text": "I'm 30 weeks, my lower back aches, no fever, no bleeding.",
        "medicine": "ibuprofen",
    },
    "ru": {
        "text": "Срок 30 недель, ноет поясница, температуры нет, не мажет.",
        "medicine": "нурофен",
    },
}


def one_worker(lang: str) -> dict[str, float]:
    """Run in a fresh process: warm_up, then each request twice; milliseconds."""
    from gravida.engine import Engine
    from gravida.service import Service
    from gravida.settings import Settings
    from gravida.store.db import make_engine
    from gravida.store.migrate import upgrade
    from gravida.store.repo import InterviewStore

    req = REQUESTS[lang]
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), rate_limits=False)
        db = make_engine(settings)
        upgrade(settings, db)
        service = Service(settings, Engine(), InterviewStore(db))
        out["warm_up wall"], out["warm_up cpu"] = timed(service.warm_up)
        calls: dict[str, Callable[[], object]] = {
            "read text": lambda: service.parse({"text": req["text"]}, lang),
            "full result": lambda: service.assess({"gestational_weeks": 30}, lang=lang),
            "medicine": lambda: service.check_medicine(
                {"query": req["medicine"], "weeks": 30}, lang),
            "interview from text": lambda: service.start_interview({"text": req["text"]}, lang),
        }
        for name, call in calls.items():
            wall, cpu = timed(call)
            out[f"{name} first wall"], out[f"{name} first cpu"] = wall, cpu
            out[f"{name} again wall"] = timed(call)[0]
        db.dispose()
    return out


def timed(call: Callable[[], object]) -> tuple[float, float]:
    w0, c0 = time.perf_counter(), time.thread_time()
    call()
    return (time.perf_counter() - w0) * 1000, (time.thread_time() - c0) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", action="append", choices=sorted(REQUESTS))
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(one_worker(args.worker)))
        return
    for lang in args.lang or sorted(REQUESTS):
        run = subprocess.run([sys.executable, __file__, "--worker", lang],
                             check=True, capture_output=True, text=True)
        figures = json.loads(run.stdout.strip().splitlines()[-1])
        print(f"[{lang}] warm_up {figures['warm_up wall']:.0f} ms "
              f"({figures['warm_up cpu']:.0f} ms cpu)")
        print(f"  {'request':<22}{'first ms':>10}{'first cpu':>11}{'again ms':>10}")
        for name in ("read text", "full result", "medicine", "interview from text"):
            print(f"  {name:<22}{figures[f'{name} first wall']:>10.1f}"
                  f"{figures[f'{name} first cpu']:>11.1f}{figures[f'{name} again wall']:>10.1f}")


if __name__ == "__main__":
    main()
