"""What happens next: the work-up a clinician would order, and what a woman can expect.

Two readers, one pack file (``workup.yaml``). A woman wants to know what will
happen when she gets there: the tests in plain words, the usual treatment of
the causes that lead her differential, and what happens at her triage level.
A clinician wants the investigations that best separate the differential.

The clinician's list is computed, not hand-ordered: each investigation's
per-condition results (P(result | condition), from the pack) make it a noisy
channel from the condition to a result, and investigations are ranked by the
mutual information between the (tempered) posterior over the leading
conditions and the result, i.e. the expected reduction in entropy. Three
clinical constraints then shape the order, all of them data in the pack:
time-critical tests of a suspected emergency come first (an MRI for cauda
equina compression does not wait for the bladder scan); a second-line test
(MRI) is valued for what it adds once the first-line tests are back, and an
ionising one for what it adds after both (the imaging ladder of pregnancy:
ultrasound, then MRI, then CT), each further weighted down by its line; and
ionising tests are proposed only when a condition they are allowed for is
suspected, and never first. The posterior is tempered first because the
engine's naive-Bayes posteriors are over-confident, and a work-up that only
confirmed the leader would never exclude the runners-up. Everything clinical
lives in the YAML; this package validates (book.py), computes (information.py, leading.py,
suggest.py, expect.py) and renders (text.py).
"""

from __future__ import annotations

from gravida.advice.workup.book import (
    ConditionWorkupDef,
    InvestigationDef,
    WorkupBook,
    WorkupFile,
    WorkupSettings,
    load_workup,
)
from gravida.advice.workup.expect import (
    ConditionExpectation,
    PatientExpectations,
    TestExplanation,
    what_to_expect,
)
from gravida.advice.workup.information import (
    conditional_information,
    expected_information,
    tempered,
)
from gravida.advice.workup.suggest import (
    ExpectedResult,
    WorkupItem,
    suggested_workup,
    workup_json,
)
from gravida.advice.workup.text import render_clinician, render_for, render_patient

__all__ = [
    "ConditionExpectation",
    "ConditionWorkupDef",
    "ExpectedResult",
    "InvestigationDef",
    "PatientExpectations",
    "TestExplanation",
    "WorkupBook",
    "WorkupFile",
    "WorkupItem",
    "WorkupSettings",
    "conditional_information",
    "expected_information",
    "load_workup",
    "render_clinician",
    "render_for",
    "render_patient",
    "suggested_workup",
    "tempered",
    "what_to_expect",
    "workup_json",
]
