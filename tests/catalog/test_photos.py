"""Product photos through the app, on the local folder and on moto's S3 server over HTTP."""

from io import BytesIO

import pytest
from PIL import Image
from sqlalchemy import func, select

from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.photos.models import Photo
from marketplace.storage import StorageError, build_storage
from tests.helpers import jpeg_bytes, post_form


@pytest.fixture(params=["local", "s3"])
def photo_app(request, make_app, tmp_path):
    if request.param == "s3":
        config = request.getfixturevalue("s3_config")
        build_storage(config).ensure_bucket()
        return make_app(**config)
    return make_app(MEDIA_ROOT=str(tmp_path / "media"))


@pytest.fixture
def owner(photo_app, make_user, log_in):
    user = make_user()
    client = photo_app.test_client()
    log_in(client, user)
    return client, user


@pytest.fixture
def product(photo_app, owner, make_stall, make_product):
    _, user = owner
    return make_product(make_stall(user))


def _storage(app):
    return app.extensions["storage"]


def _upload(client, product, data: bytes, filename="anh.jpg"):
    return post_form(
        client,
        f"/my/products/{product.id}/photos",
        {"photo": (BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def _photo_rows(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Photo))


def _jpeg_with_gps_and_rotation() -> bytes:
    image = Image.new("RGB", (1200, 800), (30, 120, 60))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise when shown
    exif[0x010F] = "Camera maker"
    gps = {1: "N", 2: (22.0, 32.0, 0.0), 3: "E", 4: (104.0, 17.0, 0.0)}
    exif[0x8825] = gps
    buffer = BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_upload_stores_clean_webp_variants(photo_app, owner, product, client):
    owner_client, _ = owner
    response = _upload(owner_client, product, _jpeg_with_gps_and_rotation())
    assert response.status_code == 302
    storage = _storage(photo_app)
    keys = storage.list_keys(f"products/{product.id}/")
    assert [k.rsplit("-", 1)[1] for k in keys] == ["320.webp", "800.webp"]  # 800 px: no upscale
    for key in keys:
        image = Image.open(BytesIO(storage.read(key)))
        assert image.format == "WEBP"
        assert not image.getexif()
        assert "exif" not in image.info and "xmp" not in image.info
    largest = Image.open(BytesIO(storage.read(keys[-1])))
    assert largest.size == (800, 1200)  # the EXIF rotation was applied, then dropped
    # The product page serves the right size with dimensions, lazy loading and alt text.
    page = client.get(f"/products/{product.id}").get_data(as_text=True)
    assert 'width="800" height="1200"' in page
    assert f'alt="{product.name}"' in page
    listing = client.get("/products").get_data(as_text=True)
    assert 'loading="lazy"' in listing and "-320.webp" in listing


@pytest.mark.parametrize(
    "data,filename,message",
    [
        (b"Day la van ban, khong phai anh.\n" * 50, "anh.jpg", "Tệp này không phải ảnh"),
        (jpeg_bytes()[:2000], "cut.jpg", "Ảnh bị hỏng hoặc chưa tải đủ"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "logo.svg",
            "Hãy tải lên ảnh JPEG, PNG hoặc WebP.",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9"/></svg>',
            "renamed.png",
            "Tệp này không phải ảnh",
        ),
    ],
    ids=["text-renamed-jpg", "truncated-jpeg", "svg", "svg-renamed-png"],
)
def test_bad_uploads_are_refused_and_nothing_is_stored(
    photo_app, owner, product, data, filename, message
):
    owner_client, _ = owner
    response = _upload(owner_client, product, data, filename)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert _storage(photo_app).list_keys() == []
    assert _photo_rows(photo_app) == 0


def _bomb_png(width=20_000, height=20_000) -> bytes:
    """A tiny PNG whose header claims 400 megapixels (its data is for 1x1)."""
    import struct
    import zlib

    buffer = BytesIO()
    Image.new("1", (1, 1)).save(buffer, "PNG")
    data = bytearray(buffer.getvalue())
    ihdr = 8 + 8  # signature, then the IHDR length and type
    data[ihdr : ihdr + 8] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[12 : ihdr + 13]))
    data[ihdr + 13 : ihdr + 17] = struct.pack(">I", crc)
    return bytes(data)


def test_decompression_bomb_is_refused(photo_app, owner, product):
    owner_client, _ = owner
    response = _upload(owner_client, product, _bomb_png(), "bom.png")
    assert response.status_code == 422
    assert "quá nhiều điểm ảnh" in response.get_data(as_text=True)
    assert _storage(photo_app).list_keys() == []


def test_oversize_upload_gets_a_friendly_413(photo_app, owner, product):
    owner_client, _ = owner
    response = _upload(owner_client, product, b"\xff" * (10 * 1024 * 1024 + 10), "lon.jpg")
    assert response.status_code == 413
    assert "Mỗi ảnh tối đa 10 MB." in response.get_data(as_text=True)
    assert _storage(photo_app).list_keys() == []


class FailingAfter:
    """Wraps a real storage; the Nth put fails the way a dropped connection would."""

    def __init__(self, inner, fail_on_put: int):
        self.inner, self.fail_on_put, self.puts = inner, fail_on_put, 0

    def put(self, key, data, content_type):
        self.puts += 1
        if self.puts == self.fail_on_put:
            raise StorageError("connection reset")
        self.inner.put(key, data, content_type)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_storage_failure_half_way_leaves_no_orphans(photo_app, owner, product):
    owner_client, _ = owner
    real = _storage(photo_app)
    photo_app.extensions["storage"] = FailingAfter(real, fail_on_put=2)
    response = _upload(owner_client, product, jpeg_bytes(2000, 1500))
    assert response.status_code == 422
    assert "Chưa lưu được ảnh lúc này" in response.get_data(as_text=True)
    assert real.list_keys() == []
    assert _photo_rows(photo_app) == 0


