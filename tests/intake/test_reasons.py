"""Why a mention was not taken as hers now, in the language people read it in:
`gravida parse` and the reasons the API and "What we understood" show."""

from __future__ import annotations

from click.testing import CliRunner

from gravida.cli import main
from gravida.intake.reasons import REASONS, reason


def test_every_flag_has_a_russian_reason():
    for flag in REASONS:
        assert reason([flag], "ru") != reason([flag], "en")
        assert not any("a" <= ch <= "z" for ch in reason([flag], "ru").lower())


def test_reasons_are_named_once_each_and_an_unknown_flag_still_says_something():
    assert reason(["family", "family:у мамы", "family"], "ru") == "сказано о другом человеке"
    assert reason(["uncertain", "historical"], "en") == "said with doubt; in the past, not now"
    assert reason(["uncertainty:вроде"], "ru") == "изменено словами рядом"


def test_gravida_parse_in_russian_says_why_in_russian():
    text = "срок 30 недель, болит поясница, у сестры грыжа, вроде знобит"
    r = CliRunner().invoke(main, ["--lang", "ru", "parse", text])
    assert r.exit_code == 0, r.output
    assert "Не принято как её признаки сейчас:" in r.output
    assert "“грыжа” (сказано о другом человеке)" in r.output
    assert "“знобит” (сказано с сомнением)" in r.output
    assert "(family)" not in r.output and "(uncertain)" not in r.output


def test_gravida_parse_in_english_says_why_in_english():
    r = CliRunner().invoke(main, ["parse", "30 weeks, back pain, my mum has a slipped disc"])
    assert r.exit_code == 0, r.output
    assert "(said of someone else)" in r.output
