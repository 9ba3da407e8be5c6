"""The store's hot path (store/hot.py): the DBAPI connection used directly for an
interview's read and write must store and return exactly what SQLAlchemy would."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from gravida.store import make_engine, upgrade
from gravida.store.repo import _GET, InterviewStore, NotFound, VersionConflict

from .conftest import make_settings

STATE = {"session": {"answers": [["fever", False], ["weeks", 31.5]], "ü": "ja"},
         "case": {"present": ["a"], "absent": []}, "lang": "ru"}


@pytest.fixture()
def store(backend):
    engine = make_engine(backend)
    upgrade(backend, engine)
    yield InterviewStore(engine)
    engine.dispose()


def _through_sqlalchemy(store: InterviewStore, interview_id: str) -> sa.Row:
    with store.engine.connect() as conn:
        return conn.execute(_GET, {"id_": interview_id}).one()


def test_a_write_reads_back_the_same_through_sqlalchemy_and_the_hot_path(store):
    row = store.create(state={"x": 1}, question=None, result=None, finished=False,
                       pack_version="p1", text="her words")
    new = store.update(row.id, 1, state=STATE, question={"id": "fever", "n": 2},
                       result={"done": True, "p": 0.25}, finished=True, pack_version="p2")
    assert (new.version, new.text, new.created_at) == (2, "her words", row.created_at)
    assert new.created_at.tzinfo is not None and new.updated_at.tzinfo is not None
    read = store.get(row.id)
    assert read == new
    plain = _through_sqlalchemy(store, row.id)
    assert (plain.state, plain.question, plain.result) == (STATE, new.question, new.result)
    assert bool(plain.finished) is True and plain.version == 2 and plain.pack_version == "p2"
    assert plain.updated_at.replace(tzinfo=UTC) == new.updated_at.astimezone(UTC)
    assert isinstance(read.created_at, datetime)


def test_a_stale_or_missing_write_is_refused_and_the_pool_gets_its_connections_back(store):
    row = store.create(state={}, question=None, result=None, finished=False, pack_version="p")
    store.update(row.id, 1, state={}, question=None, result=None, finished=False,
                 pack_version="p")
    with pytest.raises(VersionConflict) as err:
        store.update(row.id, 1, state={"late": 1}, question=None, result=None,
                     finished=False, pack_version="p")
    assert (err.value.expected, err.value.current) == (1, 2)
    with pytest.raises(NotFound):
        store.update("nobody", 1, state={}, question=None, result=None, finished=False,
                     pack_version="p")
    with pytest.raises(NotFound):
        store.get("nobody")
    assert store.get(row.id).state == {}  # the refused write left nothing behind
    assert store.engine.pool.checkedout() == 0


def test_a_driver_error_comes_out_as_sqlalchemys_and_frees_the_connection(tmp_path):
    # a database without the table: the driver's own error at every statement
    engine = make_engine(make_settings(tmp_path))
    store = InterviewStore(engine)
    with pytest.raises(sa.exc.OperationalError, match="no such table"):
        store.get("x" * 32)
    with pytest.raises(sa.exc.OperationalError, match="no such table"):
        store.update("x" * 32, 1, state={}, question=None, result=None, finished=False,
                     pack_version="p")
    assert engine.pool.checkedout() == 0
    engine.dispose()
