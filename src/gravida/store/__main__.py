"""``python -m gravida.store migrate|purge [--days N]``: maintenance without the server.

The same operations as ``gravida purge`` (both call gravida.store.maintenance);
useful from cron or a container's one-off job. The store sits below the
interfaces, so this entry point parses its two commands itself rather than
importing the CLI package.
"""

from __future__ import annotations

import argparse

from gravida.settings import Settings
from gravida.store import maintenance


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(
        prog="python -m gravida.store",
        description="Database maintenance (settings from GRAVIDA_* environment variables).",
    )
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="Upgrade the database schema to the newest version.")
    purge = sub.add_parser("purge", help="Delete interviews older than the retention period.")
    purge.add_argument(
        "--days", type=int, default=None,
        help="Delete interviews untouched for this many days (default: GRAVIDA_RETENTION_DAYS).",
    )
    args = p.parse_args(argv)
    settings = Settings()
    if args.command == "migrate":
        maintenance.migrate(settings)
        print("database schema is up to date")
    else:
        if args.days is not None and args.days < 0:
            p.error("--days must be 0 or more")
        print(f"purged {maintenance.purge(settings, args.days)} interview(s)")


if __name__ == "__main__":
    main()
