"""The declarative base and the column types every model shares."""

from __future__ import annotations

import enum
import sqlite3
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Annotated, Any

from sqlalchemy import BigInteger, DateTime, Engine, MetaData, event, update
from sqlalchemy import Enum as SAEnum
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeBase, mapped_column, registry
from sqlalchemy.types import TypeDecorator

# Named constraints make Alembic migrations reproducible on SQLite and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored in UTC.

    SQLite keeps no offset, so values come back naive; they are UTC by construction, and this
    type gives them back their tzinfo. Naive datetimes are refused on the way in: a naive time is
    ambiguous (UTC or Vietnam?) and that is a bug at the caller.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware datetime (UTC)")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


# An amount of Vietnamese đồng: an integer, never a float (VND has no minor unit).
Money = Annotated[int, mapped_column(BigInteger)]


class Base(DeclarativeBase):
    # One registry carries both, as Flask-SQLAlchemy subclasses this base.
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
    )


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, _connection_record):
    """WAL for concurrent readers, enforced foreign keys, and waiting instead of failing."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # Python's sqlite3 only sends BEGIN before a write, so a SAVEPOINT issued first opened (and
    # its RELEASE committed) the outer transaction. Let SQLAlchemy send BEGIN itself instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


@event.listens_for(Engine, "begin")
def _begin_sqlite(connection):
    """IMMEDIATE: take SQLite's write lock at the start, so a transaction that reads, then
    writes can't fail half-way because another writer committed in between (WAL would refuse
    the upgrade at once, without waiting). SQLite has one writer at a time anyway.
    """
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def render_migration_type(kind, object_, autogen_context):
    """Write our column types into migrations as plain SQLAlchemy types.

    Migrations then never import application code, which may change after they are written.
    """
    if kind == "type" and isinstance(object_, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def status_column(enum_class: type[enum.StrEnum], name: str) -> Any:
    """A status stored as text with a CHECK of its allowed values (no native PG enum to migrate)."""
    return mapped_column(
        SAEnum(
            enum_class,
            name=name,
            native_enum=False,
            create_constraint=True,
            length=24,
            values_callable=lambda members: [m.value for m in members],
        ),
        index=True,
    )


def compare_and_set(model: Any, object_id: int, expected: Iterable[Any], **values: Any) -> bool:
    """``UPDATE ... SET values WHERE id = :id AND status IN expected``: True if this call won.

    Two admins (or two workers) acting on the same object at once can't both win: the loser's
    update matches no row, whatever the database's isolation level.
    """
    if _session is None:
        raise RuntimeError("no session: marketplace.extensions binds one when it is imported")
    result = _session.execute(
        update(model)
        .where(model.id == object_id, model.status.in_(list(expected)))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


# The session compare_and_set runs in. ``marketplace.extensions`` creates Flask-SQLAlchemy's
# scoped session and binds it here: this module sits below it and must not import it.
_session: Any = None


def bind_session(session: Any) -> None:
    global _session
    _session = session


# --- Pessimistic disconnect handling, except where a failure costs nothing ---

_unpinged = ContextVar("unpinged_checkouts", default=False)


@contextmanager
def unpinged_checkouts():
    """Inside, a connection taken from the pool is not pinged first (one round trip less).
    Only for code that, when its statement fails on a dead connection, loses nothing and retries
    on the pinged path: the heartbeat's fast path (``livestreams/hot_path.py``), which rolls
    back and hands the request to the Flask route. The failed statement invalidates the pool
    (SQLAlchemy does so on a disconnect error), so the retry gets a live connection."""
    token = _unpinged.set(True)
    try:
        yield
    finally:
        _unpinged.reset(token)


def ping_on_checkout(engine: Engine) -> None:
    """``pool_pre_ping``, skipped inside ``unpinged_checkouts``: every other checkout runs
    ``SELECT 1`` first, and a dead connection is replaced before the request uses it."""

    @event.listens_for(engine, "checkout")
    def _ping(dbapi_connection, connection_record, connection_proxy):
        if _unpinged.get():
            return
        dialect = engine.dialect
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as exc:
            if dialect.is_disconnect(exc, dbapi_connection, None):
                raise DisconnectionError(str(exc)) from exc  # the pool retries with a new one
            raise
