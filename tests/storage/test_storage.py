"""Both storage backends against the same contract; S3 runs against moto's server over HTTP."""

from __future__ import annotations

import json
import socket

import pytest
import requests
from flask import Flask

from marketplace.config import ConfigurationError
from marketplace.storage import ObjectNotFound, StorageError, build_storage, validate_key
from marketplace.storage.local import LocalStorage, register_local_media
from marketplace.storage.s3 import S3Storage

WEBP = "image/webp"
BAD_KEYS = [
    "",
    "/products/1/a.webp",
    "products/../secret",
    "..",
    "products/./a.webp",
    "products//a.webp",
    "products/1/",
    "products/.hidden",
    "products/1/a b.webp",
    "products\\1\\a.webp",
    "products/1/ảnh.webp",
    "products/1/a.webp?x=1",
    "a" * 1025,
]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def local_config(root) -> dict:
    return {"STORAGE_BACKEND": "local", "MEDIA_ROOT": str(root), "MEDIA_URL_PREFIX": "/media"}


@pytest.fixture(params=["local", "s3"])
def storage(request, tmp_path):
    if request.param == "local":
        return build_storage(local_config(tmp_path / "media"))
    store = build_storage(request.getfixturevalue("s3_config"))
    store.ensure_bucket()
    return store


@pytest.fixture
def s3_storage(s3_config):
    store = build_storage(s3_config)
    store.ensure_bucket()
    return store


def test_build_storage_picks_the_backend(tmp_path, s3_config):
    assert isinstance(build_storage(local_config(tmp_path)), LocalStorage)
    assert isinstance(build_storage({"MEDIA_ROOT": str(tmp_path)}), LocalStorage)  # the default
    assert isinstance(build_storage(s3_config), S3Storage)


@pytest.mark.parametrize(
    "config",
    [
        {"STORAGE_BACKEND": "local"},
        {"STORAGE_BACKEND": "s3"},
        {"STORAGE_BACKEND": "s3", "S3_BUCKET": "b", "S3_ACCESS_KEY_ID": "only-one-half"},
        {"STORAGE_BACKEND": "ftp"},
    ],
)
def test_build_storage_refuses_incomplete_settings(config):
    with pytest.raises(ConfigurationError):
        build_storage(config)


def test_round_trip(storage):
    keys = ["products/1/aaa-320.webp", "products/1/aaa-800.webp", "products/22/bbb-320.webp"]
    for n, key in enumerate(keys):
        storage.put(key, f"photo {n}".encode(), WEBP)

    assert storage.read("products/1/aaa-800.webp") == b"photo 1"
    assert storage.list_keys() == sorted(keys)
    assert storage.list_keys("products/1/") == keys[:2]
    assert storage.list_keys("products/3") == []

    storage.put(keys[0], b"replaced", WEBP)
    assert storage.read(keys[0]) == b"replaced"

    storage.delete(keys[:2])
    assert storage.list_keys() == [keys[2]]
    with pytest.raises(ObjectNotFound):
        storage.read(keys[0])


def test_missing_object_is_a_key_error_and_a_storage_error(storage):
    with pytest.raises(ObjectNotFound) as info:
        storage.read("products/1/nothing.webp")
    assert isinstance(info.value, KeyError)
    assert isinstance(info.value, StorageError)
    assert "products/1/nothing.webp" in str(info.value)


def test_deleting_missing_keys_is_quiet(storage):
    storage.put("products/1/kept.webp", b"x", WEBP)
    storage.delete(["products/1/never-stored.webp", "products/9/gone.webp"])
    storage.delete([])
    assert storage.list_keys() == ["products/1/kept.webp"]


def test_s3_deletes_in_batches(s3_storage, monkeypatch):
    monkeypatch.setattr("marketplace.storage.s3.DELETE_BATCH", 2)
    batches = []
    s3_storage._client.meta.events.register(
        "before-parameter-build.s3.DeleteObjects",
        lambda params, **_: batches.append([o["Key"] for o in params["Delete"]["Objects"]]),
    )
    keys = [f"products/1/{n}.webp" for n in range(5)]
    for key in keys:
        s3_storage.put(key, b"x", WEBP)
    s3_storage.delete([*keys, keys[0], "products/1/never-stored.webp"])
    assert [len(batch) for batch in batches] == [2, 2, 2]
    assert s3_storage.list_keys() == []


@pytest.fixture(params=["local", "s3"])
def offline_storage(request, tmp_path):
    """A backend whose every request would fail: key checks must come before any I/O."""
    if request.param == "local":
        return LocalStorage(tmp_path / "does-not-exist", "/media")
    return S3Storage("bucket", endpoint_url=f"http://127.0.0.1:{_closed_port()}")


@pytest.mark.parametrize("key", BAD_KEYS)
def test_invalid_keys_are_refused(offline_storage, key):
    storage = offline_storage
    with pytest.raises(ValueError):
        validate_key(key)
    with pytest.raises(ValueError):
        storage.put(key, b"x", WEBP)
    with pytest.raises(ValueError):
        storage.read(key)
    with pytest.raises(ValueError):
        storage.url(key)
    with pytest.raises(ValueError):
        storage.delete(["products/1/fine.webp", key])


