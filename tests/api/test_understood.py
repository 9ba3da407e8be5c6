"""POST /v1/interviews with text: "What we understood", and findings she unticks."""

from __future__ import annotations

from .conftest import fields_of

TEXT = "I'm 30 weeks, my lower back aches, I have a fever and it burns when I wee."


def test_creation_with_text_shows_what_was_understood_with_her_words(client):
    r = client.post("/v1/interviews", json={"text": TEXT})
    assert r.status_code == 201, r.text
    items = {i["finding"]: i for i in r.json()["understood"]["items"]}
    assert items["gestational_weeks"]["state"] == "value"
    assert items["gestational_weeks"]["value"] == 30
    assert items["fever"]["state"] == "present"
    assert items["fever"]["words"] == ["fever"]
    start, end = items["painful_urination"]["spans"][0]
    assert TEXT[start:end] == items["painful_urination"]["words"][0]
    assert items["fever"]["label"] and items["fever"]["label"] != "fever_"


def test_an_unticked_finding_is_not_assumed(client):
    r = client.post("/v1/interviews", json={"text": TEXT, "unset": ["fever"]})
    assert r.status_code == 201, r.text
    view = r.json()
    assert "fever" not in view["case"]["present"] + view["case"]["absent"]
    assert "painful_urination" in view["case"]["present"]
    # still listed, so the page can show it unticked
    assert "fever" in {i["finding"] for i in view["understood"]["items"]}


def test_unset_must_name_a_finding_read_from_the_text(client):
    r = client.post("/v1/interviews", json={"text": TEXT, "unset": ["fevr"]})
    assert r.status_code == 422
    assert "fever" in fields_of(r)["unset[0]"].get("suggestions", [])
    r = client.post("/v1/interviews", json={"gestational_weeks": 30, "unset": ["fever"]})
    assert r.status_code == 422 and "unset" in fields_of(r)
