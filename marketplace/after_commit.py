"""Side effects tied to the fate of the current database transaction.

Mail must leave only once what it announces is committed; a photo stored in the bucket must
be deleted again if the row that points at it is rolled back, and a photo whose row is
deleted must leave the bucket only once that deletion is committed. Callbacks are kept in
``session.info`` and run by SQLAlchemy's session events, so this works the same in a request,
a CLI command or a test.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session

from marketplace.extensions import db

log = logging.getLogger(__name__)
_ON_COMMIT = "after_commit_callbacks"
_ON_ROLLBACK = "after_rollback_callbacks"


def on_commit(callback: Callable[[], None]) -> None:
    db.session.info.setdefault(_ON_COMMIT, []).append(callback)


def on_rollback(callback: Callable[[], None]) -> None:
    db.session.info.setdefault(_ON_ROLLBACK, []).append(callback)


def _run(session: Session, key: str) -> None:
    callbacks = session.info.pop(key, [])
    for callback in callbacks:
        try:
            callback()
        except Exception:  # one failed side effect must not hide the others
            log.exception("after-transaction callback failed: %r", callback)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint was released: the real commit is still to come
    session.info.pop(_ON_ROLLBACK, None)
    _run(session, _ON_COMMIT)


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, previous_transaction) -> None:
    # Only the outermost rollback decides; a savepoint rollback keeps the work around it.
    if previous_transaction.parent is None:
        session.info.pop(_ON_COMMIT, None)
        _run(session, _ON_ROLLBACK)
