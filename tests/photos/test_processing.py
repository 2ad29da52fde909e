"""Photo processing on images generated here: nothing binary is committed."""

from __future__ import annotations

import io
import struct
import warnings
import zlib

import pytest
from flask import Flask
from flask_babel import Babel
from PIL import ExifTags, Image, ImageFile

from marketplace.photos.processing import (
    MAX_BYTES,
    PhotoRejected,
    ProcessedPhoto,
    process_photo,
    variant_widths,
)

NOT_A_PHOTO = "This file is not a photo. Upload a JPEG, PNG or WebP image."
TOO_LARGE = "This photo is too large: at most 10 MB."
TOO_MANY_PIXELS = "This photo has too many pixels (at most 40 megapixels)."
DAMAGED = "This photo is damaged or incomplete. Try exporting it again."
TOO_NARROW = "This photo is too long and narrow. Crop it and try again."

RED, BLUE, GREEN = (220, 20, 20), (20, 20, 220), (20, 200, 20)


@pytest.fixture(scope="module")
def english():
    """Render a lazy message the way a page would, in English (no catalogue loaded)."""
    app = Flask(__name__)
    Babel(app)

    def render(exc: PhotoRejected) -> str:
        with app.test_request_context():
            return str(exc.message)

    return render


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


def process(data: bytes, **options) -> ProcessedPhoto:
    return process_photo(io.BytesIO(data), **options)


def rejection(english, data: bytes, **options) -> str:
    with pytest.raises(PhotoRejected) as info:
        process(data, **options)
    return english(info.value)


def noise(size: tuple[int, int]) -> Image.Image:
    # Noise does not compress, so cutting the file really cuts pixel data.
    return Image.effect_noise(size, 80).convert("RGB")


def png_claiming(width: int, height: int) -> bytes:
    """A tiny real PNG whose header claims another size, as a decompression bomb would."""
    data = bytearray(encode(Image.new("1", (8, 8)), "PNG"))
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def assert_clean_webp(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "WEBP"
    assert not image.getexif()
    for key in ("exif", "xmp", "icc_profile"):
        assert key not in image.info, key
    image.load()
    return image


def assert_variants(photo: ProcessedPhoto, expected: dict[int, int]) -> None:
    """``expected`` maps each variant's width to its height."""
    assert list(photo.variants) == sorted(expected)
    for width, data in photo.variants.items():
        assert assert_clean_webp(data).size == (width, expected[width])
    assert (photo.width, photo.height) == max(expected.items())


def test_jpeg_is_turned_upright_and_loses_all_metadata():
    # Stored landscape with red on the left; orientation 6 means "turn 90° clockwise to view",
    # so the seller saw a portrait photo with red on top.
    image = Image.new("RGB", (1000, 600), BLUE)
    image.paste(RED, (0, 0, 500, 600))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Điện thoại"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (21.0, 1.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (105.0, 51.0, 0.0)
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    data = encode(image, "JPEG", exif=exif, xmp=xmp, quality=90)
    original = Image.open(io.BytesIO(data))
    assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo) and "xmp" in original.info

    photo = process(data)

    assert_variants(photo, {320: 533, 600: 1000})
    small = Image.open(io.BytesIO(photo.variants[320])).convert("RGB")
    top, bottom = small.getpixel((160, 60)), small.getpixel((160, 470))
    assert top[0] > 180 and top[2] < 60, top
    assert bottom[2] > 180 and bottom[0] < 60, bottom
    for data in photo.variants.values():
        assert b"Exif" not in data and b"XMP" not in data


def test_png_keeps_its_transparency():
    image = Image.new("RGBA", (640, 480), (0, 0, 0, 0))
    image.paste((*GREEN, 255), (320, 0, 640, 480))
    photo = process(encode(image, "PNG"))
    assert_variants(photo, {320: 240, 640: 480})
    small = Image.open(io.BytesIO(photo.variants[320]))
    assert small.mode == "RGBA"
    assert small.getpixel((20, 120))[3] == 0
    assert small.getpixel((300, 120))[3] == 255


def test_palette_png_with_transparent_index_keeps_its_transparency():
    image = Image.new("P", (400, 300), 0)
    image.putpalette([*RED, *BLUE])
    image.paste(1, (200, 0, 400, 300))
    photo = process(encode(image, "PNG", transparency=0))
    small = Image.open(io.BytesIO(photo.variants[320]))
    assert small.mode == "RGBA"
    assert small.getpixel((10, 100))[3] == 0
    assert small.getpixel((300, 100))[3] == 255


def test_opaque_alpha_channel_is_dropped():
    photo = process(encode(Image.new("RGBA", (400, 300), (*GREEN, 255)), "PNG"))
    assert Image.open(io.BytesIO(photo.variants[400])).mode == "RGB"


def test_webp_input_is_re_encoded_without_metadata():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Camera"
    photo = process(encode(noise((900, 600)), "WEBP", exif=exif, quality=90))
    assert_variants(photo, {320: 213, 800: 533, 900: 600})


