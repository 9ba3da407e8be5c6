"""docs/seed-review.md stays true to the pack: every cited source exists and is listed."""

from __future__ import annotations

import re
from pathlib import Path

from gravida.knowledge.load import default_pack

DOC = Path(__file__).resolve().parents[1] / "docs" / "seed-review.md"
VERDICTS = {"supported", "partly", "unproven", "outdated", "wrong", "-"}


def _rows() -> tuple[list[list[str]], dict[str, str]]:
    body, listed = DOC.read_text(encoding="utf-8").split("## Sources cited here", 1)
    claims = [
        [c.strip() for c in line.strip().strip("|").split("|")]
        for line in body.splitlines()
        if re.match(r"\| \d+\.\d+[a-z]? \|", line)
    ]
    table = dict(re.findall(r"^\| ([a-z0-9-]+) \| (.+?) \|", listed, flags=re.M))
    return claims, table


def test_every_claim_has_a_verdict_and_cites_sources_the_pack_and_the_table_hold():
    sources = default_pack().sources
    claims, table = _rows()
    assert len(claims) > 60
    numbers = [c[0] for c in claims]
    assert len(numbers) == len(set(numbers)), "a claim number is used twice"
    for number, _claim, verdict, evidence, _gravida in claims:
        assert verdict in VERDICTS, (number, verdict)
        for sid in (x.strip() for x in evidence.split(",")):
            if sid == "-":
                continue
            assert sid in sources, f"{number} cites {sid!r}, which the pack does not define"
            assert sid in table, f"{number} cites {sid!r}, missing from 'Sources cited here'"


def test_no_unmerged_notes_are_left():
    text = DOC.read_text(encoding="utf-8")
    assert "To be merged" not in text and "when merging" not in text


def test_the_review_covers_the_corrections_of_issue_13():
    claims, _ = _rows()
    by_number = {c[0]: c for c in claims}
    assert "does ask" in by_number["1.5"][4]  # cold exposure is asked
    assert "antepartum haemorrhage" in by_number["2.3"][4]
    assert "onto her back" in by_number["4.11a"][4]
    assert "relaxin" in by_number["1.7a"][1]
    tone = by_number["3.20"]
    assert all(x in tone[1] for x in ("Ginipral", "papaverine", "Magne B6"))
