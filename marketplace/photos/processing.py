"""Turn an upload into clean WebP variants, or refuse it with a message the seller can act on.

Pure: no Flask app, database or storage needed. Uploads are untrusted, so every limit is checked
before the expensive step it protects: size before reading, pixel count before decoding.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import BinaryIO

from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps

from marketplace.errors import DomainError

WIDTHS = (320, 800, 1600)
MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
WEBP_MAX_SIDE = 16383  # the WebP format cannot store a longer side
WEBP_QUALITY = 80
WEBP_METHOD = 4  # libwebp's speed/size trade-off: 4 is its default, 6 is several times slower


class PhotoRejected(DomainError):
    """The upload is not a photo we can publish; ``message`` tells the seller why."""


@dataclass(frozen=True)
class ProcessedPhoto:
    width: int  # of the largest variant, after EXIF orientation
    height: int
    variants: dict[int, bytes]  # width -> WebP bytes, ascending widths


def process_photo(
    stream: BinaryIO, *, max_bytes: int = MAX_BYTES, max_pixels: int = MAX_PIXELS
) -> ProcessedPhoto:
    data = stream.read(max_bytes + 1)  # one byte more tells "too large" from "exactly the limit"
    if len(data) > max_bytes:
        raise PhotoRejected(
            _l("This photo is too large: at most %(mb)s MB.", mb=f"{max_bytes / 2**20:.3g}")
        )
    image = _open(data, max_pixels)
    image = _upright_without_metadata(image)
    targets = variant_widths(image.width)
    largest = targets[-1]
    largest_height = _scaled_height(image, largest)
    if largest_height > WEBP_MAX_SIDE:
        raise PhotoRejected(_l("This photo is too long and narrow. Crop it and try again."))

    variants: dict[int, bytes] = {}
    source = image
    # Largest first, each from the one before: sharp enough, and far cheaper than resizing a
    # 40-megapixel original three times.
    for width in reversed(targets):
        size = (width, _scaled_height(image, width))
        if source.size != size:
            source = source.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        variants[width] = _encode_webp(source)
    return ProcessedPhoto(
        width=largest, height=largest_height, variants=dict(sorted(variants.items()))
    )


def variant_widths(width: int) -> list[int]:
    """The widths to publish for an image this wide: never wider than the original."""
    widths = {w for w in WIDTHS if w <= width}
    if width < WIDTHS[-1]:
        widths.add(width)
    return sorted(widths)


def _open(data: bytes, max_pixels: int) -> Image.Image:
    not_a_photo = _l("This file is not a photo. Upload a JPEG, PNG or WebP image.")
    too_many_pixels = _l(
        "This photo has too many pixels (at most %(megapixels)s megapixels).",
        megapixels=f"{max_pixels / 1_000_000:g}",
    )
    damaged = _l("This photo is damaged or incomplete. Try exporting it again.")
    if not data:
        raise PhotoRejected(not_a_photo)
    try:
        # Opening reads only the header; Pillow refuses its own decompression-bomb sizes here.
        image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        # The warning arrives as an exception only when warnings are errors (python -W error).
        raise PhotoRejected(too_many_pixels) from exc
    except Image.UnidentifiedImageError as exc:
        raise PhotoRejected(not_a_photo) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        # A recognised format whose header is broken.
        raise PhotoRejected(damaged) from exc
    # Our own limit is checked before decoding, whatever Image.MAX_IMAGE_PIXELS says: Pillow
    # only warns between its limit and twice that, and a warning does not stop anything.
    if image.width * image.height > max_pixels:
        raise PhotoRejected(too_many_pixels)
    if image.width < 1 or image.height < 1:
        raise PhotoRejected(damaged)
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        # Truncated or corrupt pixel data. ImageFile.LOAD_TRUNCATED_IMAGES is never set in this
        # project: it would turn a cut-off upload into a half-grey photo instead of this error.
        raise PhotoRejected(damaged) from exc
    return image


def _upright_without_metadata(image: Image.Image) -> Image.Image:
    try:
        upright = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError, TypeError, KeyError):
        # Unreadable EXIF is common in edited photos: publish the pixels as they are stored.
        upright = image.copy()
    upright = _web_mode(upright)
    # EXIF (with GPS), XMP and ICC all live in .info; a fresh dict means none reach the output.
    upright.info = {}
    return upright


def _web_mode(image: Image.Image) -> Image.Image:
    """RGB, or RGBA when the photo really has transparency."""
    if image.mode in {"I", "F"} or image.mode.startswith("I;16"):
        # 16-bit greyscale PNG: scale to 8 bits (a plain convert would clip nearly all to white).
        image = image.convert("I").point(lambda v: v / 256).convert("L")
    has_alpha = image.mode in {"RGBA", "LA", "PA", "RGBa", "La"} or "transparency" in image.info
    if has_alpha:
        if image.mode == "La":  # premultiplied; Pillow converts it to RGBA only via LA
            image = image.convert("LA")
        image = image.convert("RGBA")
        if image.getchannel("A").getextrema() == (255, 255):
            return image.convert("RGB")  # an alpha channel that is opaque everywhere
        return image
    return image if image.mode == "RGB" else image.convert("RGB")


def _scaled_height(image: Image.Image, width: int) -> int:
    return max(1, round(image.height * width / image.width))


def _encode_webp(image: Image.Image) -> bytes:
    out = io.BytesIO()
    # No exif=, xmp= or icc_profile= arguments: WebP's encoder writes only what it is given.
    image.save(out, format="WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
    return out.getvalue()
