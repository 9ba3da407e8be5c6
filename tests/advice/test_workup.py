"""The work-up (clinician) and what-to-expect (patient) sections, and workup.yaml itself."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gravida.advice.workup import (
    conditional_information,
    expected_information,
    information,
    leading,
    load_workup,
    render_for,
    suggest,
    suggested_workup,
    tempered,
    what_to_expect,
)
from gravida.engine import Case, Engine
from gravida.knowledge import PackError, default_pack, load_pack

from ..conftest import DEV_VIGNETTES
from ..helpers import edited_pack
from ..strategies import cases as any_case

PACK = default_pack()
BOOK = load_workup(PACK)
IONISING = {iid for iid, inv in BOOK.data.investigations.items() if inv.line == "ionising"}

# The cases the issue names, written here (not taken from the vignettes).
PYELONEPHRITIS = {
    "gestational_weeks": 26,
    "temperature_c": 38.6,
    "present": ["fever", "pain_flank", "kidney_tender_on_tapping"],
}
CAUDA_EQUINA = {
    "gestational_weeks": 30,
    "present": ["pain_lower_back_central", "saddle_numbness", "new_bladder_bowel_dysfunction",
                "leg_numbness_tingling", "both_legs_affected"],
}


def ids(items) -> list[str]:
    return [i.id for i in items]


# --- the pack file -----------------------------------------------------------------------


def test_every_vocabulary_condition_has_investigations_and_treatment_with_sources():
    for cond in PACK.vocabulary.conditions:
        cw = BOOK.data.conditions.get(cond.id)
        assert cw is not None, f"{cond.id} has no work-up"
        assert cw.investigations, f"{cond.id} has no investigations"
        assert cw.treatment, f"{cond.id} has no treatment"
        assert cw.avoid, f"{cond.id} says nothing about what is avoided"
        cited = [e.sources for e in cw.investigations] + [t.sources for t in cw.treatment]
        cited += [a.sources for a in cw.avoid] + [cw.what_to_expect.sources]
        for srcs in cited:
            assert srcs, f"{cond.id}: an item cites no source"
            assert all(s in PACK.sources for s in srcs), f"{cond.id}: unknown source in {srcs}"
        for e in cw.investigations:
            assert e.id in BOOK.data.investigations


def test_every_investigation_and_level_has_words_and_sources():
    for iid, inv in BOOK.data.investigations.items():
        assert inv.sources and all(s in PACK.sources for s in inv.sources), iid
        assert inv.what_happens and inv.safety and inv.shows, iid
    assert set(BOOK.data.levels) == set(PACK.levels)


def test_ionising_tests_are_restricted_and_plain_xray_is_never_allowed():
    assert {"ct_aorta", "xray_plain"} <= IONISING
    for iid in IONISING:
        assert BOOK.data.investigations[iid].restricted is not None
    assert BOOK.data.investigations["xray_plain"].restricted.allowed_for == []
    assert BOOK.data.investigations["ct_aorta"].restricted.allowed_for == ["aortic_dissection"]


def test_result_tables_are_distributions():
    for iid, table in BOOK.table.items():
        assert table.shape == (len(PACK.conditions), len(BOOK.result_ids[iid]))
        assert np.all(table >= 0)
        assert np.allclose(table.sum(axis=1), 1.0), iid


def _broken_pack(tmp_path: Path, mutate) -> Path:
    return edited_pack(tmp_path, "workup.yaml", mutate)


def _drop_condition(d: dict[str, Any]) -> None:
    del d["conditions"]["pyelonephritis"]


def _no_treatment(d: dict[str, Any]) -> None:
    d["conditions"]["kidney_stone"]["treatment"] = []


def _unknown_investigation(d: dict[str, Any]) -> None:
    d["conditions"]["labour"]["investigations"][0]["id"] = "tea_leaves"


def _unknown_source(d: dict[str, Any]) -> None:
    d["conditions"]["labour"]["treatment"][0]["sources"] = ["no-such-source"]


def _uncited_treatment(d: dict[str, Any]) -> None:
    d["conditions"]["labour"]["treatment"][0]["sources"] = []


def _unknown_result(d: dict[str, Any]) -> None:
    d["conditions"]["labour"]["investigations"][0]["results"] = {"sparkles": 0.5}


def _too_probable(d: dict[str, Any]) -> None:
    d["conditions"]["preterm_labour"]["investigations"][0]["results"] = {"fluid": 0.7,
                                                                        "open_os": 0.6}


def _ct_unrestricted(d: dict[str, Any]) -> None:
    del d["investigations"]["ct_aorta"]["restricted"]


def _missing_level(d: dict[str, Any]) -> None:
    del d["levels"]["self_care"]


def _unknown_finding(d: dict[str, Any]) -> None:
    d["investigations"]["urinalysis"]["answered_by"] = ["urine_sparkles"]


@pytest.mark.parametrize(
    ("mutate", "entry", "problem"),
    [
        (_drop_condition, "conditions.pyelonephritis", "no investigations and treatment"),
        (_no_treatment, "conditions.kidney_stone.treatment", "at least 1"),
        (_unknown_investigation, "conditions.labour.investigations[0]", "unknown investigation"),
        (_unknown_source, "conditions.labour.treatment[0]", "unknown source"),
        (_uncited_treatment, "conditions.labour.treatment[0]", "cites no source"),
        (_unknown_result, "conditions.labour.investigations[0]", "not results of"),
        (_too_probable, "conditions.preterm_labour.investigations.0", "more than 1"),
        (_ct_unrestricted, "investigations.ct_aorta", "restricted"),
        (_missing_level, "levels", "triage levels"),
        (_unknown_finding, "investigations.urinalysis.answered_by", "unknown finding"),
    ],
)
def test_a_broken_workup_file_fails_naming_file_entry_and_problem(tmp_path, mutate, entry,
                                                                  problem):
    pack = load_pack(_broken_pack(tmp_path, mutate))
    with pytest.raises(PackError) as err:
        load_workup(pack)
    assert err.value.file == "workup.yaml"
    assert err.value.entry.startswith(entry), err.value
    assert problem in err.value.problem, err.value


# --- information --------------------------------------------------------------------------


def test_information_of_perfect_useless_and_repeated_tests():
    prior = np.array([0.5, 0.25, 0.25])
    perfect = np.eye(3)
    useless = np.full((3, 2), 0.5)
    assert expected_information(prior, perfect) == pytest.approx(1.5)
    assert expected_information(prior, useless) == pytest.approx(0.0)
    # a test repeated adds nothing once its result is known
    noisy = np.array([[0.9, 0.1], [0.2, 0.8], [0.2, 0.8]])
    assert conditional_information(prior, [noisy], noisy) < expected_information(prior, noisy)
    assert conditional_information(prior, [perfect], noisy) == pytest.approx(0.0, abs=1e-12)
    assert conditional_information(prior, [], noisy) == pytest.approx(
        expected_information(prior, noisy))


def test_tempering_keeps_order_and_softens():
    p = [0.98, 0.015, 0.005]
    t = tempered(p, 0.5)
    assert t.sum() == pytest.approx(1.0)
    assert list(np.argsort(-t)) == [0, 1, 2]
    assert t[1] > p[1] and t[0] < p[0]
    assert tempered([0.0, 0.0], 0.5).sum() == pytest.approx(1.0)


# --- the clinician's work-up ---------------------------------------------------------------


def test_pyelonephritis_work_up_starts_with_urine_tests_and_kidney_ultrasound(engine):
    a = engine.assess(PYELONEPHRITIS)
    assert a.conditions[0].id == "pyelonephritis"
    work = suggested_workup(PACK, a)
    assert set(ids(work[:3])) == {"urinalysis", "urine_culture", "kidney_ultrasound"}
    assert work[0].urgent and work[0].id == "urine_culture"  # before the first antibiotic
    first_ionising = next((i.rank for i in work if i.id in IONISING), None)
    assert first_ionising is None or first_ionising > 3
    assert not any(i.id == "xray_plain" for i in work)


def test_known_dipstick_is_not_proposed_again(engine):
    case = dict(PYELONEPHRITIS, present=[*PYELONEPHRITIS["present"], "urinalysis_leukocytes"])
    work = suggested_workup(PACK, engine.assess(case))
    assert "urinalysis" not in ids(work)
    assert ids(work[:2]) == ["urine_culture", "kidney_ultrasound"]


def test_cauda_equina_work_up_puts_urgent_mri_spine_first(engine):
    a = engine.assess(CAUDA_EQUINA)
    assert a.conditions[0].id == "cauda_equina_syndrome"
    work = suggested_workup(PACK, a)
    assert work[0].id == "mri_spine"
    assert work[0].urgent and "cauda_equina_syndrome" in work[0].urgent_for
    assert {"neuro_examination", "bladder_scan"} <= set(ids(work[:4]))


def test_digital_examination_is_not_proposed_with_bleeding(engine):
    a = engine.assess({"gestational_weeks": 34,
                       "present": ["vaginal_bleeding", "contractions_regular",
                                   "pain_lower_back_central"]})
    work = ids(suggested_workup(PACK, a))
    assert "vaginal_examination" not in work
    assert "fetal_fibronectin" not in work


def test_gestational_windows_are_respected(engine):
    early = engine.assess({"gestational_weeks": 8,
                           "present": ["vaginal_bleeding", "pain_one_side",
                                       "pain_lower_abdomen"]})
    work = ids(suggested_workup(PACK, early))
    assert "fetal_monitoring" not in work and "cervical_length_tvus" not in work
    assert work[0] == "transvaginal_ultrasound"


def _dev_cases() -> list[tuple[str, dict[str, Any]]]:
    return [(v["id"], v["case"]) for v in yaml.safe_load(DEV_VIGNETTES.read_text("utf-8"))]


@pytest.mark.skipif(not DEV_VIGNETTES.exists(), reason="shared vignettes not available")
def test_xray_or_ct_is_never_first_for_any_dev_case(engine):
    """A safety check over the development cases (not a target the pack is tuned to)."""
    for vid, case in _dev_cases():
        a = engine.assess(case)
        work = suggested_workup(PACK, a)
        assert work, vid
        assert work[0].id not in IONISING, f"{vid}: {work[0].id} first"
        assert "xray_plain" not in ids(work), vid
        for it in work:
            if it.id == "ct_aorta":
                assert any(c.id == "aortic_dissection" and c.probability >= 0.1
                           for c in a.conditions), vid


# --- what a woman can expect -------------------------------------------------------------------


def test_what_to_expect_speaks_plainly_about_the_leading_causes(engine):
    a = engine.assess(PYELONEPHRITIS)
    ex = what_to_expect(PACK, a, k=3)
    assert ex.level == a.triage.level
    assert ex.conditions[0].id == "pyelonephritis"
    assert "drip" in ex.conditions[0].text
    assert {"urine_culture", "kidney_ultrasound"} <= {t.id for t in ex.tests}
    assert all(s in PACK.sources for s in ex.sources)
    text = render_for(a, "patient")
    body = text.split("Sources:")[0]
    assert "_" not in body  # no ids, only words
    assert "WHAT HAPPENS NEXT" in text and "kidney" in text.lower()
    json.dumps(ex.to_json())


def test_every_level_reads_what_happens_next(engine):
    for level in PACK.levels:
        assert BOOK.data.levels[level].text


def test_clinician_text_lists_work_up_and_treatment(engine):
    text = render_for(engine.assess(CAUDA_EQUINA), "clinician")
    assert "1. [URGENT] MRI of the lumbar spine" in text
    assert "USUAL TREATMENT IN PREGNANCY" in text and "decompression" in text


def test_bad_arguments_give_clear_errors(engine):
    a = engine.assess(PYELONEPHRITIS)
    with pytest.raises(ValueError, match="audience"):
        render_for(a, "nurse")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="k must be"):
        what_to_expect(PACK, a, k=0)
    with pytest.raises(ValueError, match="Assessment"):
        suggested_workup(PACK, {"gestational_weeks": 20})  # type: ignore[arg-type]


# --- properties ------------------------------------------------------------------------------

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(any_case(max_findings=16, weeks=(0, 44)))
def test_work_up_never_raises_and_is_well_formed(engine: Engine, case: Case):
    a = engine.assess(case, explain=False)
    work = suggested_workup(PACK, a)
    assert [i.rank for i in work] == list(range(1, len(work) + 1))
    assert len(set(ids(work))) == len(work)
    if work:
        assert work[0].id not in IONISING
    assert all(i.information_bits >= 0 and i.score >= 0 for i in work)
    assert "xray_plain" not in ids(work)
    json.dumps([i.to_json() for i in work])
    ex = what_to_expect(PACK, a)
    json.dumps(ex.to_json())
    assert render_for(a, "patient") and render_for(a, "clinician")


@pytest.mark.skipif(not DEV_VIGNETTES.exists(), reason="shared vignettes not available")
def test_a_later_panel_left_unbuilt_leaves_the_list_as_building_it_does(engine, monkeypatch):
    """A second-line or ionising panel is not built when a bound shows none of its tests
    can make the list (suggest._beyond); the list must be the one every panel gives."""
    from gravida.advice.workup import suggest

    assessments = [engine.assess(case) for _, case in _dev_cases()]
    skipped = []
    beyond = suggest._beyond

    def counted(*args: Any) -> bool:
        skipped.append(beyond(*args))
        return skipped[-1]

    monkeypatch.setattr(suggest, "_beyond", counted)
    # the Python search, whose _beyond is counted (the compiled one checks the same bound,
    # and tests/advice/test_beam_native.py compares the two searches)
    monkeypatch.setattr(information, "_search", None)
    fast = [[i.to_json() for i in suggested_workup(PACK, a)] for a in assessments]
    assert any(skipped), "no dev case leaves a panel unbuilt: the check checks nothing"
    monkeypatch.setattr(suggest, "_beyond", lambda *args: False)
    assert fast == [[i.to_json() for i in suggested_workup(PACK, a)] for a in assessments]


@SETTINGS
@given(any_case(max_findings=16, weeks=(0, 44)))
def test_an_unbuilt_panel_never_changes_the_list(engine: Engine, case: Case):
    from gravida.advice.workup import suggest

    a = engine.assess(case, explain=False)
    # the Python search, whose _beyond is replaced below (the compiled one checks the same
    # bound, and tests/advice/test_beam_native.py compares the two searches)
    search, information._search = information._search, None
    fast = [i.to_json() for i in suggested_workup(PACK, a)]
    beyond, suggest._beyond = suggest._beyond, lambda *args: False
    try:
        assert fast == [i.to_json() for i in suggested_workup(PACK, a)]
    finally:
        suggest._beyond = beyond
        information._search = search


# --- the fast information computation keeps the defined result ----------------------------
#
# The beam over panel results is defined by the plain algorithm below (grow every
# history by every result, drop the negligible, stable-sort by mass, keep the first
# MAX_HISTORIES). The fast one must keep bit-for-bit the same histories, ties included.

def _plain_beam(prior: np.ndarray, panel: list[np.ndarray], bound: int) -> np.ndarray:
    joint = prior[:, None].copy()
    for m in panel:
        joint = (joint[:, :, None] * m[:, None, :]).reshape(len(prior), -1)
        joint = joint[:, joint.sum(axis=0) > information.NEGLIGIBLE]
        if joint.shape[1] > bound:
            idx = np.argsort(-joint.sum(axis=0), kind="stable")[:bound]
            joint = joint[:, idx]
    return joint


def _plain_information(joint: np.ndarray, lik: np.ndarray) -> float:
    def h(j: np.ndarray) -> float:
        def b(x: np.ndarray) -> np.ndarray:
            return np.where(x > 0, x * np.log2(np.where(x > 0, x, 1.0)), 0.0)
        return float(-b(j).sum() + b(j.sum(axis=0)).sum())

    after = (joint[:, :, None] * lik[:, None, :]).reshape(joint.shape[0], -1)
    return max(0.0, h(joint) - h(after))


def _columns(joint: np.ndarray) -> np.ndarray:
    """The histories as a sorted multiset of columns (order of columns is not part of it)."""
    return joint[:, np.lexsort(joint[::-1])]


def _random_panel(rng: np.random.Generator, k: int, coarse: bool,
                  distributions: bool = True) -> list[np.ndarray]:
    panel = []
    for _ in range(int(rng.integers(0, 12))):
        r = int(rng.integers(2, 6))
        if coarse:  # few distinct values: many exactly equal histories
            m = rng.choice([0.0, 0.05, 0.1, 0.2, 0.25], size=(k, r - 1))
        else:
            m = rng.random((k, r - 1)) / r
        if rng.random() < 0.3:
            m[:] = m[0]  # a test that cannot tell the conditions apart
        rest = 1 - m.sum(axis=1, keepdims=True)
        if not distributions:
            rest = rest + rng.random((k, 1))
        panel.append(np.hstack([m, np.maximum(0.0, rest)]))
    return panel


def _random_prior(rng: np.random.Generator, coarse: bool) -> np.ndarray:
    """A prior over 1-6 conditions (coarse: few distinct values, so ties across a cut)."""
    prior = rng.dirichlet(np.ones(int(rng.integers(1, 7))))
    if coarse:
        prior = np.round(prior, 1) + 0.05
        prior /= prior.sum()
    return prior


def _random_beam_case(seed: int, coarse: bool, distributions: bool
                      ) -> tuple[np.ndarray, list[np.ndarray], np.ndarray]:
    """A random beam problem from one seed: (prior over 1-6 conditions, a panel of
    tests done before, one more test)."""
    rng = np.random.default_rng(seed)
    prior = _random_prior(rng, coarse)
    k = len(prior)
    panel = _random_panel(rng, k, coarse, distributions)
    lik = _random_panel(np.random.default_rng(seed + 1), k, coarse, distributions)
    return prior, panel, lik[0] if lik else np.full((k, 2), 0.5)


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), bound=st.sampled_from([4, 16, 64, 512]),
       coarse=st.booleans(), distributions=st.booleans())
def test_the_beam_keeps_exactly_what_a_stable_sort_by_mass_keeps(seed, bound, coarse,
                                                                   distributions):
    prior, panel, test = _random_beam_case(seed, coarse, distributions)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(information, "MAX_HISTORIES", bound)
        one_by_one = information._Histories.start(prior)
        for m in panel:
            one_by_one = one_by_one.then(m)
        grouped = suggest._histories({(): information._Histories.start(prior)},
                                     tuple(range(len(panel))), _PanelOnly(panel))
        expected = _plain_beam(prior, panel, bound)
    for h in (one_by_one, grouped):
        assert h.joint.shape == expected.shape
        assert np.array_equal(_columns(h.joint), _columns(expected))  # bit for bit
        assert np.array_equal(np.sort(h.mass), np.sort(expected.sum(axis=0)))
        assert h.information(test) == pytest.approx(_plain_information(expected, test),
                                                     abs=1e-12)


class _PanelOnly:
    """Just enough of a Leading for _histories: the panel's likelihoods by position."""

    def __init__(self, panel: list[np.ndarray]) -> None:
        self.panel_lik = tuple(panel)


