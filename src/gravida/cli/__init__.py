"""The `gravida` command line, one package: each command is a thin layer over the core.

`main` is the click group (the console script ``gravida = "gravida.cli:main"``);
every command module registers here, so the whole CLI is visible in one place.
"""

from __future__ import annotations

from gravida.cli.interview import interview
from gravida.cli.main import main
from gravida.cli.meds import meds
from gravida.cli.parse import parse
from gravida.cli.serve import serve
from gravida.cli.store import purge

for _command in (meds, parse, interview, serve, purge):
    main.add_command(_command)

__all__ = ["main"]