def test_animated_webp_gives_its_first_frame():
    frames = [Image.new("RGB", (400, 200), colour) for colour in (RED, BLUE)]
    data = encode(frames[0], "WEBP", save_all=True, append_images=frames[1:], lossless=True)
    photo = process(data)
    assert_variants(photo, {320: 160, 400: 200})
    assert Image.open(io.BytesIO(photo.variants[400])).convert("RGB").getpixel((200, 100))[0] > 180


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ((500, 400), {320: 256, 500: 400}),
        ((200, 150), {200: 150}),
        ((320, 100), {320: 100}),
        ((1600, 900), {320: 180, 800: 450, 1600: 900}),
        ((4000, 3000), {320: 240, 800: 600, 1600: 1200}),
        ((3000, 1), {320: 1, 800: 1, 1600: 1}),
    ],
)
def test_variant_sizes_never_upscale(size, expected):
    photo = process(encode(Image.new("RGB", size, RED), "JPEG"))
    assert_variants(photo, expected)


def test_variant_widths():
    assert variant_widths(1) == [1]
    assert variant_widths(800) == [320, 800]
    assert variant_widths(1599) == [320, 800, 1599]
    assert variant_widths(1601) == [320, 800, 1600]


def test_sixteen_bit_greyscale_png_is_scaled_not_clipped():
    photo = process(encode(Image.new("I;16", (400, 300), 32768), "PNG"))
    grey = Image.open(io.BytesIO(photo.variants[400])).convert("RGB").getpixel((200, 150))
    assert all(118 <= channel <= 138 for channel in grey), grey


def test_cmyk_jpeg_becomes_rgb():
    photo = process(encode(Image.new("CMYK", (400, 300), (0, 255, 255, 0)), "JPEG"))
    assert Image.open(io.BytesIO(photo.variants[400])).mode == "RGB"


def _gif() -> bytes:
    return encode(Image.new("P", (50, 50)), "GIF")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"Hello, I am a text file renamed to photo.jpg\n" * 20, id="text"),
        pytest.param(
            b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            b'<rect width="10" height="10"/></svg>',
            id="svg",
        ),
        pytest.param(_gif(), id="gif"),
        pytest.param(encode(Image.new("RGB", (50, 50)), "BMP"), id="bmp"),
        pytest.param(encode(Image.new("RGB", (50, 50)), "TIFF"), id="tiff"),
        pytest.param(
            b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200, id="heic"
        ),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"0" * 200, id="pdf"),
    ],
)
def test_files_that_are_not_photos_are_refused(english, data):
    assert rejection(english, data) == NOT_A_PHOTO


def test_truncated_jpeg_is_refused(english):
    data = encode(noise((800, 600)), "JPEG", quality=90)
    assert rejection(english, data[: len(data) // 2]) == DAMAGED


def test_truncated_png_is_refused(english):
    data = encode(noise((800, 600)), "PNG")
    assert rejection(english, data[: len(data) // 2]) == DAMAGED


def test_corrupt_png_data_is_refused(english):
    data = bytearray(encode(noise((400, 300)), "PNG"))
    start = data.index(b"IDAT") + 4
    data[start + 100 : start + 400] = b"\xff" * 300
    assert rejection(english, bytes(data)) == DAMAGED


def test_truncated_images_are_never_loaded_by_choice():
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


@pytest.mark.parametrize(
    "size",
    [
        pytest.param((8000, 6000), id="48-megapixels"),  # under Pillow's own limit: ours decides
        pytest.param((10000, 10000), id="100-megapixels"),  # Pillow only warns
        pytest.param((20000, 20000), id="400-megapixels"),  # Pillow raises
        pytest.param((1, 2**31 - 1), id="one-pixel-wide"),
    ],
)
def test_decompression_bombs_are_refused_before_decoding(english, size):
    # The header lies about the size: decoding would fail as "damaged", so the pixel-count
    # message proves the refusal came before any decoding.
    data = png_claiming(*size)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        assert rejection(english, data) == TOO_MANY_PIXELS


def test_decompression_bomb_warning_as_error_is_refused_too(english):
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        assert rejection(english, png_claiming(10000, 10000)) == TOO_MANY_PIXELS


def test_real_image_just_over_the_pixel_limit_is_refused(english):
    data = encode(Image.new("1", (8000, 5001)), "PNG")
    assert len(data) < 100_000  # a few kilobytes for forty megapixels: why the count matters
    assert rejection(english, data) == TOO_MANY_PIXELS


def test_oversize_upload_is_refused(english):
    assert rejection(english, b"\xff" * (MAX_BYTES + 1)) == TOO_LARGE
    # Exactly at the limit is not "too large" (this one just isn't a photo).
    assert rejection(english, b"\xff" * MAX_BYTES) == NOT_A_PHOTO


def test_oversize_stream_is_not_read_past_the_limit():
    stream = io.BytesIO(encode(noise((200, 200)), "PNG"))
    with pytest.raises(PhotoRejected):
        process_photo(stream, max_bytes=1000)
    assert stream.tell() == 1001


def test_too_long_and_narrow_for_webp_is_refused(english):
    data = encode(Image.new("L", (100, 20000), 128), "PNG")
    assert rejection(english, data) == TOO_NARROW
