"""Photos in a folder on this host: the embedded demo's backend, served by Flask under /media."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from flask import Blueprint, Flask, abort, send_from_directory

from marketplace.storage import ObjectNotFound, StorageError, validate_key

# Keys are content-unique (a new photo gets a new key), so a browser or CDN may keep a copy forever.
IMMUTABLE_MAX_AGE = 31_536_000


class LocalStorage:
    """Objects are files under ``root``; the key is the path relative to it.

    ``content_type`` is not stored: the media route infers it from the key's extension, which is
    why keys end in the format's usual one (``.webp``).
    """

    def __init__(self, root: Path, url_prefix: str = "/media"):
        self.root = Path(root).resolve()
        self.url_prefix = "/" + url_prefix.strip("/")

    def _path(self, key: str) -> Path:
        return self.root.joinpath(*validate_key(key).split("/"))

    def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write beside the target, then rename over it: a reader sees the old file or the
            # whole new one, never half of it. Dot-named, so list_keys never sees it.
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                # mkstemp creates 0600; a front web server serving /media needs to read it.
                os.chmod(tmp_name, 0o644)
                os.replace(tmp_name, path)
            except BaseException:
                Path(tmp_name).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise StorageError(f"could not write {key}: {exc}") from exc

    def delete(self, keys: Iterable[str]) -> None:
        paths = [self._path(key) for key in keys]  # validate them all before removing any
        for path in paths:
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                raise StorageError(
                    f"could not delete {path.relative_to(self.root)}: {exc}"
                ) from exc

    def url(self, key: str) -> str:
        return f"{self.url_prefix}/{validate_key(key)}"

    def read(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return path.read_bytes()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError) as exc:
            raise ObjectNotFound(f"no object stored under {key}") from exc
        except OSError as exc:
            raise StorageError(f"could not read {key}: {exc}") from exc

    def list_keys(self, prefix: str = "") -> list[str]:
        keys = []
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames[:] = [name for name in dirnames if not name.startswith(".")]
            relative = Path(dirpath).relative_to(self.root).as_posix()
            for name in filenames:
                if name.startswith("."):
                    continue  # temporary files of writes in progress
                key = name if relative == "." else f"{relative}/{name}"
                if key.startswith(prefix):
                    keys.append(key)
        return sorted(keys)


def register_local_media(app: Flask, storage: LocalStorage) -> None:
    """Serve ``storage``'s files at its URL prefix (``GET /media/<key>``)."""
    bp = Blueprint("media", __name__, url_prefix=storage.url_prefix)

    @bp.get("/<path:key>")
    def media(key: str):
        try:
            validate_key(key)
        except ValueError:
            abort(404)
        # send_from_directory joins safely and answers 404 for a missing file.
        response = send_from_directory(storage.root, key, max_age=IMMUTABLE_MAX_AGE)
        response.cache_control.public = True
        response.cache_control.immutable = True
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    app.register_blueprint(bp)
