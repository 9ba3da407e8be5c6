"""The Russian CLI: a case error, a file that is not YAML and a missing file are said
in Russian, with their values kept (the field, the line and column, the path)."""

from __future__ import annotations

from click.testing import CliRunner

from gravida.cli import main


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    r = CliRunner().invoke(main, ["--lang", "ru", *args], input=input)
    return r.exit_code, r.output


def test_a_bad_case_is_explained_in_russian():
    code, out = run("assess", "-", input='{"gestational_weeks": "x", "present": "fever"}')
    assert code == 2
    assert "gestational_weeks: должно быть числом" in out
    assert "present: должен быть списком идентификаторов признаков" in out
    assert "must be" not in out


def test_text_that_is_not_yaml_says_where_in_russian():
    code, out = run("assess", "-", input="[1")
    assert code == 2
    assert "неверный YAML или JSON (строка " in out and ", позиция " in out


def test_a_missing_file_is_said_in_russian(tmp_path):
    code, out = run("assess", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert "не удаётся прочитать" in out and "такого файла нет" in out
