"""Photos in an S3-compatible bucket. The only module in the project that imports boto3."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from marketplace.storage import ObjectNotFound, StorageError, validate_key

# Keys are content-unique (a new photo gets a new key), so a browser or CDN may keep a copy forever.
IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable"
DELETE_BATCH = 1000  # the most keys DeleteObjects accepts at once
_MISSING_CODES = {"NoSuchKey", "404", "NotFound"}


@contextmanager
def _storage_errors(action: str) -> Iterator[None]:
    """Turn botocore's failures into StorageError, so callers need not know botocore."""
    try:
        yield
    except ClientError as exc:
        raise StorageError(f"S3 refused to {action}: {exc}") from exc
    except BotoCoreError as exc:  # unreachable endpoint, bad credentials setup, timeouts, ...
        raise StorageError(f"could not {action}: {exc}") from exc


class S3Storage:
    def __init__(
        self,
        bucket: str,
        *,
        endpoint_url: str | None = None,
        region: str | None = None,
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
        public_base_url: str | None = None,
        presign_seconds: int = 3600,
    ):
        self.bucket = bucket
        self.region = region or "us-east-1"
        self.public_base_url = public_base_url.rstrip("/") if public_base_url else None
        self.presign_seconds = presign_seconds
        config = Config(
            signature_version="s3v4",
            retries={"max_attempts": 3, "mode": "standard"},
            # botocore waits 60 s by default; a photo upload should fail sooner than that.
            connect_timeout=5,
            read_timeout=30,
            # S3-compatible services (MinIO, R2, Ceph...) are usually reached by IP or by a host
            # without wildcard DNS, so bucket-in-the-path addressing is the one that always works.
            s3={"addressing_style": "path" if endpoint_url else "auto"},
            # Several S3-compatible services reject the CRC checksums botocore now adds to every
            # upload; send them only where the API requires one.
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        )
        # Credentials left as None fall back to boto3's chain (environment, profile, IAM role).
        session = boto3.session.Session(
            aws_access_key_id=access_key_id,
            aws_secret_access_key=secret_access_key,
            region_name=self.region,
        )
        self._client = session.client("s3", endpoint_url=endpoint_url, config=config)

    def ensure_bucket(self) -> None:
        """Create the bucket unless it exists (tests and the development setup)."""
        with _storage_errors(f"check bucket {self.bucket}"):
            try:
                self._client.head_bucket(Bucket=self.bucket)
                return
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") not in {"404", "NoSuchBucket"}:
                    raise
            kwargs = {}
            if self.region != "us-east-1":  # us-east-1 refuses an explicit location constraint
                kwargs["CreateBucketConfiguration"] = {"LocationConstraint": self.region}
            try:
                self._client.create_bucket(Bucket=self.bucket, **kwargs)
            except ClientError as exc:
                # Another worker created it between our two calls.
                if exc.response.get("Error", {}).get("Code") != "BucketAlreadyOwnedByYou":
                    raise

    def put(self, key: str, data: bytes, content_type: str) -> None:
        validate_key(key)
        with _storage_errors(f"store {key}"):
            self._client.put_object(
                Bucket=self.bucket,
                Key=key,
                Body=data,
                ContentType=content_type,
                CacheControl=IMMUTABLE_CACHE_CONTROL,
            )

    def delete(self, keys: Iterable[str]) -> None:
        # Deleting a key that does not exist succeeds in S3, so missing keys need no special case.
        unique = sorted({validate_key(key) for key in keys})
        for start in range(0, len(unique), DELETE_BATCH):
            batch = unique[start : start + DELETE_BATCH]
            with _storage_errors(f"delete {len(batch)} objects"):
                response = self._client.delete_objects(
                    Bucket=self.bucket,
                    Delete={"Objects": [{"Key": key} for key in batch], "Quiet": True},
                )
            # DeleteObjects answers 200 even when some keys failed; those are listed here.
            errors = [e for e in response.get("Errors", []) if e.get("Code") not in _MISSING_CODES]
            if errors:
                details = ", ".join(f"{e.get('Key')}: {e.get('Code')}" for e in errors[:5])
                raise StorageError(f"S3 could not delete {len(errors)} objects ({details})")

    def url(self, key: str) -> str:
        validate_key(key)
        if self.public_base_url:
            return f"{self.public_base_url}/{key}"
        # Signing is local computation: no request leaves the process.
        with _storage_errors(f"sign a URL for {key}"):
            return self._client.generate_presigned_url(
                "get_object",
                Params={"Bucket": self.bucket, "Key": key},
                ExpiresIn=self.presign_seconds,
            )

    def read(self, key: str) -> bytes:
        validate_key(key)
        with _storage_errors(f"read {key}"):
            try:
                response = self._client.get_object(Bucket=self.bucket, Key=key)
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") in _MISSING_CODES:
                    raise ObjectNotFound(f"no object stored under {key}") from exc
                raise
            return response["Body"].read()

    def list_keys(self, prefix: str = "") -> list[str]:
        keys: list[str] = []
        with _storage_errors(f"list objects under {prefix!r}"):
            paginator = self._client.get_paginator("list_objects_v2")
            for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix):
                keys.extend(item["Key"] for item in page.get("Contents", []))
        return sorted(keys)
