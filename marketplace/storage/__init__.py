"""Where product photos live: a small interface with a local-folder and an S3 backend.

The rest of the code sees only ``Storage``; ``build_storage`` picks the backend from the
configuration. boto3 is imported only by ``marketplace.storage.s3``, and only when the S3 backend
is chosen, so the embedded demo starts without it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol

from marketplace.config import ConfigurationError

# S3 allows keys of up to 1024 bytes; the local backend must accept exactly the same keys.
MAX_KEY_LENGTH = 1024
_KEY_SEGMENT = r"[A-Za-z0-9_-][A-Za-z0-9_.-]*"
# Segments may not start with a dot: no "." or ".." and no hidden files, which leaves the local
# backend's dot-named temporary files out of the key space.
_KEY_PATTERN = re.compile(rf"{_KEY_SEGMENT}(?:/{_KEY_SEGMENT})*")


class StorageError(Exception):
    """The storage backend failed (unreachable, misconfigured, refused the request)."""


class ObjectNotFound(StorageError, KeyError):
    """No object is stored under this key."""

    # KeyError's own __str__ shows the repr of its argument; a plain message reads better in logs.
    __str__ = Exception.__str__


class Storage(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> None:
        """Store ``data`` under ``key``, replacing what was there."""

    def delete(self, keys: Iterable[str]) -> None:
        """Remove these objects; keys that are already gone are ignored."""

    def url(self, key: str) -> str:
        """A URL a browser can load the object from."""

    def read(self, key: str) -> bytes:
        """The object's bytes; raises ``ObjectNotFound`` if there is none."""

    def list_keys(self, prefix: str = "") -> list[str]:
        """Every key that starts with ``prefix``, sorted."""


def validate_key(key: str) -> str:
    """Return ``key`` if it is a safe object key, else raise ``ValueError``.

    Keys look like ``products/123/8f3a...-800.webp``. The rules keep a key from ever naming a
    path outside the local root, and keep keys identical across backends.
    """
    if (
        not isinstance(key, str)
        or len(key) > MAX_KEY_LENGTH
        or ".." in key
        or not _KEY_PATTERN.fullmatch(key)
    ):
        raise ValueError(f"invalid storage key: {key!r}")
    return key


def build_storage(config: Mapping[str, Any]) -> Storage:
    """The backend named by ``STORAGE_BACKEND`` ("local" or "s3"), set up from ``config``."""
    backend = str(config.get("STORAGE_BACKEND") or "local").strip().lower()
    if backend == "local":
        from marketplace.storage.local import LocalStorage

        media_root = config.get("MEDIA_ROOT")
        if not media_root:
            raise ConfigurationError("STORAGE_BACKEND=local needs MEDIA_ROOT")
        return LocalStorage(Path(media_root), config.get("MEDIA_URL_PREFIX") or "/media")
    if backend == "s3":
        from marketplace.storage.s3 import S3Storage

        bucket = config.get("S3_BUCKET")
        if not bucket:
            raise ConfigurationError("STORAGE_BACKEND=s3 needs S3_BUCKET")
        access_key_id = config.get("S3_ACCESS_KEY_ID") or None
        secret_access_key = config.get("S3_SECRET_ACCESS_KEY") or None
        if bool(access_key_id) != bool(secret_access_key):
            raise ConfigurationError(
                "Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither "
                "(to use boto3's default credentials)"
            )
        try:
            presign_seconds = int(config.get("S3_PRESIGN_SECONDS") or 3600)
        except (TypeError, ValueError) as exc:
            raise ConfigurationError("S3_PRESIGN_SECONDS must be a whole number") from exc
        return S3Storage(
            bucket,
            endpoint_url=config.get("S3_ENDPOINT_URL") or None,
            region=config.get("S3_REGION") or "us-east-1",
            access_key_id=access_key_id,
            secret_access_key=secret_access_key,
            public_base_url=config.get("S3_PUBLIC_BASE_URL") or None,
            presign_seconds=presign_seconds,
        )
    raise ConfigurationError(f"STORAGE_BACKEND must be 'local' or 's3', got {backend!r}")


__all__ = [
    "ObjectNotFound",
    "Storage",
    "StorageError",
    "build_storage",
    "validate_key",
]