def test_local_storage_stays_inside_its_root(tmp_path):
    store = LocalStorage(tmp_path / "media", "/media")
    store.put("products/1/a.webp", b"x", WEBP)
    for key in ("../outside.webp", "products/../../outside.webp"):
        with pytest.raises(ValueError):
            store.put(key, b"x", WEBP)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["media"]


def test_local_write_leaves_no_temporary_files(tmp_path):
    store = LocalStorage(tmp_path, "/media")
    store.put("products/1/a.webp", b"first", WEBP)
    store.put("products/1/a.webp", b"second", WEBP)
    assert [p.name for p in (tmp_path / "products" / "1").iterdir()] == ["a.webp"]
    assert (tmp_path / "products" / "1" / "a.webp").stat().st_mode & 0o777 == 0o644


def test_local_url(tmp_path):
    store = build_storage(local_config(tmp_path))
    assert store.url("products/1/a-800.webp") == "/media/products/1/a-800.webp"


def test_local_media_route(tmp_path):
    store = LocalStorage(tmp_path, "/media")
    app = Flask(__name__)
    register_local_media(app, store)
    client = app.test_client()
    store.put("products/1/a-800.webp", b"RIFF....WEBP", WEBP)

    # "with" closes the file send_file opened.
    with client.get(store.url("products/1/a-800.webp")) as response:
        assert response.status_code == 200
        assert response.data == b"RIFF....WEBP"
        assert response.mimetype == WEBP
        cache = response.cache_control
        assert cache.public and cache.immutable and cache.max_age == 31_536_000
        assert response.headers["X-Content-Type-Options"] == "nosniff"

    for path in (
        "/media/products/1/missing.webp",
        "/media/products/../../etc/passwd",
        "/media/products/%2e%2e/%2e%2e/etc/passwd",
        "/media/products/.hidden",
        "/media/products/1",
    ):
        assert client.get(path).status_code == 404, path


def test_s3_objects_carry_type_and_cache_headers(s3_storage, s3_server):
    s3_storage.put("products/1/a-320.webp", b"webp bytes", WEBP)
    head = s3_storage._client.head_object(Bucket=s3_storage.bucket, Key="products/1/a-320.webp")
    assert head["ContentType"] == WEBP
    assert head["CacheControl"] == "public, max-age=31536000, immutable"


def test_s3_presigned_url_loads_the_object(s3_storage, s3_server):
    s3_storage.put("products/1/a-320.webp", b"webp bytes", WEBP)
    url = s3_storage.url("products/1/a-320.webp")
    assert url.startswith(f"{s3_server}/{s3_storage.bucket}/products/1/a-320.webp?")
    assert "X-Amz-Signature=" in url
    assert "X-Amz-Expires=3600" in url
    response = requests.get(url, timeout=10)
    assert response.status_code == 200
    assert response.content == b"webp bytes"
    assert response.headers["Content-Type"] == WEBP


def test_s3_public_base_url(s3_config, s3_server):
    # The bucket's own path on moto stands in for a CDN in front of a public bucket.
    public = f"{s3_server}/{s3_config['S3_BUCKET']}/"
    store = build_storage({**s3_config, "S3_PUBLIC_BASE_URL": public})
    store.ensure_bucket()
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{store.bucket}/*",
            }
        ],
    }
    store._client.put_bucket_policy(Bucket=store.bucket, Policy=json.dumps(policy))
    store.put("products/1/a-320.webp", b"webp bytes", WEBP)
    url = store.url("products/1/a-320.webp")
    assert url == f"{public}products/1/a-320.webp"
    assert requests.get(url, timeout=10).content == b"webp bytes"

    cdn = build_storage({**s3_config, "S3_PUBLIC_BASE_URL": "https://cdn.example.vn/photos/"})
    assert cdn.url("products/1/a.webp") == "https://cdn.example.vn/photos/products/1/a.webp"


def test_ensure_bucket_is_idempotent(s3_storage):
    s3_storage.ensure_bucket()
    assert s3_storage.list_keys() == []


def test_s3_missing_bucket_is_a_storage_error(s3_config):
    store = build_storage(s3_config)  # ensure_bucket not called
    for call in (
        lambda: store.put("products/1/a.webp", b"x", WEBP),
        lambda: store.read("products/1/a.webp"),
        lambda: store.list_keys(),
        lambda: store.delete(["products/1/a.webp"]),
    ):
        with pytest.raises(StorageError) as info:
            call()
        assert not isinstance(info.value, ObjectNotFound)
        assert "NoSuchBucket" in str(info.value)


def test_s3_unreachable_endpoint_is_a_storage_error(s3_config):
    store = build_storage({**s3_config, "S3_ENDPOINT_URL": f"http://127.0.0.1:{_closed_port()}"})
    with pytest.raises(StorageError):
        store.put("products/1/a.webp", b"x", WEBP)
    with pytest.raises(StorageError):
        store.ensure_bucket()
