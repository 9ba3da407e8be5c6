"""Alembic environment: migrations run on a connection handed in by gravida.store.migrate.

Run from the command line (``alembic -c ...``) it connects to the URL in the
config or, failing that, to the one the GRAVIDA_* settings name.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from gravida.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from gravida.settings import Settings
    from gravida.store.db import normalise_url

    return normalise_url(Settings().resolved_database_url)


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    conn = config.attributes.get("connection")
    if conn is not None:
        _run(conn)
    else:
        engine = sa.create_engine(_url(), poolclass=sa.pool.NullPool)
        with engine.begin() as c:
            _run(c)
        engine.dispose()