def test_equally_probable_histories_at_a_cut_are_kept_in_the_defined_order(monkeypatch):
    # After the first test, two histories that differ (0.375, 0.125 and the
    # reverse); the second test cannot tell the conditions apart, so all four
    # children are equally probable, and a cut to two must keep both children of
    # the first history (the defining stable sort), not one child of each.
    first = np.array([[0.75, 0.25], [0.25, 0.75]])
    useless = np.array([[0.5, 0.5], [0.5, 0.5]])
    prior = np.array([0.5, 0.5])
    monkeypatch.setattr(information, "MAX_HISTORIES", 2)
    h = information._Histories.start(prior).then(first).then(useless)
    assert h.generations[-1].cut
    assert np.array_equal(_columns(h.joint), np.array([[0.1875, 0.1875], [0.0625, 0.0625]]))
    assert np.array_equal(_columns(h.joint), _columns(_plain_beam(prior, [first, useless], 2)))
    # and a tie two cuts deep is ordered by the earlier cut's masses first
    reverse = first[:, ::-1]
    three = np.array([[0.5, 0.25, 0.25], [0.25, 0.25, 0.5]])
    for panel in ([first, useless, first], [first, reverse, reverse], [first, three, three],
                  [three, first, three]):
        for bound in (2, 3, 4, 5):
            monkeypatch.setattr(information, "MAX_HISTORIES", bound)
            h = information._Histories.start(prior)
            for m in panel:
                h = h.then(m)
            assert np.array_equal(_columns(h.joint), _columns(_plain_beam(prior, panel, bound)))


