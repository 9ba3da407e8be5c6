"""Click commands for the store: bring the schema up to date, purge expired interviews."""

from __future__ import annotations

import click

# settings (pydantic-settings) and the store are imported when a command runs:
# every other command, `gravida eval` included, starts without them


@click.group(name="store")
def store() -> None:
    """Database maintenance (settings from GRAVIDA_* environment variables)."""


@store.command()
def migrate() -> None:
    """Upgrade the database schema to the newest version."""
    from gravida.settings import Settings
    from gravida.store import maintenance

    maintenance.migrate(Settings())
    click.echo("database schema is up to date")


@click.command()
@click.option(
    "--days",
    type=click.IntRange(min=0),
    default=None,
    help="Delete interviews untouched for this many days (default: GRAVIDA_RETENTION_DAYS).",
)
def purge(days: int | None) -> None:
    """Delete interviews older than the retention period."""
    from gravida.settings import Settings
    from gravida.store import maintenance

    n = maintenance.purge(Settings(), days)
    click.echo(f"purged {n} interview(s)")


store.add_command(purge)