def test_database_failure_after_upload_removes_the_objects(photo_app, product):
    from marketplace.catalog import services

    with photo_app.test_request_context():
        row = db.session.get(Product, product.id)
        services.add_photo(row, BytesIO(jpeg_bytes()))
        assert _storage(photo_app).list_keys() != []  # stored, not yet committed
        db.session.rollback()  # e.g. the commit failed
    assert _storage(photo_app).list_keys() == []
    assert _photo_rows(photo_app) == 0


def test_delete_photo_and_product_delete_their_objects(photo_app, owner, product):
    owner_client, _ = owner
    for color in ((200, 0, 0), (0, 200, 0)):
        assert _upload(owner_client, product, jpeg_bytes(color=color)).status_code == 302
    storage = _storage(photo_app)
    with photo_app.app_context():
        first, second = db.session.scalars(select(Photo).order_by(Photo.position)).all()
        first_keys, second_keys = first.keys, second.keys
    assert len(storage.list_keys()) == 6
    post_form(owner_client, f"/my/products/{product.id}/photos/{first.id}/delete")
    assert storage.list_keys() == sorted(second_keys)
    post_form(owner_client, f"/my/products/{product.id}/delete")
    assert storage.list_keys() == []
    assert _photo_rows(photo_app) == 0
    assert set(first_keys).isdisjoint(second_keys)


def test_reorder_and_the_eight_photo_limit(photo_app, owner, product):
    owner_client, _ = owner
    for n in range(8):
        assert (
            _upload(owner_client, product, jpeg_bytes(400, 300, color=(n * 30, 0, 0))).status_code
            == 302
        )
    ninth = _upload(owner_client, product, jpeg_bytes(400, 300))
    assert ninth.status_code == 422
    assert "tối đa 8 ảnh" in ninth.get_data(as_text=True)
    with photo_app.app_context():
        ids = list(db.session.scalars(select(Photo.id).order_by(Photo.position)))
    post_form(owner_client, f"/my/products/{product.id}/photos/{ids[2]}/up")
    with photo_app.app_context():
        cover_first = list(db.session.scalars(select(Photo.id).order_by(Photo.position)))
    assert cover_first == [ids[0], ids[2], ids[1], *ids[3:]]
    post_form(owner_client, f"/my/products/{product.id}/photos/{ids[2]}/up")
    with photo_app.app_context():
        assert db.session.get(Product, product.id).cover.id == ids[2]
    assert len(_storage(photo_app).list_keys()) == 8 * 2  # 400 px: 320 and 400


def test_a_stranger_cannot_touch_photos(photo_app, owner, product, make_user, log_in):
    owner_client, _ = owner
    _upload(owner_client, product, jpeg_bytes())
    stranger = photo_app.test_client()
    log_in(stranger, make_user())
    with photo_app.app_context():
        photo_id = db.session.scalar(select(Photo.id))
    assert _upload(stranger, product, jpeg_bytes()).status_code == 404
    assert (
        post_form(stranger, f"/my/products/{product.id}/photos/{photo_id}/delete").status_code
        == 404
    )
    assert _photo_rows(photo_app) == 1


def test_stall_logo_goes_through_the_same_pipeline(photo_app, owner):
    from tests.helpers import stall_form_data

    owner_client, _ = owner
    with photo_app.app_context():
        data = stall_form_data()
    data["logo"] = (BytesIO(jpeg_bytes(600, 600)), "logo.jpg")
    response = post_form(owner_client, "/stalls/apply", data, content_type="multipart/form-data")
    assert response.status_code == 302
    assert [k.rsplit("-", 1)[1] for k in _storage(photo_app).list_keys("stalls/")] == [
        "320.webp",
        "600.webp",
    ]
    with photo_app.app_context():
        bad = stall_form_data(name="Gian khác")
    bad["logo"] = (BytesIO(b"not an image"), "logo.jpg")
    response = post_form(owner_client, "/stalls/apply", bad, content_type="multipart/form-data")
    assert response.status_code == 422
    assert len(_storage(photo_app).list_keys("stalls/")) == 2


def test_sweep_orphans_deletes_only_old_unreferenced_objects(photo_app, owner, product):
    import time

    owner_client, _ = owner
    _upload(owner_client, product, jpeg_bytes(400, 300))
    storage = _storage(photo_app)
    kept = storage.list_keys()
    old = int(time.time()) - 7200
    storage.put(f"products/{product.id}/{old}-deadbeef-320.webp", b"x", "image/webp")
    storage.put(f"products/{product.id}/{int(time.time())}-cafe0001-320.webp", b"x", "image/webp")
    runner = photo_app.test_cli_runner()
    dry = runner.invoke(args=["photos", "sweep-orphans", "--dry-run"])
    assert "would delete 1 orphaned objects" in dry.output
    assert len(storage.list_keys()) == len(kept) + 2
    result = runner.invoke(args=["photos", "sweep-orphans"])
    assert result.exit_code == 0, result.output
    assert f"{old}-deadbeef-320.webp" in result.output
    remaining = storage.list_keys()
    assert set(kept) < set(remaining) and len(remaining) == len(kept) + 1  # the young one stays
