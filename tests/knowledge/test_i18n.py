"""Every text a person reads exists in every language, and a missing one is named.

The pack's clinical texts live in per-language overlays (pack/i18n/<lang>/);
the interface's words in gettext catalogs (src/gravida/locale). Both are
checked whole here, so a new English text without its translation fails
`make test` with the file and entry to fill in.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from gravida.advice.medicine_book import load_medicines
from gravida.advice.plan import load_advice
from gravida.advice.workup import load_workup
from gravida.engine import Engine
from gravida.interview.catalogue import load_catalogue
from gravida.knowledge import i18n, overlays
from gravida.knowledge.load import PackError, default_pack, default_pack_dir, load_pack

PACK = default_pack_dir()
SRC = Path(__file__).resolve().parents[2] / "src"
LOCALE = SRC / "gravida" / "locale"
OTHER = [lang for lang in i18n.languages() if lang != i18n.DEFAULT_LANGUAGE]


def test_russian_is_a_language():
    assert "ru" in OTHER
    assert i18n.languages()["ru"] == "Русский"


@pytest.mark.parametrize("lang", OTHER)
def test_every_pack_text_exists(lang):
    """Loading the pack in a language checks every overlay whole; each book loads too."""
    pack = load_pack(lang=lang)
    assert pack.lang == lang
    for name in overlays.text_files():
        fields = yaml.safe_load((PACK / "i18n" / "fields.yaml").read_text())[name]
        english = yaml.safe_load((PACK / name).read_text())
        local = pack.read(name)
        said = dict(overlays.texts(english, [tuple(p.split(".")) for p in fields]))
        for at, text in overlays.texts(local, [tuple(p.split(".")) for p in fields]):
            assert text.strip() or not said[at].strip(), f"{name}: {overlays.where(at)} is empty"
        # the texts changed; the structure (ids, numbers, sources) did not
        assert _shape(local) == _shape(english), name
    load_catalogue(pack)
    load_advice(pack)
    load_workup(pack)
    load_medicines(pack)


@pytest.mark.parametrize("lang", OTHER)
def test_texts_are_translated_not_copied(lang):
    """A text identical to the English is a forgotten translation (names, units aside)."""
    same = []
    for name in overlays.text_files():
        fields = [tuple(p.split(".")) for p in
                  yaml.safe_load((PACK / "i18n" / "fields.yaml").read_text())[name]]
        english = dict(overlays.texts(yaml.safe_load((PACK / name).read_text()), fields))
        local = dict(overlays.texts(load_pack(lang=lang).read(name), fields))
        same += [f"{name}: {overlays.where(at)}" for at, text in english.items()
                 if local[at] == text and any(c.isalpha() for c in text) and len(text) > 12]
    assert not same, same[:10]


def _shape(node):
    if isinstance(node, dict):
        return {k: _shape(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_shape(v) for v in node]
    return "text" if isinstance(node, str) else node


@pytest.fixture
def pack_copy(tmp_path):
    target = tmp_path / "pack"
    shutil.copytree(PACK, target)
    return target


def test_a_missing_text_is_named(pack_copy):
    path = pack_copy / "i18n" / "ru" / "advice.yaml"
    data = yaml.safe_load(path.read_text())
    del data["safety_net"]["signs"]["fever"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    load_pack(pack_copy)  # English does not need the overlay
    with pytest.raises(PackError) as err:
        load_pack(pack_copy, lang="ru")
    assert err.value.file == "i18n/ru/advice.yaml"
    assert err.value.entry == "safety_net.signs.fever.text"
    assert "38" in err.value.problem  # quotes the English to translate


def test_a_new_english_text_without_translation_is_named(pack_copy):
    path = pack_copy / "conditions.yaml"
    data = yaml.safe_load(path.read_text())
    data["conditions"]["labour"]["lay_name"] = "Labour (the birth is starting)"
    path.write_text(yaml.safe_dump(data))
    overlay = pack_copy / "i18n" / "ru" / "conditions.yaml"
    odata = yaml.safe_load(overlay.read_text())
    del odata["conditions"]["muscle_strain"]["name"]
    overlay.write_text(yaml.safe_dump(odata, allow_unicode=True))
    with pytest.raises(PackError, match=r"conditions\.muscle_strain\.name"):
        load_pack(pack_copy, lang="ru")


def test_a_stale_translation_is_listed_not_fatal(pack_copy):
    """A translation may land before its English; stale_texts names it meanwhile."""
    overlay = pack_copy / "i18n" / "ru" / "triage.yaml"
    odata = yaml.safe_load(overlay.read_text())
    odata["floors"]["no_such_rule"] = {"says": "Текст без английского."}
    overlay.write_text(yaml.safe_dump(odata, allow_unicode=True))
    before = set(overlays.stale_texts("ru", PACK))  # texts written ahead of their English
    load_pack(pack_copy, lang="ru")
    after = set(overlays.stale_texts("ru", pack_copy))
    assert after - before == {"i18n/ru/triage.yaml: floors.no_such_rule.says"}


def test_a_packs_languages_live_with_the_pack(pack_copy):
    """The languages and overlays are read once per pack directory and kept by the
    loaded pack (its languages share them); another directory reads its own."""
    assert default_pack("ru").texts is default_pack().texts
    assert default_pack().languages == i18n.languages()
    path = pack_copy / "i18n" / "languages.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  de: Deutsch\n", encoding="utf-8")
    assert "de" in load_pack(pack_copy).languages
    assert "de" not in default_pack().languages


def test_placeholders_must_match(pack_copy):
    overlay = pack_copy / "i18n" / "ru" / "medicines.yaml"
    text = overlay.read_text().replace('at_weeks: "На сроке {weeks} недель."',
                                       'at_weeks: "На сроке {week} недель."')
    overlay.write_text(text)
    with pytest.raises(PackError, match=r"words\.at_weeks.*placeholders"):
        load_pack(pack_copy, lang="ru")


def test_an_unknown_language_is_refused():
    with pytest.raises(i18n.LanguageError, match="en, ru"):
        load_pack(lang="xx")


def test_the_model_is_the_same_in_every_language():
    """Only words change: probabilities, triage and ids are the English ones."""
    case = {"gestational_weeks": 30, "present": ["fever", "pain_flank", "chills_rigors"],
            "absent": ["vaginal_bleeding"]}
    en = Engine(load_pack()).assess(case)
    ru = Engine(load_pack(lang="ru")).assess(case)
    assert [(c.id, round(c.probability, 12)) for c in en.conditions] == \
        [(c.id, round(c.probability, 12)) for c in ru.conditions]
    assert en.triage.level == ru.triage.level
    top = ru.conditions[0]
    assert top.id == "pyelonephritis"
    assert "пиелонефрит" in top.name.lower()
    assert en.conditions[0].name != top.name


@pytest.mark.parametrize(("header", "expected"), [
    ("ru-RU,ru;q=0.9,en;q=0.8", "ru"),
    ("en-GB,en;q=0.9", "en"),
    ("de-DE,de;q=0.9,ru;q=0.5", "ru"),
    ("fr, en;q=0.1, ru;q=0.2", "ru"),
    ("ru;q=0", None),
    ("de", None),
    ("", None),
    (None, None),
    (";;,,q=abc", None),
])
def test_accept_language(header, expected):
    assert i18n.negotiate(header, i18n.languages()) == expected


# --- interface words (gettext) --------------------------------------------------------


def _extracted() -> set[str]:
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    options = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    found: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(SRC), method_map, options_map=options,
        keywords={"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "say": (2,)},
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("lang", OTHER)
def test_every_interface_message_is_translated(lang):
    with (LOCALE / lang / "LC_MESSAGES" / "gravida.po").open("rb") as f:
        catalog = read_po(f, locale=lang)
    translated = {m.id if isinstance(m.id, str) else m.id[0]
                  for m in catalog if m.id and m.string and "fuzzy" not in m.flags}
    missing = sorted(_extracted() - translated)
    assert not missing, f"translate in {lang}.po (then `make messages`): {missing[:10]}"


@pytest.mark.parametrize("lang", OTHER)
def test_compiled_catalog_matches_its_source(lang):
    """The committed .mo is the compiled .po (run `make messages` after editing)."""
    folder = LOCALE / lang / "LC_MESSAGES"
    with (folder / "gravida.po").open("rb") as f:
        catalog = read_po(f, locale=lang)
    import gettext

    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    fresh = gettext.GNUTranslations(compiled)
    with (folder / "gravida.mo").open("rb") as f:
        shipped = gettext.GNUTranslations(f)
    for m in catalog:
        if m.id and isinstance(m.id, str):
            assert shipped.gettext(m.id) == fresh.gettext(m.id), m.id


def test_gettext_follows_the_current_language():
    with i18n.language("ru"):
        assert i18n._("Likely causes") == "Вероятные причины"
        with i18n.language("en"):
            assert i18n._("Likely causes") == "Likely causes"
    assert i18n._("Likely causes") == "Likely causes"


def test_a_stray_field_is_named(pack_copy):
    """An unquoted comma in a YAML flow mapping makes a second key: caught, not truncated."""
    overlay = pack_copy / "i18n" / "ru" / "findings.yaml"
    text = overlay.read_text().replace(
        'pain_flank: {label: "боль в боку сзади (под рёбрами, в области почки)"}',
        "pain_flank: {label: боль в боку сзади (под рёбрами, в области почки)}")
    overlay.write_text(text)
    with pytest.raises(PackError, match=r"findings\.pain_flank\..*not a text field"):
        load_pack(pack_copy, lang="ru")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_percent_writes_what_babel_writes(lang):
    """i18n.percent keeps the text of each rounded value; it must round as Babel does
    (half to even on the decimal value, the sign kept on -0) and write the same text."""
    from babel import Locale
    from babel.numbers import format_percent

    def babel(p: float, decimals: int) -> str:
        pattern = Locale.parse(lang).percent_formats[None].pattern
        if decimals:
            pattern = pattern.replace("0", "0." + "0" * decimals, 1)
        return str(format_percent(p, pattern, locale=lang))

    values = [0.0, -0.0, -0.004, 0.005, 0.015, 0.025, 0.0005, 0.0015, 0.9995, 1.0, 0.1 + 0.2,
              1 / 3, 2 / 3, 1e-9, 12.345, float("inf"), *(i / 2000 for i in range(2001))]
    for decimals in (0, 1):
        for p in values:
            assert i18n.percent(p, decimals, lang) == babel(p, decimals), (p, decimals)
