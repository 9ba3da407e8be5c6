"""The reason a summed level gives is said in the pack's language.

When no single cause asks for a level but the causes that need it are likely
enough together, the reason shown is the pack's ``cumulative_says`` with their
names: it is a text a person reads, so it is in i18n/fields.yaml and has a
Russian text (it was English in a Russian result before).
"""

from __future__ import annotations

import re

from gravida.engine import Engine
from gravida.knowledge.load import load_pack

# a sudden, severe, constant back pain at 32 weeks with no strain and no bleeding:
# several causes that need an ambulance, none likely enough alone
CASE = {
    "gestational_weeks": 32, "pain_severity": 8,
    "present": ["pain_onset_sudden", "pain_lower_back_central", "pain_constant_unrelieved"],
    "absent": ["vaginal_bleeding", "heavy_lifting_or_strain"],
}


def _summed(lang: str) -> str:
    engine = Engine(load_pack(lang=lang))
    reasons = [r for r in engine.triage(engine.case(CASE)).reasons if r.id.startswith("summed_")]
    assert reasons, "the case no longer reaches a level by summed causes"
    return reasons[0].says


def test_a_summed_reason_is_said_in_russian() -> None:
    says = _summed("ru")
    assert says.startswith("Вместе возможные причины")
    assert not re.search(r"[A-Za-z]{3,}", says), says


def test_a_summed_reason_is_said_in_english() -> None:
    assert _summed("en").startswith("Together, the possible causes")
