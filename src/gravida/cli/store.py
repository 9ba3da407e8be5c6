"""Click commands for the store: bring the schema up to date, purge expired interviews."""

from __future__ import annotations

import click

from gravida.settings import Settings
from gravida.store import maintenance


@click.group(name="store")
def store() -> None:
    """Database maintenance (settings from GRAVIDA_* environment variables)."""


@store.command()
def migrate() -> None:
    """Upgrade the database schema to the newest version."""
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
    n = maintenance.purge(Settings(), days)
    click.echo(f"purged {n} interview(s)")


store.add_command(purge)
