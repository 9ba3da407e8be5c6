"""Medicine verdicts: the seed's medicines, NSAIDs by stage, unknowns never safe."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from gravida.advice.medicines import SEVERITY, MedicineBook, check, load_medicines
from gravida.cli.meds import meds
from gravida.knowledge.load import PackError, default_pack_dir

from ..helpers import edited_pack

WEEKS = [0, 6, 13.9, 14, 19.9, 20, 24, 27.9, 28, 30, 35.9, 36, 37, 40, 44]

# Every medicine the seed article names, and the common UK/US names, with the
# pack entry each must resolve to (exactly, not by a lucky fuzzy match).
SEED_AND_COMMON = {
    "No-shpa": "drotaverine", "No-Spa": "drotaverine", "drotaverine": "drotaverine",
    "paracetamol": "paracetamol", "metamizole": "metamizole", "Analgin": "metamizole",
    "Baralgin": "metamizole", "Nurofen": "ibuprofen", "Nurofen gel": "ibuprofen-topical",
    "ibuprofen": "ibuprofen", "Menovazin": "menovazin", "Duphaston": "dydrogesterone",
    "dydrogesterone": "dydrogesterone", "Utrozhestan": "progesterone",
    "progesterone": "progesterone", "Magnesia": "magnesium-sulfate",
    "magnesium sulfate": "magnesium-sulfate", "Corvalol": "corvalol", "valerian": "valerian",
    "calcium carbonate": "calcium-carbonate", "Calcium D3 Nycomed": "calcium-d3",
    "ciprofloxacin": "ciprofloxacin", "levofloxacin": "levofloxacin",
    "ofloxacin": "ofloxacin", "egg shell powder": "eggshell-powder",
    "Tylenol": "paracetamol", "Panadol": "paracetamol", "Advil": "ibuprofen",
    "Motrin": "ibuprofen", "Aleve": "naproxen", "naproxen": "naproxen",
    "diclofenac": "diclofenac", "Voltaren gel": "diclofenac-topical",
    "diclofenac gel": "diclofenac-topical", "aspirin": "aspirin",
    "low dose aspirin": "aspirin-low-dose", "codeine": "codeine", "co-codamol": "co-codamol",
    "tramadol": "tramadol", "nitrofurantoin": "nitrofurantoin",
    "trimethoprim": "trimethoprim", "cefalexin": "cefalexin", "amoxicillin": "amoxicillin",
    # issue 13: brands and habits of the seed's tradition, and common US names
    "Metindol": "indomethacin", "indomethacin": "indomethacin", "piroxicam": "piroxicam",
    "Xefocam": "lornoxicam", "lornoxicam": "lornoxicam", "Pentalgin": "pentalgin",
    "Nurofen Plus": "nurofen-plus", "Ginipral": "hexoprenaline", "гинипрал": "hexoprenaline",
    "hexoprenaline": "hexoprenaline", "cyclobenzaprine": "cyclobenzaprine",
    "Flexeril": "cyclobenzaprine", "oxycodone": "oxycodone", "OxyContin": "oxycodone",
    "Percocet": "oxycodone-paracetamol", "Magne B6": "magnesium-oral",
    "магне б6": "magnesium-oral", "papaverine": "papaverine", "папаверин": "papaverine",
    "aspirin 162 mg": "aspirin-low-dose", "Cardiomagnyl forte": "aspirin-low-dose",
}

NSAIDS_BY_MOUTH = ["ibuprofen", "Nurofen", "Advil", "Motrin", "Aleve", "naproxen",
                   "diclofenac", "aspirin", "ketoprofen", "meloxicam", "nimesulide",
                   "indomethacin", "Metindol", "piroxicam", "Xefocam", "Pentalgin",
                   "Nurofen Plus", "NSAID"]
NSAID_GELS = ["Nurofen gel", "ibuprofen gel", "Voltaren gel", "Fastum gel"]
QUINOLONES = ["ciprofloxacin", "Cipro", "levofloxacin", "ofloxacin", "norfloxacin",
              "ципрофлоксацин", "moxifloxacin", "fluoroquinolone"]
UNRELATED = ["banana", "water", "hello", "yoga", "massage", "pillow", "anvil", "devil",
             "alive", "motion", "vitamin a", "heat", "tablets", "xyzzy", "magnesium",
             "<script>alert(1)</script>", "DROP TABLE medicines;", "123", "Мама"]


@pytest.fixture(scope="module")
def book() -> MedicineBook:
    # Only this file and the sources: works before the rest of the pack is complete.
    return load_medicines(default_pack_dir())


def at_least(verdict: str, floor: str) -> bool:
    return verdict != "unknown" and SEVERITY[verdict] >= SEVERITY[floor]


# --- coverage and sources ---------------------------------------------------------------


@pytest.mark.parametrize("name,expected", sorted(SEED_AND_COMMON.items()))
def test_seed_and_common_names_have_a_cited_verdict(book, name, expected):
    for weeks in [None, *WEEKS]:
        v = check(name, weeks, book.directory)
        assert v.medicine_id == expected, (name, weeks, v.medicine_id)
        assert v.match_score == 100.0, f"{name} matched only fuzzily ({v.matched_alias})"
        assert v.verdict in SEVERITY
        assert v.reason.strip()
        assert v.sources, f"{name} at {weeks} weeks has no source"
        assert all(s in book.sources for s in v.sources)


def test_every_medicine_stage_dose_and_note_cites_known_sources(book):
    assert len(book.medicines) >= 40
    for mid, med in book.medicines.items():
        for stage in med.stages:
            assert stage.sources, f"{mid} {stage.weeks} has no source"
            assert all(s in book.sources for s in stage.sources), (mid, stage.sources)
        for part in (med.dose, med.note):
            if part is not None:
                assert part.sources and all(s in book.sources for s in part.sources), mid


def test_every_medicine_has_a_verdict_at_every_week(book):
    for mid in book.medicines:
        for w in [x / 2 for x in range(0, 89)]:
            v = check(mid, w, book.directory)
            assert v.medicine_id == mid
            assert v.verdict in SEVERITY and v.sources


# --- the rules the issue names ----------------------------------------------------------


@pytest.mark.parametrize("name", NSAIDS_BY_MOUTH + NSAID_GELS)
def test_nsaids_are_never_safe_and_worst_late(book, name):
    for w in WEEKS:
        v = check(name, w, book.directory)
        assert at_least(v.verdict, "avoid"), (name, w, v.verdict)
    assert at_least(check(name, 24, book.directory).verdict, "avoid")
    assert check(name, 30, book.directory).verdict == "contraindicated"
    assert check(name, 28, book.directory).verdict == "contraindicated"
    assert check(name, None, book.directory).verdict == "contraindicated"


def test_nsaid_reason_at_24_weeks_cites_the_fda_warning(book):
    v = check("ibuprofen", 24, book.directory)
    assert "fda-2020-nsaids" in v.sources
    assert "20 weeks" in v.reason


@pytest.mark.parametrize("name", QUINOLONES)
def test_fluoroquinolones_are_avoid_at_every_stage(book, name):
    for w in [None, *WEEKS]:
        assert check(name, w, book.directory).verdict == "avoid", (name, w)


def test_paracetamol_is_generally_safe_with_a_dose_limit(book):
    for w in [None, *WEEKS]:
        v = check("paracetamol", w, book.directory)
        assert v.verdict == "generally_safe"
        assert v.dose is not None
        assert v.dose.max_per_dose == "1 g" and v.dose.max_per_24h == "4 g"
        assert "4 g" in v.dose.text and "lowest dose" in v.reason
    j = check("Tylenol", 20, book.directory).to_json()
    assert j["dose"]["max_per_24h"] == "4 g" and j["dose_limit"]


def test_nitrofurantoin_is_avoided_near_term_only(book):
    assert check("nitrofurantoin", 20, book.directory).verdict == "generally_safe"
    assert check("Macrobid", 37, book.directory).verdict == "avoid"
    assert check("nitrofurantoin", None, book.directory).verdict == "avoid"


def test_trimethoprim_is_avoided_in_the_first_trimester(book):
    assert check("trimethoprim", 8, book.directory).verdict == "avoid"
    assert check("trimethoprim", 20, book.directory).verdict == "caution"


@pytest.mark.parametrize("name", ["codeine", "co-codamol", "tramadol", "dihydrocodeine",
                                  "oxycodone", "Percocet", "opioid"])
def test_opioids_only_with_caution_and_prescription(book, name):
    for w in WEEKS:
        v = check(name, w, book.directory)
        assert v.verdict == "caution" and v.prescription_only


def test_low_dose_aspirin_is_not_painkiller_aspirin(book):
    low = check("aspirin 75 mg", 20, book.directory)
    assert low.medicine_id == "aspirin-low-dose" and low.verdict == "generally_safe"
    assert "keep taking" in low.reason
    assert check("aspirin 150mg", 30, book.directory).medicine_id == "aspirin-low-dose"
    high = check("aspirin 300 mg", 20, book.directory)
    assert high.medicine_id == "aspirin" and high.verdict == "avoid"
    assert check("Aspirin 500", 30, book.directory).verdict == "contraindicated"
    note = check("aspirin", 30, book.directory).note
    assert note is not None and "75-162 mg" in note.text


@pytest.mark.parametrize("name", ["Corvalol", "Valocordin", "Menovazin", "Finalgon",
                                  "egg shells", "valerian", "Mydocalm", "Deep Heat"])
def test_seed_remedies_that_guidelines_reject_are_not_safe(book, name):
    for w in [None, *WEEKS]:
        assert at_least(check(name, w, book.directory).verdict, "avoid"), (name, w)


# --- matching ---------------------------------------------------------------------------


@pytest.mark.parametrize("query,expected", [
    ("nurofen gel", "ibuprofen-topical"), ("NUROFEN GEL", "ibuprofen-topical"),
    ("nurofen gell", "ibuprofen-topical"), ("paracetamoll", "paracetamol"),
    ("TYLENOL", "paracetamol"), ("tylenl", "paracetamol"), ("no-shpa", "drotaverine"),
    ("noshpa", "drotaverine"), ("No Spa", "drotaverine"), ("но-шпа", "drotaverine"),
    ("ципрофлоксацин", "ciprofloxacin"), ("Ciprofloxacine", "ciprofloxacin"),
    ("ibuprofin", "ibuprofen"), ("Nurofen 200 mg tablets", "ibuprofen"),
    ("voltaren gell", "diclofenac-topical"), ("Voltaren", "diclofenac"),
    ("amoxicilin", "amoxicillin"), ("nitrofurantion", "nitrofurantoin"),
    ("Кальций Д3 Никомед", "calcium-d3"), ("  Duphaston\t", "dydrogesterone"),
    ("<b>ibuprofen</b>", "ibuprofen"), ("Tylenol with codeine", "co-codamol"),
    ("tylenol 3", "co-codamol"), ("нурофен", "ibuprofen"), ("корвалол", "corvalol"),
])
def test_typos_case_brands_and_scripts_match(book, query, expected):
    assert check(query, 24, book.directory).medicine_id == expected


@pytest.mark.parametrize("query", UNRELATED)
def test_unrelated_words_are_unknown_never_safe(book, query):
    for w in (None, 10, 30):
        v = check(query, w, book.directory)
        assert v.verdict == "unknown", (query, v.medicine_id, v.matched_alias)
        assert v.medicine is None and v.sources == ()
        assert "ask a pharmacist" in v.reason


@pytest.mark.parametrize("query", ["", "   ", "\x00\x01\x02", "\ud800", "!!!", "a" * 5000,
                                   "nurofen " * 40, "\n\t"])
def test_hostile_input_is_unknown_with_a_clear_reason(book, query):
    v = check(query, 20, book.directory)
    assert v.verdict == "unknown" and v.reason
    assert len(v.query) <= book.data.match.max_query_chars + 1
    json.dumps(v.to_json(), ensure_ascii=False).encode("utf-8")


def test_several_medicines_answer_for_the_most_cautious(book):
    v = check("can I take paracetamol and ibuprofen", 30, book.directory)
    assert v.medicine_id == "ibuprofen" and v.verdict == "contraindicated"
    assert v.also_named == ("Paracetamol",)
    assert v.match_note and "more than one" in v.match_note


def test_fuzzy_match_says_what_it_read(book):
    v = check("paracetamoll", 20, book.directory)
    assert v.match_score is not None and v.match_score < 100
    assert v.match_note and "paracetamol" in v.match_note


def test_no_weeks_gives_the_most_cautious_verdict_and_says_it_depends(book):
    v = check("trimethoprim", None, book.directory)
    assert v.verdict == "avoid" and "depends on the stage" in v.stage_note
    assert [s.verdict for s in v.by_stage] == ["avoid", "caution"]
    same = check("amoxicillin", None, book.directory)
    assert "same at every stage" in same.stage_note


@pytest.mark.parametrize("weeks", [-1, 44.5, 60, math.nan, math.inf])
def test_weeks_out_of_range_is_a_clear_error(book, weeks):
    with pytest.raises(ValueError, match="weeks must be between 0 and 44"):
        check("paracetamol", weeks, book.directory)


def test_json_has_the_contract_fields(book):
    j = check("Advil", 24, book.directory).to_json()
    for key in ("query", "medicine", "verdict", "reason", "sources", "dose", "matched_alias",
                "stage_note"):
        assert key in j
    assert j["query"] == "Advil" and j["medicine"] == "ibuprofen" and j["verdict"] == "avoid"
    unknown = check("zzz", 24, book.directory).to_json()
    assert unknown["medicine"] is None and unknown["verdict"] == "unknown"


@settings(max_examples=300, deadline=None)
@given(query=st.text(max_size=300),
       weeks=st.one_of(st.none(), st.floats(min_value=0, max_value=44)))
def test_check_never_raises_on_any_text(query, weeks):
    v = check(query, weeks, default_pack_dir())
    assert v.verdict in {*SEVERITY, "unknown"}
    if v.verdict != "unknown":
        assert v.medicine is not None and v.sources
    json.dumps(v.to_json(), ensure_ascii=False).encode("utf-8")


@settings(max_examples=100, deadline=None)
@given(words=st.lists(st.sampled_from(["paracetamol", "and", "ibuprofen", "gel", "75", "mg",
                                       "aspirin", "nurofen", "no", "shpa", "the"]),
                      max_size=8))
def test_a_query_naming_an_nsaid_is_never_safe(words):
    v = check(" ".join(words), 30, default_pack_dir())
    if v.medicine_id in {"ibuprofen", "ibuprofen-topical", "aspirin"}:
        assert v.verdict == "contraindicated"
    if v.verdict == "generally_safe":
        assert v.medicine_id in {"paracetamol", "aspirin-low-dose"}


# --- the pack is checked on load --------------------------------------------------------


def mutate(tmp_path: Path, change) -> Path:
    return edited_pack(tmp_path, "medicines.yaml", change)


def test_unknown_source_is_a_pack_error(tmp_path):
    def change(d):
        d["medicines"]["paracetamol"]["stages"][0]["sources"] = ["no-such-source"]
    with pytest.raises(PackError) as e:
        load_medicines(mutate(tmp_path, change))
    assert e.value.file == "medicines.yaml" and "paracetamol" in e.value.entry
    assert "no-such-source" in e.value.problem


def test_missing_source_is_a_pack_error(tmp_path):
    def change(d):
        d["medicines"]["paracetamol"]["stages"][0]["sources"] = []
    with pytest.raises(PackError, match="cites no source"):
        load_medicines(mutate(tmp_path, change))


def test_gap_in_weeks_is_a_pack_error(tmp_path):
    def change(d):
        d["medicines"]["trimethoprim"]["stages"][1]["weeks"] = [15, 45]
    with pytest.raises(PackError, match="gap") as e:
        load_medicines(mutate(tmp_path, change))
    assert "trimethoprim" in e.value.entry


def test_weeks_must_reach_the_end_of_pregnancy(tmp_path):
    def change(d):
        d["medicines"]["amoxicillin"]["stages"][0]["weeks"] = [0, 40]
    with pytest.raises(PackError, match="must cover up to week 44"):
        load_medicines(mutate(tmp_path, change))


def test_bad_verdict_is_a_pack_error(tmp_path):
    def change(d):
        d["medicines"]["amoxicillin"]["stages"][0]["verdict"] = "fine"
    with pytest.raises(PackError) as e:
        load_medicines(mutate(tmp_path, change))
    assert "amoxicillin" in e.value.entry


def test_alias_naming_two_medicines_is_a_pack_error(tmp_path):
    def change(d):
        d["medicines"]["amoxicillin"]["aliases"].append("Nurofen")
    with pytest.raises(PackError, match="also names"):
        load_medicines(mutate(tmp_path, change))


# --- the command ------------------------------------------------------------------------


def test_cli_json_prints_exactly_one_object():
    r = CliRunner().invoke(meds, ["Nurofen", "gel", "--weeks", "24", "--json"])
    assert r.exit_code == 0, r.output
    j = json.loads(r.output)
    assert j["medicine"] == "ibuprofen (topical)" and j["verdict"] == "avoid"


def test_cli_human_output_is_readable():
    r = CliRunner().invoke(meds, ["paracetamol", "--weeks", "30"])
    assert r.exit_code == 0
    assert "Generally considered safe" in r.output and "4 g" in r.output
    assert "Sources:" in r.output and "{" not in r.output


def test_cli_unknown_is_not_an_error_but_never_safe():
    r = CliRunner().invoke(meds, ["bananas", "--json"])
    assert r.exit_code == 0 and json.loads(r.output)["verdict"] == "unknown"


@pytest.mark.parametrize("args", [["ibuprofen", "--weeks", "50", "--json"],
                                  ["ibuprofen", "--weeks", "nan", "--json"]])
def test_cli_bad_weeks_is_one_json_error(args):
    r = CliRunner().invoke(meds, args)
    assert r.exit_code == 2
    assert "weeks" in json.loads(r.output)["error"]


def test_cli_bad_weeks_plain_is_one_line():
    r = CliRunner().invoke(meds, ["ibuprofen", "--weeks", "-3"])
    assert r.exit_code == 2 and "Traceback" not in r.output


def test_cli_weeks_not_a_number_is_still_one_json_object():
    r = CliRunner().invoke(meds, ["ibuprofen", "--weeks", "twenty", "--json"])
    assert r.exit_code == 2
    assert "not a number" in json.loads(r.output)["error"]


# --- issue 13: classes, combinations, tocolytic habits -----------------------------------


HALF_WEEKS = [x / 2 for x in range(0, 89)]

# INNs the list does not name, each with the class its WHO stem shows.
UNNAMED_BY_STEM = {
    "gatifloxacin": "fluoroquinolone", "enoxacin": "fluoroquinolone",
    "гатифлоксацин": "fluoroquinolone", "tenoxicam": "nsaid", "loxoprofen": "nsaid",
    "parecoxib": "nsaid", "bromfenac": "nsaid", "tolfenamic acid": "nsaid",
    "oxymorphone": "opioid", "sufentanil": "opioid", "remifentanil": "opioid",
}


def severity(v: str) -> int:
    return SEVERITY[v]


@pytest.mark.parametrize("name,group", sorted(UNNAMED_BY_STEM.items()))
def test_an_unnamed_member_gets_its_class_verdict_never_unknown(book, name, group):
    assert all(t not in book.by_compact for t in name.split()), f"{name} is named: pick another"
    klass = book.classes[group]
    for w in [None, *WEEKS]:
        v = check(name, w, book.directory)
        assert v.verdict != "unknown" and v.group == group, (name, w, v.medicine_id)
        assert v.verdict == (klass.stages[0].verdict if w is None and len(
            {s.verdict for s in klass.stages}) == 1 else v.verdict)
        assert v.sources and v.match_note and name.split()[0] in v.match_note
        assert v.match_score is None  # not a match of a name we hold
    at30 = check(name, 30, book.directory)
    assert at30.verdict == next(s.verdict for s in klass.stages if s.weeks[0] <= 30 < s.weeks[1])


@pytest.mark.parametrize("name", ["flucloxacillin", "oxacillin", "profen", "oxacin",
                                  "codone", "dextromethorphan", "apomorphine"])
def test_class_stems_are_not_read_into_other_words(book, name):
    v = check(name, 20, book.directory)
    assert v.group is None, (name, v.medicine_id)


@pytest.mark.parametrize("term,group", [("NSAID", "nsaid"), ("anti-inflammatory", "nsaid"),
                                        ("нпвс", "nsaid"), ("opioid", "opioid"),
                                        ("opiates", "opioid"), ("quinolone", "fluoroquinolone")])
def test_a_class_named_as_such_gets_the_class_verdict(book, term, group):
    v = check(term, 30, book.directory)
    assert v.medicine_id == group and v.group == group and v.verdict != "unknown"


def test_class_members_are_never_milder_than_their_class(book):
    members = {mid: m for mid, m in book.medicines.items() if m.group is not None}
    assert {"indomethacin", "piroxicam", "lornoxicam", "oxycodone", "ciprofloxacin",
            "ibuprofen-topical", "aspirin", "nurofen-plus", "pentalgin"} <= set(members)
    for mid, med in members.items():
        klass = book.classes[med.group]
        for w in HALF_WEEKS:
            mine = check(mid, w, book.directory).verdict
            theirs = check(med.group, w, book.directory).verdict
            assert severity(mine) >= severity(theirs), (mid, w, mine, theirs, klass.name)


def test_every_combination_names_each_ingredient_and_gives_the_worst_verdict(book):
    combos = {mid: m for mid, m in book.medicines.items() if m.ingredients}
    assert {"pentalgin", "nurofen-plus", "co-codamol", "ibuprofen-paracetamol",
            "oxycodone-paracetamol"} <= set(combos)
    for mid, med in combos.items():
        for w in HALF_WEEKS:
            v = check(mid, w, book.directory)
            parts = [check(i, w, book.directory) for i in med.ingredients]
            assert [i.id for i in v.ingredients] == med.ingredients
            assert [i.verdict for i in v.ingredients] == [p.verdict for p in parts]
            worst = max(severity(p.verdict) for p in parts)
            assert severity(v.verdict) >= worst, (mid, w)
            assert v.ingredients_text is not None
            for p in parts:
                assert p.medicine is not None and p.medicine in v.ingredients_text


@pytest.mark.parametrize("weeks,verdict", [(10, "avoid"), (24, "avoid"),
                                           (30, "contraindicated")])
def test_pentalgin_and_nurofen_plus_follow_their_nsaid(book, weeks, verdict):
    for name, nsaid in [("Pentalgin", "naproxen"), ("Nurofen Plus", "ibuprofen"),
                        ("пенталгин", "naproxen"), ("Pentalgin-N", "naproxen")]:
        v = check(name, weeks, book.directory)
        assert v.verdict == verdict, (name, weeks)
        assert nsaid in v.reason and "Contains" in v.reason
    pentalgin = check("Pentalgin", 10, book.directory)
    assert [i.name for i in pentalgin.ingredients] == [
        "paracetamol", "naproxen", "caffeine", "drotaverine", "pheniramine"]
    plus = check("Nurofen Plus", 24, book.directory)
    assert [(i.name, i.verdict) for i in plus.ingredients] == [("ibuprofen", "avoid"),
                                                                ("codeine", "caution")]


def test_ginipral_tablets_are_not_used_in_pregnancy(book):
    for w in [None, *WEEKS]:
        v = check("Ginipral", w, book.directory)
        assert v.verdict == "contraindicated" and v.sources == ("ema-2013-saba",)
    reason = check("гинипрал", 30, book.directory).reason
    assert "2013" in reason and "tone" in reason and "48 hours" in reason


def test_nifedipine_says_tocolysis_is_a_specialist_decision_not_for_tone(book):
    v = check("Corinfar", 28, book.directory)
    assert v.medicine_id == "nifedipine" and v.note is not None
    assert "24 and 33+6 weeks" in v.note.text and "tone" in v.note.text
    assert "nice-ng25" in v.sources


@pytest.mark.parametrize("name", ["Magne B6", "papaverine", "свечи с папаверином"])
def test_remedies_for_tone_are_never_generally_safe_and_say_tone_is_no_diagnosis(book, name):
    for w in [None, *WEEKS]:
        v = check(name, w, book.directory)
        assert at_least(v.verdict, "caution"), (name, w)
        assert '"tone" is not a diagnosis' in v.reason.lower()


def test_oral_magnesium_limits_vitamin_b6(book):
    v = check("Magne B6 forte", 20, book.directory)
    assert v.medicine_id == "magnesium-oral"
    assert v.dose is not None and "10 mg of vitamin B6" in v.dose.text
    assert check("magnesium", 20, book.directory).verdict == "unknown"  # sulfate or tablets?


@pytest.mark.parametrize("query", ["aspirin 150 mg", "aspirin 160mg", "aspirin 162 mg",
                                   "aspirin 81", "аспирин 150"])
def test_pre_eclampsia_aspirin_doses_are_not_the_painkiller_verdict(book, query):
    v = check(query, 20, book.directory)
    assert v.medicine_id == "aspirin-low-dose" and v.verdict == "generally_safe"
    assert "pre-eclampsia" in v.reason and "isshp-2022" in v.sources


@pytest.mark.parametrize("query", ["aspirin 300 mg", "aspirin 325mg", "aspirin 500", "aspirin"])
def test_painkiller_aspirin_doses_keep_the_nsaid_verdict(book, query):
    v = check(query, 30, book.directory)
    assert v.medicine_id == "aspirin" and v.verdict == "contraindicated"


def test_indomethacin_note_keeps_tocolysis_in_hospital(book):
    v = check("Metindol", 26, book.directory)
    assert v.verdict == "avoid" and v.note is not None and "48 hours" in v.note.text


def test_json_names_class_and_ingredients():
    j = check("Nurofen Plus", 30, default_pack_dir()).to_json()
    assert j["class"] == "nsaid" and j["verdict"] == "contraindicated"
    assert [i["id"] for i in j["ingredients"]] == ["ibuprofen", "codeine"]
    assert check("paracetamol", 30, default_pack_dir()).to_json()["ingredients"] == []


def test_cli_shows_every_ingredient():
    r = CliRunner().invoke(meds, ["Pentalgin", "--weeks", "30"])
    assert r.exit_code == 0
    assert "Contains paracetamol, naproxen, caffeine, drotaverine and pheniramine." in r.output


def test_combination_milder_than_an_ingredient_is_a_pack_error(tmp_path):
    def change(d):
        d["medicines"]["co-codamol"]["stages"] = [{
            "weeks": [0, 45], "verdict": "generally_safe", "reason": "x", "sources": ["bnf"]}]
        d["medicines"]["co-codamol"].pop("class")
    with pytest.raises(PackError, match="milder than its ingredient 'codeine'"):
        load_medicines(mutate(tmp_path, change))


def test_class_member_milder_than_its_class_is_a_pack_error(tmp_path):
    def change(d):
        d["medicines"]["piroxicam"]["stages"] = [{
            "weeks": [0, 45], "verdict": "caution", "reason": "x", "sources": ["bnf"]}]
    with pytest.raises(PackError, match="milder than its class 'nsaid'") as e:
        load_medicines(mutate(tmp_path, change))
    assert "piroxicam" in e.value.entry


@pytest.mark.parametrize("edit,message", [
    (lambda d: d["medicines"]["piroxicam"].update({"class": "nsaids"}), "unknown class"),
    (lambda d: d["medicines"]["pentalgin"].update({"ingredients": ["naproxen", "nope"]}),
     "'nope' is not a medicine"),
    (lambda d: d["medicines"]["pentalgin"].update({"ingredients": ["naproxen"]}),
     "two or more different ingredients"),
    (lambda d: d["medicines"]["pentalgin"].update({"ingredients": ["naproxen", "co-codamol"]}),
     "itself a combination"),
    (lambda d: d["classes"]["opioid"].update({"suffixes": ["profen"]}), "also a suffix"),
    (lambda d: d["classes"]["opioid"].update({"suffix_sources": ["nope"]}), "unknown source"),
    (lambda d: d["words"].update({"combination": "Contains {ingredient}."}), "bad placeholder"),
])
def test_broken_classes_and_combinations_are_pack_errors(tmp_path, edit, message):
    with pytest.raises(PackError, match=message):
        load_medicines(mutate(tmp_path, edit))


def test_what_she_reads_about_a_medicine_explains_its_jargon(book):
    """Issue 17: no bare "NSAID" or "contraindicated": each comes with plain words."""
    for mid in book.medicines:
        for w in (8, 24, 34):
            v = check(mid, w, book.directory)
            for text in (v.verdict_text, v.reason, v.kind):
                for sentence in re.split(r"(?<=[.:;])\s+", text or ""):
                    assert "contraindicated" not in sentence.lower(), (mid, w, sentence)
                    if "NSAID" in sentence:
                        assert "anti-inflammatory" in sentence, (mid, w, sentence)
