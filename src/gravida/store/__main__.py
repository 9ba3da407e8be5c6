"""``python -m gravida.store migrate|purge``: maintenance without the server.

The same operations as ``gravida purge`` (when the CLI registers it); useful
from cron or a container's one-off job.
"""

from __future__ import annotations

import sys

from gravida.store.cli import store


def main() -> None:
    store(prog_name="python -m gravida.store")


if __name__ == "__main__":
    main()
    sys.exit(0)
