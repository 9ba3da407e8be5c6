"""Database maintenance as plain functions: the CLI and ``python -m gravida.store`` share them."""

from __future__ import annotations

from gravida.settings import Settings


def migrate(settings: Settings) -> None:
    """Upgrade the database schema to the newest version."""
    from gravida.store.migrate import upgrade

    upgrade(settings)


def purge(settings: Settings, days: int | None = None) -> int:
    """Delete interviews untouched for `days` (default: the retention setting); how many."""
    from gravida.store.db import make_engine
    from gravida.store.migrate import upgrade
    from gravida.store.repo import InterviewStore

    engine = make_engine(settings)
    try:
        upgrade(settings, engine)
        return InterviewStore(engine).purge(settings.retention_days if days is None else days)
    finally:
        engine.dispose()
