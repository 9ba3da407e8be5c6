"""The store's two hot statements run on the DBAPI connection itself (issue 18's speed).

Every interview answer reads its row and writes it back. Through SQLAlchemy's
Connection each statement pays its per-execution machinery (the compiled
cache's lookup, the execution context, parameter and result processing
through the Result object) -- about two thirds of a write's CPU on SQLite.
``Statement`` compiles a SQLAlchemy statement once for the engine's dialect
and keeps what SQLAlchemy would do per call: the SQL text, the order of its
parameters and each column type's bind and result processors (so JSON is
written by the engine's serializer and read by its deserializer, datetimes
and booleans converted as SQLAlchemy converts them, on SQLite and on
PostgreSQL alike). The connection still comes from the engine's pool, with
its connect-time settings (SQLite's pragmas) and PostgreSQL's pre-ping, and
each call is one transaction committed before it returns: the same kill -9
guarantees as before (tests/api/test_crash.py). A driver's error is raised
as SQLAlchemy raises it (``sqlalchemy.exc.OperationalError`` and the rest),
so the API's 503 for an unreachable database holds, and a connection the
driver reports as lost is dropped from the pool.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine.interfaces import DBAPIConnection, DBAPICursor

from gravida.store.gate import write_gate

Processor = Callable[[Any], Any]


def _bind_processors(compiled: sa.sql.compiler.SQLCompiler,
                     dialect: sa.Dialect) -> dict[str, Processor]:
    out: dict[str, Processor] = {}
    for name, bind in compiled.binds.items():
        proc = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if proc is not None:
            out[name] = proc
    return out


class Statement:
    """One SQLAlchemy statement, compiled once, executed on a raw DBAPI cursor."""

    def __init__(self, statement: sa.Select[Any] | sa.Update, engine: sa.Engine) -> None:
        dialect = engine.dialect
        compiled = statement.compile(dialect=dialect)
        assert isinstance(compiled, sa.sql.compiler.SQLCompiler)
        self.sql = compiled.string
        self.positional: tuple[str, ...] | None = (
            tuple(compiled.positiontup or ()) if compiled.positional else None)
        self.binds = _bind_processors(compiled, dialect)
        # a SELECT's columns, or what an UPDATE ... RETURNING returns
        self.results: tuple[Processor | None, ...] = tuple(
            c.type.dialect_impl(dialect).result_processor(dialect, None)
            for c in statement.exported_columns)

    def params(self, values: Mapping[str, Any]) -> Any:
        """The values as the driver takes them: processed, in the statement's order."""
        processed = {k: (self.binds[k](v) if k in self.binds else v) for k, v in values.items()}
        if self.positional is None:
            return processed
        return tuple(processed[k] for k in self.positional)

    def row(self, raw: Sequence[Any] | None) -> tuple[Any, ...] | None:
        """A fetched row with each column's result processor applied."""
        if raw is None:
            return None
        return tuple(v if p is None or v is None else p(v)
                     for p, v in zip(self.results, raw, strict=True))


class Raw:
    """One pooled DBAPI connection for one transaction: ``with Raw(engine) as run: ...``.

    Commits on leaving without an error, rolls back otherwise, and always gives
    the connection back to the pool. Driver errors come out as SQLAlchemy's.
    """

    def __init__(self, engine: sa.Engine, write: bool = False) -> None:
        self.engine = engine
        self.conn: Any = None
        # a write transaction first takes the store's write gate (gate.py)
        self._gate = write_gate(engine) if write else contextlib.nullcontext()

    def __enter__(self) -> Raw:
        dialect = self.engine.dialect
        self._gate.__enter__()
        try:
            self.conn = self.engine.raw_connection()
        except dialect.loaded_dbapi.Error as exc:  # not wrapped by the pool, unlike connect()
            self._gate.__exit__(None, None, None)
            wrapped: sa.exc.StatementError = sa.exc.DBAPIError.instance(
                None, None, exc, dialect.loaded_dbapi.Error, hide_parameters=True,
                dialect=dialect, connection_invalidated=dialect.is_disconnect(exc, None, None))
            raise wrapped from exc
        except BaseException:
            self._gate.__exit__(None, None, None)
            raise
        return self

    def run(self, statement: Statement, values: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """Execute and fetch the first row (None: no row), processed."""
        params = statement.params(values)
        cur: DBAPICursor = self.conn.cursor()
        try:
            try:
                cur.execute(statement.sql, params)
                rows = cur.fetchall() if cur.description is not None else []
            except self.engine.dialect.loaded_dbapi.Error as exc:
                raise self._wrapped(exc, statement.sql, params, cur) from exc
        finally:
            cur.close()
        return statement.row(rows[0] if rows else None)

    def _wrapped(self, exc: Any, sql: str, params: Any,
                 cur: DBAPICursor | None) -> sa.exc.StatementError:
        dialect = self.engine.dialect
        dbapi_conn: DBAPIConnection = self.conn.dbapi_connection
        lost = dialect.is_disconnect(exc, dbapi_conn, cur)
        if lost:
            self.conn.invalidate(exc)
        wrapped: sa.exc.StatementError = sa.exc.DBAPIError.instance(
            sql, params, exc, dialect.loaded_dbapi.Error, hide_parameters=True,
            dialect=dialect, connection_invalidated=lost)
        return wrapped

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: Any) -> None:
        error = self.engine.dialect.loaded_dbapi.Error
        try:
            if kind is None:
                try:
                    self.conn.commit()
                except error as err:
                    raise self._wrapped(err, "COMMIT", (), None) from err
            elif self.conn.is_valid:
                with contextlib.suppress(error):  # the error on its way out says more
                    self.conn.rollback()
        finally:
            try:
                self.conn.close()
                self.conn = None
            finally:
                self._gate.__exit__(None, None, None)