def test_conditional_information_of_rows_that_are_not_distributions():
    prior = np.array([0.6, 0.3, 0.1])
    panel = [np.array([[0.9, 0.3], [0.2, 0.9], [0.5, 0.5]])]
    lik = np.array([[0.7, 0.6], [0.1, 0.2], [0.4, 0.9]])
    expected = _plain_information(_plain_beam(prior, panel, 4096), lik)
    assert conditional_information(prior, panel, lik) == pytest.approx(expected, abs=1e-12)
    tables = np.stack([lik, panel[0]])
    excess = tables.sum(axis=-1) - 1.0
    lead = SimpleNamespace(lik=tables, row_bits=information._xlogx_rows(tables), row_excess=excess,
                           not_distributions=True)
    batch = information._expected_information_batch(prior, lead, [0, 1])  # type: ignore[arg-type]
    assert batch[0] == pytest.approx(expected_information(prior, lik), abs=1e-12)
    assert batch[1] == pytest.approx(expected_information(prior, panel[0]), abs=1e-12)


@pytest.mark.parametrize("case", [PYELONEPHRITIS, CAUDA_EQUINA])
def test_per_leading_tables_match_their_definitions(engine, case):
    a = engine.assess(case)
    s = BOOK.data.settings
    top = [c for c in a.conditions if c.probability > 0][: s.top_conditions]
    ids = tuple(c.id for c in top)
    lead = BOOK.leading(ids)
    assert BOOK.leading(ids) is lead  # computed once per set of leading conditions
    prior = tempered([c.probability for c in top], s.temper)
    batch = information._expected_information_batch(prior, lead, range(len(lead.candidates)))
    for n, iid in enumerate(lead.candidates):
        lik = BOOK.table[iid][[BOOK.condition_index[c] for c in ids]]
        assert np.array_equal(lead.panel_lik[n], lik)
        assert batch[n] == pytest.approx(expected_information(prior, lik), abs=1e-12)
        # exactly the per-pair arithmetic: ties between pairs must break the same way
        for i in range(len(ids)):
            for j in range(len(ids)):
                tv = 0.5 * float(np.abs(lik[i] - lik[j]).sum())
                assert lead.separation[n, i, j] == tv
                assert lead.separable[n, i, j] == (i < j and tv > leading.SEPARATES_MIN)
        assert lead.confirm[n] == 0.5 * float(np.abs(lik[0] - lik.mean(axis=0)).sum())


