"""No English left on Russian pages: her result, the clinician's summaries, an API error.

Every sentence a person reads lives in the pack per language or in the
interface's catalogs; what may stay in Latin letters is named here: ids and
codes (anything with a digit or an underscore: ICD-10 O23.0, R4B, a pack
version, gestational_weeks), the code systems and formats (SNOMED CT, LOINC,
FHIR, PDF, UTC), the product's name, the language switch's "English", a
bacterium's Latin name, and the titles of the cited sources (documents keep
their own titles).
"""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from gravida.knowledge.load import default_pack

from .test_pages import visible

RU = {"Accept-Language": "ru-RU,ru;q=0.9"}
PYELO = {"gestational_weeks": 26, "temperature_c": 38.7, "heart_rate": 104,
         "systolic_bp": 118, "diastolic_bp": 72,
         "present": ["pain_flank", "pain_one_side", "fever", "chills_rigors",
                     "painful_urination"],
         "absent": ["vaginal_bleeding", "leg_weakness"]}
ALLOWED = {"Gravida", "English", "SNOMED", "CT", "LOINC", "FHIR", "PDF", "UTC", "ICD",
           "E", "coli"}
TOKEN = re.compile(r"[\w'’-]+")


def english_words(text: str) -> list[str]:
    """Words in Latin letters that are none of the allowed kinds."""
    pack = default_pack()
    titles = " ".join(s.title for s in pack.sources.values())
    cited = set(TOKEN.findall(titles))
    ids = {*pack.findings, "present", "absent"}
    text = text.replace("°C", " ")
    return [
        w for w in TOKEN.findall(text)
        if re.search(r"[A-Za-z]", w) and not re.search(r"[\d_]", w)
        and w.strip("'’-") not in ALLOWED | cited | ids
    ]


def _reply(q: dict[str, Any]) -> Any:
    if q["kind"] == "yes_no":
        return False
    if q["kind"] == "choose":
        return [q["options"][0]["finding"]]
    return None


def finished_ru(client: TestClient) -> str:
    """A finished Russian interview (a kidney infection: a full work-up, urgent tests)."""
    v = client.post("/v1/interviews", json={**PYELO, "lang": "ru"}, headers=RU).json()
    for _ in range(80):
        if v.get("question") is None:
            return str(v["id"])
        q = v["question"]
        v = client.post(f"/v1/interviews/{v['id']}/answers", headers=RU,
                        json={"question": q["id"], "answer": _reply(q),
                              "version": v["version"]}).json()
    raise AssertionError("did not finish")


def test_russian_pages_have_no_english_words(client: TestClient) -> None:
    iid = finished_ru(client)
    for page in ("result", "summary", "clinician-summary"):
        r = client.get(f"/i/{iid}/{page}", headers=RU)
        assert r.status_code == 200, page
        text = visible(r.text)
        assert "Острый пиелонефрит" in text or "пиелонефрит" in text.lower(), page
        assert english_words(text) == [], page


def test_a_russian_api_error_has_no_english_words(client: TestClient) -> None:
    bad = {"gestational_weeks": 90, "present": ["fevr", "fever", "fever"],
           "temperature_c": "hot", "lang": "ru"}
    r = client.post("/v1/assess", json=bad, headers=RU)
    assert r.status_code == 422
    body = r.json()
    said = [body["title"], body["detail"]] + [e["message"] for e in body["errors"]]
    # the values she sent ('fevr', 'hot') are hers, quoted: not words of ours
    said = [re.sub(r"'[^']*'", "", s) for s in said]
    assert english_words(" ".join(said)) == [], said
    # and the problem still names the fields and the nearest ids
    assert {e["field"] for e in body["errors"]} >= {"gestational_weeks", "present[0]"}
    assert any("fever" in e.get("suggestions", []) for e in body["errors"])


def test_english_pages_keep_their_words(client: TestClient) -> None:
    """The same words in English: the translation did not replace the English."""
    v = client.post("/v1/interviews", json=PYELO).json()
    r = client.post("/v1/assess", json={"gestational_weeks": 90})
    assert "is outside 0-44 weeks" in r.json()["errors"][0]["message"]
    while v.get("question") is not None:
        q = v["question"]
        v = client.post(f"/v1/interviews/{v['id']}/answers",
                        json={"question": q["id"], "answer": _reply(q),
                              "version": v["version"]}).json()
    text = visible(client.get(f"/i/{v['id']}/summary").text)
    assert "Separates" in text or "Time-critical" in text
    assert "bits" in text
    summary = visible(client.get(f"/i/{v['id']}/clinician-summary").text)
    assert "Would show:" in summary and "Emergency care now" in summary
