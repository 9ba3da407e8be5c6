"""Every CLI command and option, and every setting, is documented (datasette's rule)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from gravida.cli import main
from gravida.settings import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs"
CLI_DOC = (DOCS / "cli.md").read_text()
DEPLOY_DOC = (DOCS / "deploy.md").read_text()


@pytest.mark.parametrize("name", sorted(main.commands))
def test_command_and_options_documented(name):
    assert f"## `gravida {name}" in CLI_DOC, f"docs/cli.md lacks a section for {name}"
    section = CLI_DOC.split(f"## `gravida {name}", 1)[1].split("\n## ", 1)[0]
    for param in main.commands[name].params:
        if isinstance(param, click.Option):
            for opt in param.opts:
                assert f"`{opt}" in section, f"{name}: option {opt} not documented"


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_setting_documented(field):
    assert f"GRAVIDA_{field.upper()}" in DEPLOY_DOC, f"docs/deploy.md lacks GRAVIDA_{field.upper()}"