# --- the work-up's JSON and reasons, from parts kept with the leading conditions -----------


def _reference_json(w) -> dict[str, Any]:
    """An item's JSON written out field by field, rounded with ``round`` itself."""
    return {
        "rank": w.rank, "id": w.id, "name": w.name, "line": w.line, "urgent": w.urgent,
        "urgent_for": list(w.urgent_for), "information_bits": round(w.information_bits, 6),
        "information_given": list(w.information_given), "score": round(w.score, 6),
        "separates": list(w.separates) if w.separates else None, "reason": w.reason,
        "expected": [
            {"condition": e.condition, "name": e.name, "probability": round(e.probability, 6),
             "result": e.result, "result_label": e.result_label,
             "result_probability": round(e.result_probability, 4), "shows": e.shows}
            for e in w.expected],
        "shows": w.shows, "safety": w.safety, "restricted": w.restricted,
        "sources": list(w.sources),
    }


def _floats_bitwise(x: Any) -> Any:
    """JSON-like data with every float as its exact repr, so 0.1 != 0.1000000000000001."""
    if isinstance(x, float):
        return repr(x)
    if isinstance(x, dict):
        return {k: _floats_bitwise(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_floats_bitwise(v) for v in x]
    return x


@SETTINGS
@given(any_case(max_findings=16, weeks=(0, 44)))
def test_workup_json_is_each_items_json_rounded_as_round_rounds(engine: Engine, case: Case):
    work = suggested_workup(PACK, engine.assess(case, explain=False))
    whole = suggest.workup_json(work)
    assert _floats_bitwise(whole) == _floats_bitwise([w.to_json() for w in work])
    assert _floats_bitwise(whole) == _floats_bitwise([_reference_json(w) for w in work])


def test_a_chance_not_rounded_with_leading_conditions_is_rounded_as_round_rounds():
    for x in (0.123456789, 0.00005, 1 / 3, 0.0, np.float64(0.12345678)):
        assert repr(leading.rounded_chance(x)) == repr(round(x, 4))  # type: ignore[arg-type]
    kept = 0.98765432  # kept by object: an equal float made apart is worked out again
    leading._keep_rounded(kept)
    assert leading.rounded_chance(kept) == round(kept, 4)
    assert leading.rounded_chance(float("0.98765432")) == round(kept, 4)


@pytest.mark.parametrize("sentence", [
    "adds {bits} bits once the earlier-line tests are back",
    "{bits}", "{{braces}} and {bits} bits", "ends with bits {bits}",
    "{bits:>9} padded", "{bits}{bits} twice", "{bits!r} shown", "{{bits}} not a field {bits}",
])
def test_a_reason_split_around_its_bits_reads_as_the_sentence_formatted(sentence):
    for bits in ("0.000", "12.345"):
        before, after = suggest._around_bits("head; ", sentence)
        whole = ("head; " + sentence.format(bits=bits))
        if after is None:  # not split: formatted whole each time
            assert before == "head; "
        else:
            assert before + bits + after == whole
    # a field other than {bits} alone is never split
    assert suggest._around_bits("", "{bits:>9} padded")[1] is None
    assert suggest._around_bits("", "{bits}{bits} twice")[1] is None
