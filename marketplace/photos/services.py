"""Storing and deleting photos so that the bucket and the database never disagree.

Upload: process the image in memory, put every variant, then add the row. If a put fails,
the variants already put are deleted at once; if the transaction later rolls back, all of
them are. Delete: the row goes in the transaction, the objects only after it commits.
"""

from __future__ import annotations

import re
import secrets
import time
from typing import BinaryIO

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.after_commit import on_commit, on_rollback
from marketplace.config import adapter
from marketplace.errors import DomainError
from marketplace.extensions import db
from marketplace.photos.models import Photo
from marketplace.photos.processing import process_photo
from marketplace.storage import Storage, StorageError


class PhotoStorageFailed(DomainError):
    status_code = 503


def current_storage() -> Storage:
    return adapter("storage")


def store_photo(stream: BinaryIO, *, folder: str, **row: object) -> Photo:
    """Check, resize and store an uploaded photo; return its (flushed) row.

    Raises PhotoRejected for a file that is not an acceptable photo, PhotoStorageFailed when
    the storage can't take it; either way nothing is left behind.
    """
    processed = process_photo(stream)
    storage = current_storage()
    # The time in the key lets the orphan sweep leave uploads still in flight alone.
    prefix = f"{folder}/{int(time.time())}-{secrets.token_hex(8)}"
    widths = sorted(processed.variants)
    keys = [f"{prefix}-{w}.webp" for w in widths]
    stored: list[str] = []
    try:
        for width, key in zip(widths, keys, strict=True):
            storage.put(key, processed.variants[width], "image/webp")
            stored.append(key)
    except StorageError as exc:
        _delete_quietly(storage, stored)
        raise PhotoStorageFailed(
            _l("The photo could not be saved just now. Please try again in a moment.")
        ) from exc
    on_rollback(lambda: _delete_quietly(storage, keys))
    photo = Photo(
        key_prefix=prefix,
        width=processed.width,
        height=processed.height,
        widths=",".join(str(w) for w in widths),
        **row,
    )
    db.session.add(photo)
    db.session.flush()
    return photo


def delete_photo(photo: Photo) -> None:
    """Delete the row now and its objects once the deletion is committed."""
    schedule_object_deletion([photo])
    db.session.delete(photo)
    db.session.flush()


def schedule_object_deletion(photos: list[Photo]) -> None:
    storage = current_storage()
    keys = [key for photo in photos for key in photo.keys]
    if keys:
        on_commit(lambda: _delete_quietly(storage, keys))


def _delete_quietly(storage: Storage, keys: list[str]) -> None:
    try:
        storage.delete(keys)
    except StorageError:
        # Left for `flask photos sweep-orphans`; the user's request must not fail for it.
        current_app.logger.exception("could not delete photo objects %s", keys)


_KEY = re.compile(r"^(?P<prefix>(?:products|stalls)/\d+/(?P<time>\d+)-[0-9a-f]+)-\d+\.webp$")


def sweep_orphans(grace_seconds: int = 3600, dry_run: bool = False) -> list[str]:
    """Delete stored variants that no photo row refers to (left by a crashed process).

    Objects younger than ``grace_seconds`` are left alone: their upload may still be committing.
    """
    storage = current_storage()
    known = set(db.session.scalars(select(Photo.key_prefix)))
    cutoff = time.time() - grace_seconds
    orphans = []
    for folder in ("products/", "stalls/"):
        for key in storage.list_keys(folder):
            match = _KEY.match(key)
            if match and match["prefix"] not in known and int(match["time"]) < cutoff:
                orphans.append(key)
    if orphans and not dry_run:
        storage.delete(orphans)
    return orphans
