"""Print finding precision/recall of the intake over vignette narratives.

Usage: ``python -m gravida.intake.measure /work/shared/vignettes/dev.yaml``
"""

from __future__ import annotations

import sys

from gravida.intake.score import precision_recall, score_file


def main(argv: list[str]) -> int:
    totals = [0, 0, 0]
    for name in argv:
        tp, fp, fn, missing = score_file(name)
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
        if missing:
            print(f"{name}: no weeks found in {', '.join(missing)}")
    p, r = precision_recall(totals[0], totals[1], totals[2])
    print(
        f"tp={totals[0]} fp={totals[1]} fn={totals[2]} "
        f"finding_precision={p:.3f} finding_recall={r:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
