"""Placeholder photos and logos for the demo (Pillow only: no network, no downloaded fonts).

`demo_photo` draws a product picture from its category's palette and motif with the name on a
band; `demo_logo` draws a stall's initials. Both are deterministic: the same arguments always
give the same JPEG bytes. This drawing code is the one module allowed a complexity over 10.
"""

from __future__ import annotations

import functools
import io
import itertools
import math
import os
import random
import re
import unicodedata
from collections.abc import Callable, Sequence

from PIL import Image, ImageDraw, ImageFilter, ImageFont

__all__ = ["demo_font_path", "demo_logo", "demo_photo"]

CATEGORY_LABELS: dict[str, str] = {
    "dried-fruit": "Trái cây sấy",
    "tea": "Chè · Trà",
    "coffee": "Cà phê",
    "honey": "Mật ong",
    "rice-grains": "Gạo · Hạt",
    "spices": "Gia vị",
    "mushrooms": "Nấm · Lâm sản",
    "handicrafts": "Thủ công",
    "homestay-tours": "Homestay · Trải nghiệm",
    "other": "Đặc sản",
}

_RGB = tuple[int, int, int]
_Point = tuple[float, float]
_Draw = ImageDraw.ImageDraw

_FONT_CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
)

# Per category: background top colour, bottom colour, motif colours.
_PALETTES: dict[str, tuple[_RGB, _RGB, tuple[_RGB, ...]]] = {
    "dried-fruit": (
        (253, 238, 240),
        (212, 146, 168),
        ((122, 28, 70), (150, 38, 82), (176, 56, 92), (98, 22, 58)),
    ),
    "tea": (
        (238, 247, 228),
        (148, 194, 128),
        ((46, 112, 54), (70, 142, 66), (104, 166, 84), (32, 88, 44)),
    ),
    "coffee": (
        (246, 236, 222),
        (170, 128, 96),
        ((78, 46, 28), (100, 60, 36), (124, 78, 48), (58, 34, 22)),
    ),
    "honey": (
        (255, 246, 218),
        (236, 178, 70),
        ((214, 138, 22), (236, 168, 40), (178, 106, 18), (250, 204, 96)),
    ),
    "rice-grains": (
        (252, 248, 232),
        (218, 198, 150),
        ((250, 247, 238), (240, 232, 208), (226, 212, 176), (196, 176, 126)),
    ),
    "spices": (
        (255, 240, 226),
        (230, 138, 88),
        ((178, 40, 30), (206, 72, 36), (122, 52, 30), (86, 38, 26)),
    ),
    "mushrooms": (
        (242, 234, 222),
        (160, 134, 106),
        ((112, 72, 44), (140, 96, 60), (90, 58, 36), (238, 224, 202)),
    ),
    "handicrafts": (
        (56, 66, 128),
        (26, 30, 70),
        ((212, 48, 64), (242, 188, 54), (44, 160, 140), (238, 236, 226), (236, 112, 40)),
    ),
    "homestay-tours": (
        (150, 200, 236),
        (252, 226, 192),
        ((120, 150, 170), (88, 124, 118), (60, 100, 84), (38, 72, 56)),
    ),
    "other": (
        (246, 243, 236),
        (198, 190, 176),
        ((150, 116, 84), (108, 140, 116), (184, 100, 78), (92, 100, 132)),
    ),
}

_LOGO_COLOURS: tuple[_RGB, ...] = (
    (46, 112, 54),
    (122, 28, 70),
    (78, 46, 28),
    (196, 120, 16),
    (176, 52, 36),
    (40, 62, 128),
    (20, 120, 120),
    (110, 60, 140),
    (150, 92, 40),
    (70, 90, 60),
)


def demo_font_path() -> str | None:
    """The TrueType font the demo images use, or None when only Pillow's own font is there."""
    for path in _FONT_CANDIDATES:
        if os.path.isfile(path):
            return path
    return None


@functools.lru_cache(maxsize=64)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = demo_font_path()
    if path is not None:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            pass
    return ImageFont.load_default(size=size)


def _displayable(text: str) -> str:
    """The text itself, or without diacritics when only Pillow's built-in font (Latin) is there."""
    text = unicodedata.normalize("NFC", text)
    if demo_font_path() is not None:
        return text
    text = text.replace("đ", "d").replace("Đ", "D")
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    )
    return unicodedata.normalize("NFC", stripped)


def _mix(a: _RGB, b: _RGB, t: float) -> _RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _rgba(colour: _RGB, alpha: int = 255) -> tuple[int, int, int, int]:
    return (colour[0], colour[1], colour[2], alpha)


def _jitter(rng: random.Random, colour: _RGB, amount: int = 14) -> _RGB:
    return (
        max(0, min(255, colour[0] + rng.randint(-amount, amount))),
        max(0, min(255, colour[1] + rng.randint(-amount, amount))),
        max(0, min(255, colour[2] + rng.randint(-amount, amount))),
    )


def _gradient(size: tuple[int, int], top: _RGB, bottom: _RGB) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size, Image.Resampling.BILINEAR)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _rotated(points: Sequence[_Point], cx: float, cy: float, angle: float) -> list[_Point]:
    ca, sa = math.cos(angle), math.sin(angle)
    return [(cx + x * ca - y * sa, cy + x * sa + y * ca) for x, y in points]


def _oval(cx: float, cy: float, rx: float, ry: float, angle: float, n: int = 24) -> list[_Point]:
    pts = [
        (rx * math.cos(2 * math.pi * i / n), ry * math.sin(2 * math.pi * i / n)) for i in range(n)
    ]
    return _rotated(pts, cx, cy, angle)


def _leaf(cx: float, cy: float, length: float, width: float, angle: float) -> list[_Point]:
    n = 12
    upper = []
    for i in range(n + 1):
        t = i / n
        half = width / 2 * math.sin(math.pi * t) ** 0.85 * (1.1 - 0.35 * t)
        upper.append(((t - 0.5) * length, -half))
    lower = [(x, -y) for x, y in reversed(upper[1:-1])]
    return _rotated(upper + lower, cx, cy, angle)


def _star(
    cx: float, cy: float, r_out: float, r_in: float, points: int, angle: float
) -> list[_Point]:
    pts = []
    for i in range(points * 2):
        r = r_out if i % 2 == 0 else r_in
        a = angle + math.pi * i / points
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def _blob(rng: random.Random, cx: float, cy: float, r: float, wobble: float) -> list[_Point]:
    n = 18
    phase = rng.uniform(0, 2 * math.pi)
    pts = []
    for i in range(n):
        a = 2 * math.pi * i / n
        rr = r * (1 + wobble * math.sin(3 * a + phase) + rng.uniform(-wobble, wobble) / 2)
        pts.append((cx + rr * math.cos(a), cy + rr * 0.8 * math.sin(a)))
    return pts


def _scatter(
    rng: random.Random, w: int, h: int, count: int, margin: float = 0.05
) -> list[tuple[float, float]]:
    """Points spread over the picture area above the name band, away from its centre."""
    pts = []
    top, bottom = h * 0.06, h * 0.78
    while len(pts) < count:
        x = rng.uniform(w * margin, w * (1 - margin))
        y = rng.uniform(top, bottom)
        dx, dy = (x - w / 2) / (w * 0.5), (y - h * 0.45) / (h * 0.4)
        if dx * dx + dy * dy < 0.28 or (x < w * 0.3 and y < h * 0.16):
            continue
        pts.append((x, y))
    return pts


def _has(name: str, *words: str) -> bool:
    return any(word in name for word in words)


# -- small objects -----------------------------------------------------------------------------


def _fruit(d: _Draw, x: float, y: float, r: float, colour: _RGB) -> None:
    d.ellipse((x - r, y - r, x + r, y + r), fill=_rgba(colour))
    d.ellipse((x - r * 0.55, y - r * 0.6, x - r * 0.05, y - r * 0.25), fill=(255, 255, 255, 70))
    d.arc(
        (x - r * 0.7, y - r * 0.4, x + r * 0.6, y + r * 0.8), 200, 320, fill=(0, 0, 0, 45), width=3
    )


def _bean(d: _Draw, rng: random.Random, x: float, y: float, r: float, colour: _RGB) -> None:
    a = rng.uniform(0, math.pi)
    d.polygon(_oval(x, y, r, r * 0.7, a), fill=_rgba(_jitter(rng, colour, 10)))
    ca, sa = math.cos(a), math.sin(a)
    crease = [
        (
            x + t * r * 0.8 * ca + math.sin(t * 3) * r * 0.12 * -sa,
            y + t * r * 0.8 * sa + math.sin(t * 3) * r * 0.12 * ca,
        )
        for t in (-1, -0.5, 0, 0.5, 1)
    ]
    d.line(crease, fill=(30, 16, 8, 200), width=max(2, int(r * 0.12)))


def _grain(
    d: _Draw, rng: random.Random, x: float, y: float, r: float, colour: _RGB, round_: bool
) -> None:
    ratio = 0.78 if round_ else 0.38
    d.polygon(
        _oval(x, y, r, r * ratio, rng.uniform(0, math.pi), 14), fill=_rgba(_jitter(rng, colour, 8))
    )


def _mushroom(d: _Draw, x: float, y: float, s: float, cap: _RGB, stem: _RGB) -> None:
    d.rounded_rectangle(
        (x - s * 0.18, y - s * 0.1, x + s * 0.18, y + s * 0.55), radius=s * 0.12, fill=_rgba(stem)
    )
    d.pieslice((x - s * 0.6, y - s * 0.55, x + s * 0.6, y + s * 0.35), 180, 360, fill=_rgba(cap))
    d.line(
        (x - s * 0.55, y - s * 0.1, x + s * 0.55, y - s * 0.1),
        fill=_rgba(_mix(cap, stem, 0.5)),
        width=max(2, int(s * 0.05)),
    )
    for k in (-0.3, 0.05, 0.32):
        d.arc(
            (x + s * (k - 0.12), y - s * 0.42, x + s * (k + 0.12), y - s * 0.22),
            200,
            340,
            fill=(255, 248, 230, 150),
            width=max(2, int(s * 0.03)),
        )


def _chilli(d: _Draw, rng: random.Random, x: float, y: float, s: float, colour: _RGB) -> None:
    a = rng.uniform(0, 2 * math.pi)
    body = []
    for i in range(11):
        t = i / 10
        body.append((s * (t - 0.5), -s * 0.13 * (1 - t) ** 0.7 + s * 0.18 * t * t))
    for i in range(10, -1, -1):
        t = i / 10
        body.append((s * (t - 0.5), s * 0.13 * (1 - t) ** 0.7 + s * 0.18 * t * t))
    d.polygon(_rotated(body, x, y, a), fill=_rgba(_jitter(rng, colour, 12)))
    stem = _rotated([(-s * 0.5, 0), (-s * 0.68, -s * 0.08)], x, y, a)
    d.line(stem, fill=(60, 110, 40, 255), width=max(3, int(s * 0.07)))


def _cup(d: _Draw, cx: float, cy: float, s: float, body: _RGB, drink: _RGB) -> None:
    """A cup on a saucer, seen slightly from above; (cx, cy) is the middle of the rim."""
    d.ellipse(
        (cx - s * 0.95, cy + s * 0.62, cx + s * 0.95, cy + s * 0.98),
        fill=_rgba(_mix(body, (0, 0, 0), 0.12)),
    )
    d.ellipse((cx - s * 0.9, cy + s * 0.6, cx + s * 0.9, cy + s * 0.92), fill=_rgba(body))
    d.arc(
        (cx + s * 0.38, cy + s * 0.02, cx + s * 0.95, cy + s * 0.5),
        -100,
        100,
        fill=_rgba(body),
        width=max(4, int(s * 0.1)),
    )
    d.polygon(
        [
            (cx - s * 0.62, cy),
            (cx + s * 0.62, cy),
            (cx + s * 0.42, cy + s * 0.72),
            (cx - s * 0.42, cy + s * 0.72),
        ],
        fill=_rgba(body),
    )
    d.ellipse((cx - s * 0.42, cy + s * 0.62, cx + s * 0.42, cy + s * 0.8), fill=_rgba(body))
    d.ellipse(
        (cx - s * 0.62, cy - s * 0.14, cx + s * 0.62, cy + s * 0.14),
        fill=_rgba(_mix(body, (0, 0, 0), 0.1)),
    )
    d.ellipse((cx - s * 0.55, cy - s * 0.1, cx + s * 0.55, cy + s * 0.11), fill=_rgba(drink))
    d.ellipse((cx - s * 0.3, cy - s * 0.05, cx + s * 0.05, cy + s * 0.03), fill=(255, 255, 255, 50))


def _steam(d: _Draw, cx: float, top: float, s: float) -> None:
    for k in (-0.25, 0.0, 0.25):
        pts = [(cx + s * k + math.sin(i * 0.9) * s * 0.07, top - i * s * 0.09) for i in range(7)]
        d.line(pts, fill=(255, 255, 255, 120), width=max(3, int(s * 0.05)), joint="curve")


def _bowl(
    d: _Draw,
    cx: float,
    cy: float,
    s: float,
    colour: _RGB,
    fill: list[tuple[_RGB, float]],
    rng: random.Random,
    round_: bool,
    bean: bool,
) -> None:
    """A bowl whose rim is centred on (cx, cy), heaped with grains/fruit/beans."""
    rim = (cx - s, cy - s * 0.22, cx + s, cy + s * 0.22)
    d.ellipse(rim, fill=_rgba(_mix(colour, (0, 0, 0), 0.35)))
    for _ in range(130 if not bean else 55):
        a = rng.uniform(math.pi, 2 * math.pi)
        rr = rng.uniform(0, 1) ** 0.6
        x = cx + math.cos(a) * s * 0.92 * rr
        y = cy + math.sin(a) * s * 0.55 * rr + s * 0.06
        colour_k = rng.choice(fill)
        if bean:
            _bean_plain(d, rng, x, y, s * 0.09 * colour_k[1], colour_k[0])
        else:
            _grain(d, rng, x, y, s * 0.055 * colour_k[1], colour_k[0], round_)
    d.chord((cx - s, cy - s * 0.9, cx + s, cy + s * 0.9), 0, 180, fill=_rgba(colour))
    d.arc(
        (cx - s * 0.85, cy - s * 0.7, cx + s * 0.85, cy + s * 0.75),
        20,
        70,
        fill=(255, 255, 255, 60),
        width=max(3, int(s * 0.04)),
    )


def _bean_plain(d: _Draw, rng: random.Random, x: float, y: float, r: float, colour: _RGB) -> None:
    d.polygon(
        _oval(x, y, r, r * 0.78, rng.uniform(0, math.pi), 16), fill=_rgba(_jitter(rng, colour, 8))
    )
    d.ellipse((x - r * 0.4, y - r * 0.45, x - r * 0.05, y - r * 0.15), fill=(255, 255, 255, 60))


def _jar(
    d: _Draw,
    cx: float,
    cy: float,
    s: float,
    glass: _RGB,
    content: _RGB,
    lid: _RGB,
    label: bool = True,
) -> None:
    """A jar standing with its base centre at (cx, cy + s)."""
    d.rounded_rectangle(
        (cx - s * 0.55, cy - s * 0.55, cx + s * 0.55, cy + s), radius=s * 0.16, fill=_rgba(glass)
    )
    d.rounded_rectangle(
        (cx - s * 0.5, cy - s * 0.3, cx + s * 0.5, cy + s * 0.95),
        radius=s * 0.13,
        fill=_rgba(content),
    )
    d.rounded_rectangle(
        (cx - s * 0.46, cy + s * 0.45, cx + s * 0.46, cy + s * 0.93),
        radius=s * 0.1,
        fill=_rgba(_mix(content, (0, 0, 0), 0.15)),
    )
    d.rounded_rectangle(
        (cx - s * 0.42, cy - s * 0.8, cx + s * 0.42, cy - s * 0.52),
        radius=s * 0.05,
        fill=_rgba(lid),
    )
    d.line(
        (cx - s * 0.38, cy - s * 0.66, cx + s * 0.38, cy - s * 0.66),
        fill=(255, 255, 255, 60),
        width=max(2, int(s * 0.03)),
    )
    if label:
        d.rounded_rectangle(
            (cx - s * 0.4, cy + s * 0.05, cx + s * 0.4, cy + s * 0.45),
            radius=s * 0.04,
            fill=(252, 246, 228, 235),
        )
        d.line(
            (cx - s * 0.25, cy + s * 0.18, cx + s * 0.25, cy + s * 0.18),
            fill=_rgba(lid, 200),
            width=max(3, int(s * 0.05)),
        )
        d.line(
            (cx - s * 0.18, cy + s * 0.32, cx + s * 0.18, cy + s * 0.32),
            fill=_rgba(lid, 140),
            width=max(2, int(s * 0.03)),
        )
    d.rounded_rectangle(
        (cx - s * 0.44, cy - s * 0.45, cx - s * 0.32, cy + s * 0.8),
        radius=s * 0.05,
        fill=(255, 255, 255, 70),
    )


def _bottle(
    d: _Draw, cx: float, cy: float, s: float, glass: _RGB, content: _RGB, cap: _RGB
) -> None:
    """A bottle whose body centre is at (cx, cy)."""
    d.rounded_rectangle(
        (cx - s * 0.38, cy - s * 0.5, cx + s * 0.38, cy + s * 0.95),
        radius=s * 0.14,
        fill=_rgba(glass),
    )
    d.polygon(
        [
            (cx - s * 0.38, cy - s * 0.42),
            (cx - s * 0.13, cy - s * 0.85),
            (cx + s * 0.13, cy - s * 0.85),
            (cx + s * 0.38, cy - s * 0.42),
        ],
        fill=_rgba(glass),
    )
    d.rounded_rectangle(
        (cx - s * 0.34, cy - s * 0.25, cx + s * 0.34, cy + s * 0.9),
        radius=s * 0.12,
        fill=_rgba(content),
    )
    d.rectangle((cx - s * 0.15, cy - s * 1.05, cx + s * 0.15, cy - s * 0.84), fill=_rgba(cap))
    d.rounded_rectangle(
        (cx - s * 0.3, cy + s * 0.1, cx + s * 0.3, cy + s * 0.55),
        radius=s * 0.03,
        fill=(252, 246, 228, 235),
    )
    d.line(
        (cx - s * 0.18, cy + s * 0.25, cx + s * 0.18, cy + s * 0.25),
        fill=_rgba(cap, 210),
        width=max(3, int(s * 0.05)),
    )
    d.rounded_rectangle(
        (cx - s * 0.3, cy - s * 0.3, cx - s * 0.2, cy + s * 0.8),
        radius=s * 0.05,
        fill=(255, 255, 255, 70),
    )


def _soft_shadows(
    base: Image.Image, boxes: Sequence[tuple[float, float, float, float]], strength: int = 110
) -> None:
    """Blurred elliptical shadows, drawn small and scaled up so they cost almost nothing."""
    if not boxes:
        return
    w, h = base.size
    k = 8
    mask = Image.new("L", (max(1, w // k), max(1, h // k)), 0)
    md = ImageDraw.Draw(mask)
    for x0, y0, x1, y1 in boxes:
        md.ellipse((x0 / k, y0 / k, x1 / k, y1 / k), fill=strength)
    mask = mask.filter(ImageFilter.GaussianBlur(3)).resize((w, h), Image.Resampling.BILINEAR)
    base.paste((40, 28, 20), (0, 0, w, h), mask)


def _glow(
    base: Image.Image, cx: float, cy: float, rx: float, ry: float, strength: int = 90
) -> None:
    w, h = base.size
    k = 8
    mask = Image.new("L", (max(1, w // k), max(1, h // k)), 0)
    ImageDraw.Draw(mask).ellipse(
        ((cx - rx) / k, (cy - ry) / k, (cx + rx) / k, (cy + ry) / k), fill=strength
    )
    mask = mask.filter(ImageFilter.GaussianBlur(6)).resize((w, h), Image.Resampling.BILINEAR)
    base.paste((255, 252, 244), (0, 0, w, h), mask)


# -- scenes, one per category --------------------------------------------------------------------

_Scene = Callable[[Image.Image, _Draw, random.Random, int, int, tuple[_RGB, ...], str], None]


def _fruit_colours(name: str, accents: tuple[_RGB, ...]) -> tuple[list[_RGB], bool]:
    """Colours of the fruit pieces and whether they are long slices rather than round fruit."""
    if _has(name, "chuối"):
        return [(222, 172, 82), (204, 150, 64), (232, 190, 104)], True
    if _has(name, "hồng"):
        return [(226, 112, 42), (206, 92, 34), (238, 136, 60)], False
    if _has(name, "khoai"):
        return [(232, 150, 52), (214, 128, 40), (240, 170, 76)], True
    if _has(name, "gừng"):
        return [(236, 210, 142), (222, 192, 120), (244, 222, 164)], True
    if _has(name, "sầu riêng"):
        return [(244, 212, 96), (236, 196, 72), (250, 224, 128)], False
    return list(accents), False


def _scene_dried_fruit(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    colours, long_ = _fruit_colours(name, accents)
    r = h * 0.05
    cx, cy, s = w * 0.5, h * 0.49, h * 0.32
    _glow(base, cx, cy - s * 0.3, s * 1.6, s * 1.1)
    loose = _scatter(rng, w, h, 10)
    _soft_shadows(
        base,
        [(cx - s * 1.05, cy + s * 0.55, cx + s * 1.05, cy + s * 1.0)]
        + [(x - r, y + r * 0.4, x + r * 1.2, y + r * 1.3) for x, y in loose],
    )

    def piece(x: float, y: float, rr: float) -> None:
        colour = _jitter(rng, rng.choice(colours), 10)
        if long_:
            a = rng.uniform(0, math.pi)
            d.polygon(_oval(x, y, rr * 1.5, rr * 0.7, a), fill=_rgba(colour))
            d.line(
                _rotated([(-rr * 0.9, 0), (rr * 0.9, 0)], x, y, a),
                fill=(255, 255, 255, 60),
                width=max(2, int(rr * 0.12)),
            )
        else:
            _fruit(d, x, y, rr, colour)

    for x, y in loose:
        piece(x, y, r * rng.uniform(0.8, 1.1))
    d.ellipse((cx - s, cy - s * 0.24, cx + s, cy + s * 0.24), fill=(120, 70, 50, 255))
    heap = []
    for _ in range(26):
        a = rng.uniform(math.pi * 1.02, math.pi * 1.98)
        rr = rng.uniform(0.1, 1) ** 0.7
        heap.append((cx + math.cos(a) * s * 0.82 * rr, cy + math.sin(a) * s * 0.55 * rr + s * 0.1))
    for x, y in sorted(heap, key=lambda p: p[1]):
        piece(x, y, r * rng.uniform(0.95, 1.25))
    d.chord((cx - s, cy - s * 0.85, cx + s, cy + s * 0.85), 0, 180, fill=(244, 236, 222, 255))
    d.arc(
        (cx - s, cy - s * 0.85, cx + s, cy + s * 0.85), 0, 180, fill=(206, 190, 168, 255), width=4
    )
    d.line(
        (cx - s * 0.8, cy + s * 0.3, cx + s * 0.8, cy + s * 0.3),
        fill=_rgba(accents[0], 160),
        width=max(3, int(s * 0.05)),
    )


def _scene_tea(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    drink: _RGB = (202, 186, 88)
    if _has(name, "hồng trà", "phổ nhĩ", "hoàng trà", "ô long", "vỏ"):
        drink = (186, 98, 40)
    elif _has(name, "tím"):
        drink = (176, 84, 122)
    elif _has(name, "atiso", "cà gai"):
        drink = (128, 86, 48)
    cx, cy, s = w * 0.5, h * 0.42, h * 0.26
    _glow(base, cx, cy, s * 2.0, s * 1.5)
    leaves = _scatter(rng, w, h, 12, 0.04)
    _soft_shadows(base, [(cx - s * 1.0, cy + s * 0.78, cx + s * 1.0, cy + s * 1.12)])
    for x, y in leaves:
        length = h * rng.uniform(0.15, 0.24)
        a = rng.uniform(0, 2 * math.pi)
        colour = _jitter(rng, rng.choice(accents), 12)
        d.polygon(_leaf(x, y, length, length * 0.42, a), fill=_rgba(colour))
        d.line(
            _rotated([(-length * 0.5, 0), (length * 0.45, 0)], x, y, a),
            fill=_rgba(_mix(colour, (255, 255, 255), 0.35)),
            width=max(2, int(h * 0.004)),
        )
        for t in (-0.25, 0.0, 0.22):
            d.line(
                _rotated([(length * t, 0), (length * (t + 0.12), -length * 0.12)], x, y, a),
                fill=_rgba(_mix(colour, (255, 255, 255), 0.25)),
                width=2,
            )
            d.line(
                _rotated([(length * t, 0), (length * (t + 0.12), length * 0.12)], x, y, a),
                fill=_rgba(_mix(colour, (255, 255, 255), 0.25)),
                width=2,
            )
    _cup(d, cx, cy, s, (250, 247, 238), drink)
    _steam(d, cx, cy - s * 0.2, s)


def _scene_coffee(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    cx, cy, s = w * 0.5, h * 0.42, h * 0.26
    _glow(base, cx, cy, s * 2.0, s * 1.5)
    beans = _scatter(rng, w, h, 30, 0.03)
    _soft_shadows(base, [(cx - s * 1.0, cy + s * 0.78, cx + s * 1.0, cy + s * 1.12)])
    for x, y in beans:
        _bean(d, rng, x, y, h * rng.uniform(0.032, 0.042), rng.choice(accents))
    body = rng.choice(((250, 247, 238), (236, 226, 210), (70, 84, 110)))
    _cup(d, cx, cy, s, body, (70, 40, 22))
    d.ellipse(
        (cx - s * 0.42, cy - s * 0.06, cx + s * 0.42, cy + s * 0.08),
        outline=(176, 120, 70, 200),
        width=max(2, int(s * 0.03)),
    )
    _steam(d, cx, cy - s * 0.2, s)


def _hexagon(cx: float, cy: float, r: float) -> list[_Point]:
    return [
        (cx + r * math.cos(math.pi / 3 * i), cy + r * math.sin(math.pi / 3 * i)) for i in range(6)
    ]


def _bee(d: _Draw, x: float, y: float, s: float) -> None:
    d.ellipse((x - s * 0.6, y - s * 1.0, x + s * 0.2, y - s * 0.2), fill=(255, 255, 255, 150))
    d.ellipse((x - s * 0.1, y - s * 1.0, x + s * 0.7, y - s * 0.2), fill=(255, 255, 255, 150))
    d.ellipse((x - s, y - s * 0.6, x + s, y + s * 0.6), fill=(244, 184, 30, 255))
    for k in (-0.35, 0.1, 0.55):
        d.line(
            (x + s * k, y - s * 0.55, x + s * k, y + s * 0.55),
            fill=(40, 30, 20, 255),
            width=max(2, int(s * 0.22)),
        )
    d.ellipse((x - s * 1.25, y - s * 0.32, x - s * 0.65, y + s * 0.32), fill=(40, 30, 20, 255))


def _scene_honey(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    r = h * 0.075
    dx, dy = r * 1.5, r * math.sqrt(3)
    col = 0
    x = -r
    while x < w + r:
        y = -r + (dy / 2 if col % 2 else 0)
        while y < h * 0.85:
            filled = rng.random() < 0.22
            d.polygon(
                _hexagon(x, y, r * 0.92),
                fill=_rgba(accents[3], 70) if filled else None,
                outline=_rgba(accents[2], 60),
                width=3,
            )
            y += dy
        x += dx
        col += 1
    cx, cy, s = w * 0.5, h * 0.36, h * 0.3
    _glow(base, cx, cy + s * 0.2, s * 1.8, s * 1.5, 70)
    _soft_shadows(base, [(cx - s * 0.8, cy + s * 0.85, cx + s * 0.8, cy + s * 1.2)])
    content: _RGB = (224, 148, 28)
    if _has(name, "rừng"):
        content = (156, 82, 20)
    elif _has(name, "bạc hà", "keo"):
        content = (240, 184, 52)
    elif _has(name, "phấn"):
        content = (244, 196, 40)
    if _has(name, "chai"):
        _bottle(d, cx, cy + s * 0.1, s, (255, 238, 200), content, (120, 60, 24))
    else:
        _jar(
            d,
            cx,
            cy,
            s,
            (255, 240, 210),
            content,
            rng.choice(((150, 60, 30), (176, 40, 40), (96, 70, 40))),
        )
    if _has(name, "phấn"):
        for _ in range(60):
            px, py = cx + rng.uniform(-s * 0.45, s * 0.45), cy + rng.uniform(-s * 0.25, s * 0.95)
            if abs(px - cx) < s * 0.4 and s * 0.05 < py - cy < s * 0.45:
                continue
            d.ellipse((px - 5, py - 5, px + 5, py + 5), fill=(214, 150, 20, 255))
    for bx, by in _scatter(rng, w, h, 3, 0.1):
        _bee(d, bx, by, h * 0.028)


def _grain_colours(name: str) -> tuple[list[tuple[_RGB, float]], bool, bool]:
    """(colour, size) choices, whether grains are round, whether they are beans."""
    if _has(name, "đậu đen"):
        return [((40, 36, 40), 1.0), ((58, 52, 56), 0.95)], True, True
    if _has(name, "đậu xanh"):
        return [((112, 150, 58), 0.8), ((96, 136, 48), 0.75)], True, True
    if _has(name, "đậu"):
        return [((230, 196, 116), 1.0), ((218, 180, 98), 0.95)], True, True
    if _has(name, "đỏ", "lứt"):
        return [((168, 70, 58), 1.0), ((186, 92, 70), 1.0), ((146, 58, 50), 1.0)], False, False
    if _has(name, "nếp"):
        return [((252, 252, 248), 1.0), ((240, 238, 230), 1.0)], True, False
    return [((246, 240, 224), 1.0), ((236, 228, 206), 1.0), ((252, 248, 238), 1.0)], False, False


def _rice_stalk(d: _Draw, x: float, y: float, length: float, lean: float) -> None:
    pts = [(x + lean * length * (t / 10) ** 2, y - length * t / 10) for t in range(11)]
    d.line(pts, fill=(176, 140, 60, 255), width=4, joint="curve")
    for i, (px, py) in enumerate(pts[4:], start=4):
        side = -1 if i % 2 else 1
        g = _oval(px + side * 14, py + 4, 14, 6, side * 0.6 + lean * 0.5, 12)
        d.polygon(g, fill=(222, 178, 72, 255))


def _scene_rice(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    fill, round_, bean = _grain_colours(name)
    cx, cy, s = w * 0.5, h * 0.47, h * 0.34
    _glow(base, cx, cy - s * 0.2, s * 1.7, s * 1.2)
    _soft_shadows(base, [(cx - s * 1.05, cy + s * 0.6, cx + s * 1.05, cy + s * 1.0)])
    if not bean:
        _rice_stalk(d, w * 0.12, h * 0.8, h * 0.6, 0.35)
        _rice_stalk(d, w * 0.88, h * 0.8, h * 0.55, -0.35)
        _rice_stalk(d, w * 0.18, h * 0.82, h * 0.45, 0.15)
    for _ in range(70 if not bean else 30):
        x = rng.uniform(w * 0.1, w * 0.9)
        y = rng.uniform(h * 0.7, h * 0.8)
        colour, size = rng.choice(fill)
        if bean:
            _bean_plain(d, rng, x, y, s * 0.09 * size, colour)
        else:
            _grain(d, rng, x, y, s * 0.055 * size, colour, round_)
    bowl = rng.choice(((150, 96, 56), (120, 76, 46), (196, 170, 130)))
    _bowl(d, cx, cy, s, bowl, fill, rng, round_, bean)


def _star_anise(d: _Draw, rng: random.Random, x: float, y: float, r: float) -> None:
    a = rng.uniform(0, math.pi)
    d.polygon(_star(x, y, r, r * 0.38, 8, a), fill=_rgba(_jitter(rng, (128, 58, 34), 10)))
    for i in range(8):
        aa = a + math.pi * 2 * i / 8
        px, py = x + r * 0.6 * math.cos(aa), y + r * 0.6 * math.sin(aa)
        d.ellipse(
            (px - r * 0.1, py - r * 0.1, px + r * 0.1, py + r * 0.1), fill=(206, 150, 90, 255)
        )
    d.ellipse((x - r * 0.14, y - r * 0.14, x + r * 0.14, y + r * 0.14), fill=(90, 40, 24, 255))


def _cardamom(d: _Draw, rng: random.Random, x: float, y: float, r: float) -> None:
    a = rng.uniform(0, math.pi)
    d.polygon(_oval(x, y, r, r * 0.62, a), fill=_rgba(_jitter(rng, (132, 60, 44), 10)))
    for k in (-0.3, 0.0, 0.3):
        d.line(
            _rotated([(-r * 0.8, r * k), (r * 0.8, r * k)], x, y, a),
            fill=(92, 38, 28, 200),
            width=3,
        )


def _scene_spices(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    cx, cy, s = w * 0.5, h * 0.5, h * 0.32

    def item(x: float, y: float, scale: float) -> None:
        if _has(name, "hồi", "ngũ vị"):
            _star_anise(d, rng, x, y, h * 0.06 * scale)
        elif _has(name, "thảo quả"):
            _cardamom(d, rng, x, y, h * 0.05 * scale)
        elif _has(name, "gừng"):
            d.polygon(
                _blob(rng, x, y, h * 0.05 * scale, 0.25),
                fill=_rgba(_jitter(rng, (214, 178, 112), 10)),
            )
        elif _has(name, "ớt", "chẩm chéo"):
            _chilli(d, rng, x, y, h * 0.13 * scale, rng.choice(((200, 30, 24), (224, 60, 30))))
        elif _has(name, "lá"):
            length = h * 0.12 * scale
            d.polygon(
                _leaf(x, y, length, length * 0.5, rng.uniform(0, 6.3)),
                fill=_rgba(_jitter(rng, (70, 100, 50))),
            )
        else:
            colour: _RGB = (44, 34, 30)
            if _has(name, "đỏ", "kiến", "khén"):
                colour = (150, 40, 32)
            elif _has(name, "trắng", "sọ", "muối"):
                colour = (226, 214, 190)
            elif _has(name, "dổi"):
                colour = (96, 66, 44)
            rr = h * 0.016 * scale
            d.ellipse((x - rr, y - rr, x + rr, y + rr), fill=_rgba(_jitter(rng, colour, 10)))
            d.ellipse(
                (x - rr * 0.5, y - rr * 0.6, x - rr * 0.05, y - rr * 0.2), fill=(255, 255, 255, 70)
            )

    _glow(base, cx, cy - s * 0.3, s * 1.7, s * 1.2)
    bottle = _has(name, "tương", "chẩm chéo")
    loose = _scatter(rng, w, h, 14 if not _has(name, "tiêu", "muối", "dổi", "khén") else 90, 0.04)
    _soft_shadows(base, [(cx - s * 1.0, cy + s * 0.6, cx + s * 1.0, cy + s * 0.98)])
    for x, y in loose:
        item(x, y, rng.uniform(0.8, 1.1))
    if bottle:
        content = (120, 66, 30) if _has(name, "đậu") else (196, 40, 26)
        if _has(name, "chai"):
            _bottle(d, cx, cy - s * 0.25, s * 0.9, (250, 236, 226), content, (60, 60, 60))
        else:
            _jar(d, cx, cy - s * 0.2, s * 0.85, (250, 236, 226), content, (60, 60, 60))
        return
    d.ellipse((cx - s, cy - s * 0.24, cx + s, cy + s * 0.24), fill=(92, 56, 34, 255))
    heap = []
    many = _has(name, "tiêu", "muối", "dổi", "khén")
    for _ in range(160 if many else 22):
        a = rng.uniform(math.pi * 1.02, math.pi * 1.98)
        rr = rng.uniform(0.05, 1) ** 0.7
        heap.append((cx + math.cos(a) * s * 0.85 * rr, cy + math.sin(a) * s * 0.5 * rr + s * 0.1))
    for x, y in sorted(heap, key=lambda p: p[1]):
        item(x, y, 1.0)
    d.chord((cx - s, cy - s * 0.85, cx + s, cy + s * 0.85), 0, 180, fill=(150, 98, 58, 255))
    for k in (0.25, 0.5):
        d.arc(
            (cx - s, cy - s * (0.85 - k * 0.3), cx + s, cy + s * (0.85 - k * 0.3)),
            10,
            170,
            fill=(120, 74, 40, 255),
            width=3,
        )


def _scene_mushrooms(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    cx, cy = w * 0.5, h * 0.5
    _glow(base, cx, cy - h * 0.1, w * 0.4, h * 0.35)
    spots = _scatter(rng, w, h, 9, 0.06)
    big = [
        (cx - h * 0.2, cy + h * 0.02, h * 0.3),
        (cx + h * 0.18, cy - h * 0.04, h * 0.36),
        (cx + h * 0.02, cy + h * 0.14, h * 0.24),
    ]
    _soft_shadows(base, [(x - s * 0.6, y + s * 0.42, x + s * 0.6, y + s * 0.68) for x, y, s in big])

    def one(x: float, y: float, s: float) -> None:
        if _has(name, "mộc nhĩ"):
            d.polygon(_blob(rng, x, y, s * 0.5, 0.3), fill=_rgba(_jitter(rng, (48, 34, 32), 8)))
            d.polygon(_blob(rng, x + s * 0.05, y - s * 0.05, s * 0.3, 0.3), fill=(90, 64, 58, 200))
        elif _has(name, "linh chi"):
            pts = [
                (
                    x + s * 0.6 * math.cos(a / 10 * math.pi),
                    y - s * 0.45 * math.sin(a / 10 * math.pi),
                )
                for a in range(11)
            ]
            d.polygon([*pts, (x, y + s * 0.05)], fill=_rgba(_jitter(rng, (150, 46, 30), 10)))
            for k in (0.8, 0.6, 0.4):
                d.arc(
                    (x - s * 0.6 * k, y - s * 0.45 * k, x + s * 0.6 * k, y + s * 0.45 * k),
                    190,
                    350,
                    fill=(214, 120, 60, 200),
                    width=max(2, int(s * 0.03)),
                )
            d.ellipse((x - s * 0.25, y - s * 0.3, x, y - s * 0.2), fill=(255, 255, 255, 70))
        elif _has(name, "sò"):
            pts = [
                (
                    x + s * 0.55 * math.cos(a / 10 * math.pi),
                    y - s * 0.4 * math.sin(a / 10 * math.pi),
                )
                for a in range(11)
            ]
            d.polygon(
                [*pts, (x + s * 0.08, y + s * 0.2), (x - s * 0.08, y + s * 0.2)],
                fill=_rgba(_jitter(rng, (196, 184, 166), 8)),
            )
        else:
            _mushroom(d, x, y, s, _jitter(rng, rng.choice(accents[:3]), 10), (240, 228, 206))

    for x, y in spots:
        one(x, y, h * rng.uniform(0.12, 0.16))
    for x, y, s in big:
        one(x, y, s)


def _scene_handicrafts(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    if _has(name, "túi"):
        x0, y0, x1, y1 = w * 0.26, h * 0.22, w * 0.74, h * 0.78
        d.arc(
            (w * 0.34, h * 0.02, w * 0.66, h * 0.42),
            180,
            360,
            fill=(70, 40, 26, 255),
            width=int(h * 0.025),
        )
    elif _has(name, "gối"):
        x0, y0, x1, y1 = w * 0.3, h * 0.1, w * 0.7, h * 0.78
    else:
        x0, y0, x1, y1 = w * 0.12, h * 0.08, w * 0.88, h * 0.74
    _soft_shadows(base, [(x0 - 20, y0 + 10, x1 + 30, y1 + 40)], 140)
    indigo: _RGB = (30, 36, 84) if not _has(name, "ê đê", "k'ho") else (24, 22, 26)
    d.rectangle((x0, y0, x1, y1), fill=_rgba(indigo))
    y = y0 + h * 0.02
    while y < y1 - h * 0.02:
        band = min(h * rng.uniform(0.04, 0.1), y1 - y)
        colour = rng.choice(accents)
        kind = rng.choice(("plain", "zigzag", "diamond", "dots", "check"))
        if kind == "plain":
            d.rectangle((x0, y, x1, y + band * 0.5), fill=_rgba(colour))
        elif kind == "zigzag":
            step = band * 0.8
            pts = []
            x = x0
            up = True
            while x <= x1:
                pts.append((x, y + (band * 0.15 if up else band * 0.85)))
                x += step
                up = not up
            d.line(pts, fill=_rgba(colour), width=max(3, int(band * 0.18)))
        elif kind == "diamond":
            step = band * 1.1
            x = x0 + step / 2
            other = rng.choice(accents)
            while x < x1 - step / 3:
                d.polygon(
                    [
                        (x, y),
                        (x + band * 0.5, y + band / 2),
                        (x, y + band),
                        (x - band * 0.5, y + band / 2),
                    ],
                    fill=_rgba(colour),
                )
                d.polygon(
                    [
                        (x, y + band * 0.3),
                        (x + band * 0.2, y + band / 2),
                        (x, y + band * 0.7),
                        (x - band * 0.2, y + band / 2),
                    ],
                    fill=_rgba(other),
                )
                x += step
        elif kind == "dots":
            step = band * 0.7
            x = x0 + step / 2
            while x < x1:
                rr = band * 0.16
                d.ellipse(
                    (x - rr, y + band / 2 - rr, x + rr, y + band / 2 + rr), fill=_rgba(colour)
                )
                x += step
        else:
            step = band * 0.5
            x = x0
            i = 0
            while x < x1:
                if i % 2 == 0:
                    d.rectangle((x, y, min(x1, x + step), y + band / 2), fill=_rgba(colour))
                else:
                    d.rectangle((x, y + band / 2, min(x1, x + step), y + band), fill=_rgba(colour))
                x += step
                i += 1
        y += band + h * rng.uniform(0.01, 0.03)
    if not _has(name, "túi", "gối", "áo"):
        for i in range(int((x1 - x0) / 14)):
            fx = x0 + 7 + i * 14
            d.line(
                (fx, y1, fx + rng.uniform(-4, 4), y1 + h * 0.05),
                fill=_rgba(rng.choice(accents)),
                width=4,
            )
    if _has(name, "áo"):
        for k in range(5):
            by = y0 + (y1 - y0) * (0.15 + 0.16 * k)
            d.ellipse(
                (w * 0.5 - 16, by - 16, w * 0.5 + 16, by + 16),
                fill=(214, 216, 222, 255),
                outline=(150, 150, 160, 255),
                width=3,
            )


def _ridge(rng: random.Random, w: int, base_y: float, amp: float, rough: float) -> list[_Point]:
    pts: list[_Point] = [(0, base_y - rng.uniform(0, amp)), (w, base_y - rng.uniform(0, amp))]
    for _ in range(6):
        new: list[_Point] = [pts[0]]
        for (ax, ay), (bx, by) in itertools.pairwise(pts):
            new.append(((ax + bx) / 2, (ay + by) / 2 + rng.uniform(-amp, amp)))
            new.append((bx, by))
        pts = new
        amp *= rough
    return pts


def _scene_tours(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    sx, sy = rng.uniform(w * 0.2, w * 0.8), rng.uniform(h * 0.12, h * 0.28)
    _glow(base, sx, sy, h * 0.3, h * 0.3, 150)
    d.ellipse(
        (sx - h * 0.07, sy - h * 0.07, sx + h * 0.07, sy + h * 0.07), fill=(255, 236, 176, 255)
    )
    for _ in range(4):
        x, y = rng.uniform(0, w), rng.uniform(h * 0.08, h * 0.3)
        for _ in range(4):
            rx, ry = rng.uniform(50, 110), rng.uniform(20, 40)
            ox = rng.uniform(-80, 80)
            d.ellipse((x + ox - rx, y - ry, x + ox + rx, y + ry), fill=(255, 255, 255, 130))
    layers = len(accents)
    for i, colour in enumerate(accents):
        ridge = _ridge(rng, w, h * (0.42 + 0.12 * i), h * (0.16 - 0.02 * i), 0.55)
        d.polygon([*ridge, (w, h), (0, h)], fill=_rgba(colour))
        if i == 0 and _has(name, "mây"):
            for _ in range(40):
                x, y = rng.uniform(-50, w + 50), h * rng.uniform(0.5, 0.6)
                rx, ry = rng.uniform(60, 140), rng.uniform(18, 36)
                d.ellipse((x - rx, y - ry, x + rx, y + ry), fill=(255, 255, 255, 170))
        if i == layers - 2:
            near = ridge
    front = accents[-1]
    if _has(name, "chè"):
        for k in range(9):
            y = h * (0.7 + 0.03 * k)
            d.arc(
                (-w * 0.2, y - h * 0.1, w * 1.2, y + h * 0.1),
                190,
                350,
                fill=(96, 150, 80, 255),
                width=10,
            )
    elif _has(name, "kayak", "thuyền", "sông", "hồ ba bể"):
        d.rectangle((0, h * 0.72, w, h), fill=(70, 130, 160, 255))
        for _ in range(14):
            x, y = rng.uniform(0, w), rng.uniform(h * 0.74, h * 0.8)
            d.line((x, y, x + rng.uniform(30, 90), y), fill=(200, 230, 240, 180), width=3)
        bx, by = w * rng.uniform(0.3, 0.6), h * 0.76
        d.polygon(
            [(bx - 90, by - 10), (bx + 90, by - 10), (bx + 60, by + 12), (bx - 60, by + 12)],
            fill=(200, 72, 40, 255),
        )
        d.ellipse((bx - 12, by - 50, bx + 12, by - 26), fill=(40, 40, 40, 255))
        d.line((bx, by - 28, bx, by - 8), fill=(40, 40, 40, 255), width=10)
        d.line((bx - 60, by - 46, bx + 60, by - 4), fill=(240, 200, 60, 255), width=6)
    else:
        for k in range(6):
            y = h * (0.72 + 0.028 * k)
            d.arc(
                (-w * 0.1, y - h * 0.06, w * 1.1, y + h * 0.08),
                195,
                345,
                fill=_rgba(_mix(front, (200, 220, 140), 0.35)),
                width=5,
            )
    if _has(name, "phòng", "homestay", "nhà", "giường", "ngủ", "nghỉ"):
        hx = w * rng.uniform(0.58, 0.74)
        hy = min(y for x, y in near if abs(x - hx) < w * 0.08) + h * 0.06
        hw, hh = w * 0.16, h * 0.1
        for k in range(5):
            px = hx - hw / 2 + k * hw / 4
            d.line((px, hy + hh, px, hy + hh + h * 0.07), fill=(70, 46, 30, 255), width=6)
        d.rectangle((hx - hw / 2, hy, hx + hw / 2, hy + hh), fill=(150, 100, 62, 255))
        d.polygon(
            [
                (hx - hw * 0.65, hy + 6),
                (hx - hw * 0.3, hy - hh * 0.9),
                (hx + hw * 0.3, hy - hh * 0.9),
                (hx + hw * 0.65, hy + 6),
            ],
            fill=(96, 62, 40, 255),
        )
        for k in (-0.25, 0.1):
            d.rectangle(
                (hx + hw * k, hy + hh * 0.3, hx + hw * (k + 0.14), hy + hh * 0.7),
                fill=(255, 214, 120, 255),
            )
    if _has(name, "đạp xe"):
        bx, by = w * 0.3, h * 0.74
        for off in (-36, 36):
            d.ellipse(
                (bx + off - 26, by - 26, bx + off + 26, by + 26), outline=(40, 40, 40, 255), width=5
            )
        d.line(
            [(bx - 36, by), (bx - 6, by - 34), (bx + 36, by), (bx, by), (bx - 6, by - 34)],
            fill=(200, 60, 40, 255),
            width=5,
        )


def _capsule(cx: float, cy: float, length: float, radius: float, angle: float) -> list[_Point]:
    pts: list[_Point] = []
    for i in range(9):
        a = -math.pi / 2 + math.pi * i / 8
        pts.append((length / 2 + radius * math.cos(a), radius * math.sin(a)))
    for i in range(9):
        a = math.pi / 2 + math.pi * i / 8
        pts.append((-length / 2 + radius * math.cos(a), radius * math.sin(a)))
    return _rotated(pts, cx, cy, angle)


def _durian(d: _Draw, rng: random.Random, x: float, y: float, s: float) -> None:
    d.ellipse(
        (x - s, y - s * 0.85, x + s, y + s * 0.85), fill=_rgba(_jitter(rng, (120, 134, 48), 8))
    )
    for row in range(7):
        for col in range(8):
            px = x - s * 0.85 + col * s * 0.24 + (s * 0.12 if row % 2 else 0)
            py = y - s * 0.7 + row * s * 0.22
            if ((px - x) / s) ** 2 + ((py - y) / (s * 0.85)) ** 2 > 0.85:
                continue
            d.polygon(
                [
                    (px - s * 0.07, py + s * 0.06),
                    (px + s * 0.07, py + s * 0.06),
                    (px, py - s * 0.09),
                ],
                fill=(86, 98, 30, 255),
            )
    d.line(
        (x, y - s * 0.85, x + s * 0.05, y - s * 1.1),
        fill=(100, 80, 40, 255),
        width=max(4, int(s * 0.07)),
    )


def _scene_other(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    cx, cy = w * 0.5, h * 0.45
    if _has(name, "mận", "hồng không hạt", "hồng ") and not _has(name, "siro"):
        colours = (
            list(_PALETTES["dried-fruit"][2]) if "mận" in name else [(236, 124, 40), (222, 104, 30)]
        )
        _scene_dried_fruit(base, d, rng, w, h, tuple(colours), "")
        return
    if _has(name, "cốm"):
        _glow(base, cx, cy, w * 0.35, h * 0.35)
        _bowl(
            d,
            cx,
            h * 0.5,
            h * 0.36,
            (150, 96, 56),
            [((150, 190, 90), 1.0), ((176, 206, 110), 1.0)],
            rng,
            True,
            False,
        )
        return
    _glow(base, cx, cy, w * 0.38, h * 0.36)
    if _has(name, "sầu riêng") and not _has(name, "cơm"):
        _soft_shadows(
            base, [(w * 0.22, h * 0.62, w * 0.56, h * 0.78), (w * 0.46, h * 0.64, w * 0.8, h * 0.8)]
        )
        _durian(d, rng, w * 0.38, h * 0.45, h * 0.24)
        _durian(d, rng, w * 0.62, h * 0.5, h * 0.22)
    elif _has(name, "sầu riêng"):
        _soft_shadows(base, [(w * 0.25, h * 0.6, w * 0.75, h * 0.8)])
        d.rounded_rectangle(
            (w * 0.25, h * 0.28, w * 0.75, h * 0.72), radius=30, fill=(236, 240, 244, 255)
        )
        for _ in range(7):
            x, y = rng.uniform(w * 0.33, w * 0.67), rng.uniform(h * 0.36, h * 0.64)
            d.polygon(
                _blob(rng, x, y, h * 0.08, 0.15), fill=_rgba(_jitter(rng, (246, 210, 90), 10))
            )
    elif _has(name, "bơ"):
        spots = [(w * 0.36, h * 0.44), (w * 0.6, h * 0.38), (w * 0.5, h * 0.58)]
        _soft_shadows(
            base, [(x - h * 0.17, y + h * 0.12, x + h * 0.17, y + h * 0.24) for x, y in spots]
        )
        for i, (x, y) in enumerate(spots):
            a = rng.uniform(-0.6, 0.6) + math.pi / 2
            if i == 2:
                d.polygon(_oval(x, y, h * 0.2, h * 0.14, a - math.pi / 2), fill=(60, 100, 40, 255))
                d.polygon(
                    _oval(x, y, h * 0.18, h * 0.12, a - math.pi / 2), fill=(214, 222, 120, 255)
                )
                d.ellipse(
                    (x - h * 0.06, y - h * 0.06, x + h * 0.06, y + h * 0.06),
                    fill=(126, 74, 40, 255),
                )
            else:
                d.polygon(
                    _oval(x, y, h * 0.2, h * 0.14, a - math.pi / 2),
                    fill=_rgba(_jitter(rng, (64, 104, 40), 8)),
                )
                d.ellipse(
                    (x - h * 0.06, y - h * 0.1, x - h * 0.01, y - h * 0.04),
                    fill=(255, 255, 255, 60),
                )
    elif _has(name, "mắc ca", "hạt dẻ"):
        nut: _RGB = (150, 100, 60) if "mắc ca" in name else (112, 60, 34)
        if _has(name, "nhân", "bóc"):
            nut = (232, 210, 160)
        for x, y in _scatter(rng, w, h, 12, 0.06):
            _bean_plain(d, rng, x, y, h * 0.05, nut)
        _soft_shadows(base, [(w * 0.5 - h * 0.38, h * 0.6, w * 0.5 + h * 0.38, h * 0.86)])
        _bowl(
            d,
            w * 0.5,
            h * 0.52,
            h * 0.36,
            (196, 170, 130),
            [(nut, 1.0), (_mix(nut, (0, 0, 0), 0.1), 1.0)],
            rng,
            True,
            True,
        )
    elif _has(name, "ca cao", "sô cô la"):
        _soft_shadows(base, [(w * 0.28, h * 0.62, w * 0.72, h * 0.8)])
        for i in range(3):
            x, y = w * (0.2 + 0.3 * i), h * rng.uniform(0.18, 0.3)
            a = rng.uniform(-0.6, 0.6)
            d.polygon(
                _oval(x, y, h * 0.14, h * 0.08, a),
                fill=_rgba(rng.choice(((226, 150, 40), (196, 90, 40), (230, 190, 60)))),
            )
            for k in (-0.5, 0.0, 0.5):
                d.line(
                    _rotated([(-h * 0.12, h * 0.08 * k), (h * 0.12, h * 0.08 * k)], x, y, a),
                    fill=(150, 70, 30, 160),
                    width=3,
                )
        x0, y0, x1, y1 = w * 0.3, h * 0.36, w * 0.7, h * 0.72
        d.rounded_rectangle((x0, y0, x1, y1), radius=18, fill=(74, 40, 26, 255))
        for i in range(1, 4):
            x = x0 + (x1 - x0) * i / 4
            d.line((x, y0 + 8, x, y1 - 8), fill=(52, 26, 16, 255), width=6)
        for i in range(1, 3):
            y = y0 + (y1 - y0) * i / 3
            d.line((x0 + 8, y, x1 - 8, y), fill=(52, 26, 16, 255), width=6)
        d.line((x0 + 20, y0 + 14, x1 - 20, y0 + 14), fill=(130, 84, 60, 160), width=5)
    elif _has(name, "thịt", "lạp", "sườn"):
        # strips or sausages hanging from a bamboo pole over the kitchen fire (gác bếp)
        for _ in range(5):
            x = rng.uniform(w * 0.2, w * 0.8)
            pts = [(x + math.sin(i * 0.8 + x) * 18, h * (0.8 - 0.08 * i)) for i in range(9)]
            d.line(pts, fill=(255, 255, 255, 60), width=14, joint="curve")
        d.line(
            (w * 0.08, h * 0.16, w * 0.92, h * 0.14), fill=(150, 120, 60, 255), width=int(h * 0.03)
        )
        for k in range(1, 6):
            x = w * (0.08 + 0.168 * k) - w * 0.084
            d.line((x, h * 0.12, x, h * 0.18), fill=(120, 96, 50, 255), width=4)
        for i in range(6):
            x = w * (0.2 + 0.12 * i) + rng.uniform(-10, 10)
            top = h * 0.17
            d.line((x, h * 0.14, x, top + h * 0.03), fill=(226, 206, 160, 255), width=4)
            if _has(name, "thịt"):
                length = h * rng.uniform(0.36, 0.48)
                half = h * rng.uniform(0.028, 0.04)
                left = [
                    (x - half * (1 - 0.3 * t) + rng.uniform(-4, 4), top + length * t)
                    for t in (0, 0.2, 0.4, 0.6, 0.8, 1)
                ]
                right = [
                    (x + half * (1 - 0.3 * t) + rng.uniform(-4, 4), top + length * t)
                    for t in (1, 0.8, 0.6, 0.4, 0.2, 0)
                ]
                d.polygon(left + right, fill=_rgba(_jitter(rng, (86, 30, 22), 10)))
                for t in (0.25, 0.5, 0.75):
                    d.line(
                        (
                            x - half * 0.5,
                            top + length * t,
                            x + half * 0.4,
                            top + length * (t + 0.05),
                        ),
                        fill=(140, 60, 40, 200),
                        width=3,
                    )
            else:
                y = top + h * 0.03
                for _ in range(rng.randint(3, 4)):
                    link = h * 0.11
                    d.polygon(
                        _capsule(x, y + link / 2, link * 0.7, h * 0.03, math.pi / 2),
                        fill=_rgba(_jitter(rng, (150, 40, 36), 10)),
                    )
                    for _ in range(3):
                        px, py = x + rng.uniform(-8, 8), y + rng.uniform(link * 0.25, link * 0.75)
                        d.ellipse((px - 4, py - 4, px + 4, py + 4), fill=(240, 220, 200, 200))
                    d.line((x - 10, y + link, x + 10, y + link), fill=(226, 206, 160, 255), width=4)
                    y += link + 4
    elif _has(name, "miến"):
        # two skeins of glass noodles, each tied in the middle
        _soft_shadows(base, [(w * 0.15, h * 0.6, w * 0.85, h * 0.78)])
        for cx2, cy2 in ((w * 0.36, h * 0.42), (w * 0.62, h * 0.52)):
            half_w, half_h = h * 0.3, h * 0.13
            for _ in range(90):
                v = rng.uniform(-1, 1)
                y = cy2 + v * half_h
                span = half_w * math.sqrt(max(0.0, 1 - v * v)) * rng.uniform(0.85, 1.0)
                phase = rng.uniform(0, 6.3)
                pts = [
                    (cx2 - span + 2 * span * i / 16, y + math.sin(phase + i * 1.3) * 5)
                    for i in range(17)
                ]
                d.line(pts, fill=_rgba(_jitter(rng, (150, 128, 108), 14)), width=4)
            d.rectangle(
                (cx2 - h * 0.025, cy2 - half_h * 1.05, cx2 + h * 0.025, cy2 + half_h * 1.05),
                fill=(196, 60, 50, 255),
            )
    elif _has(name, "măng", "thạch"):
        colour: _RGB = (214, 176, 96) if "măng" in name else (70, 64, 50)
        _soft_shadows(base, [(w * 0.22, h * 0.6, w * 0.78, h * 0.8)])
        for _ in range(46):
            x, y = w * 0.5 + rng.gauss(0, w * 0.07), h * 0.46 + rng.gauss(0, h * 0.03)
            a = rng.uniform(-0.35, 0.35) + math.pi / 2
            d.polygon(
                _capsule(x, y, h * rng.uniform(0.3, 0.42), h * rng.uniform(0.008, 0.016), a),
                fill=_rgba(_jitter(rng, colour, 16)),
            )
        d.rectangle((w * 0.36, h * 0.44, w * 0.64, h * 0.48), fill=(120, 150, 70, 255))
    elif _has(name, "tinh dầu", "dầu", "siro", "nước"):
        content: _RGB = (236, 196, 60) if "dầu" in name else (170, 30, 60)
        if _has(name, "tinh dầu"):
            content = (150, 90, 40)
        _soft_shadows(base, [(w * 0.38, h * 0.68, w * 0.62, h * 0.82)])
        _bottle(d, cx, h * 0.46, h * 0.3, (206, 216, 206), content, (50, 50, 50))
        for x, y in _scatter(rng, w, h, 6, 0.12):
            if _has(name, "tràm", "hồi", "thảo quả", "lạc"):
                d.polygon(
                    _leaf(x, y, h * 0.14, h * 0.05, rng.uniform(0, 6.3)), fill=(90, 130, 70, 255)
                )
            else:
                _fruit(d, x, y, h * 0.05, rng.choice(_PALETTES["dried-fruit"][2]))
    elif _has(name, "bột"):
        content = (112, 62, 40) if _has(name, "ca cao") else (220, 214, 170)
        _soft_shadows(base, [(w * 0.36, h * 0.66, w * 0.64, h * 0.8)])
        _jar(d, cx, h * 0.38, h * 0.28, (240, 240, 232), content, (70, 110, 60))
    elif _has(name, "sáp"):
        _soft_shadows(base, [(w * 0.3, h * 0.6, w * 0.7, h * 0.78)])
        d.rounded_rectangle(
            (w * 0.3, h * 0.34, w * 0.7, h * 0.68), radius=24, fill=(238, 196, 70, 255)
        )
        for i in range(4):
            for j in range(3):
                d.polygon(
                    _hexagon(w * 0.36 + i * w * 0.09, h * 0.41 + j * h * 0.1, h * 0.045),
                    outline=(200, 150, 40, 255),
                    width=4,
                )
    elif _has(name, "bánh chưng"):
        _soft_shadows(base, [(w * 0.3, h * 0.62, w * 0.7, h * 0.8)])
        s = h * 0.26
        d.rectangle((cx - s, cy - s, cx + s, cy + s), fill=(60, 118, 54, 255))
        d.rectangle(
            (cx - s * 0.92, cy - s * 0.92, cx + s * 0.92, cy + s * 0.92),
            outline=(90, 150, 70, 255),
            width=6,
        )
        for k in (-0.35, 0.35):
            d.line((cx + s * k, cy - s, cx + s * k, cy + s), fill=(220, 200, 150, 255), width=8)
            d.line((cx - s, cy + s * k, cx + s, cy + s * k), fill=(220, 200, 150, 255), width=8)
    elif _has(name, "bánh"):
        for x, y in [*_scatter(rng, w, h, 6, 0.1), (w * 0.44, h * 0.45), (w * 0.56, h * 0.5)]:
            r = h * 0.09
            d.ellipse((x - r, y - r, x + r, y + r), fill=_rgba(_jitter(rng, (196, 140, 80), 10)))
            d.ellipse(
                (x - r * 0.8, y - r * 0.8, x + r * 0.8, y + r * 0.8),
                outline=(160, 100, 50, 255),
                width=4,
            )
            for _ in range(5):
                px, py = x + rng.uniform(-r * 0.5, r * 0.5), y + rng.uniform(-r * 0.5, r * 0.5)
                d.ellipse((px - 4, py - 4, px + 4, py + 4), fill=(110, 60, 40, 255))
    else:
        s = h * 0.22
        _soft_shadows(base, [(cx - s * 1.2, cy + s * 0.8, cx + s * 1.2, cy + s * 1.3)])
        colour = rng.choice(accents)
        d.rectangle((cx - s, cy - s * 0.6, cx + s, cy + s), fill=_rgba(colour))
        d.rectangle(
            (cx - s * 1.08, cy - s * 0.85, cx + s * 1.08, cy - s * 0.5),
            fill=_rgba(_mix(colour, (255, 255, 255), 0.2)),
        )
        d.rectangle((cx - s * 0.12, cy - s * 0.85, cx + s * 0.12, cy + s), fill=(236, 200, 80, 255))
        d.ellipse(
            (cx - s * 0.5, cy - s * 1.15, cx - s * 0.02, cy - s * 0.8),
            outline=(236, 200, 80, 255),
            width=10,
        )
        d.ellipse(
            (cx + s * 0.02, cy - s * 1.15, cx + s * 0.5, cy - s * 0.8),
            outline=(236, 200, 80, 255),
            width=10,
        )


_SCENES: dict[str, _Scene] = {
    "dried-fruit": _scene_dried_fruit,
    "tea": _scene_tea,
    "coffee": _scene_coffee,
    "honey": _scene_honey,
    "rice-grains": _scene_rice,
    "spices": _scene_spices,
    "mushrooms": _scene_mushrooms,
    "handicrafts": _scene_handicrafts,
    "homestay-tours": _scene_tours,
    "other": _scene_other,
}


# -- text --------------------------------------------------------------------------------------


def _fit_lines(
    d: _Draw, text: str, max_width: float, max_height: float, largest: int, smallest: int
) -> tuple[list[str], ImageFont.FreeTypeFont | ImageFont.ImageFont]:
    """The largest font (and one or two lines) that fits the box; truncates as a last resort."""
    words = text.split()
    for size in range(largest, smallest - 1, -2):
        font = _font(size)
        if d.textlength(text, font=font) <= max_width:
            return [text], font
    for size in range(largest, smallest - 1, -2):
        font = _font(size)
        if size * 2.3 > max_height:
            continue
        best: list[str] | None = None
        best_width = float("inf")
        for i in range(1, len(words)):
            lines = [" ".join(words[:i]), " ".join(words[i:])]
            width = max(d.textlength(line, font=font) for line in lines)
            if width <= max_width and width < best_width:
                best, best_width = lines, width
        if best is not None:
            return best, font
    font = _font(smallest)
    cut = text
    while cut and d.textlength(cut + "…", font=font) > max_width:
        cut = cut[:-1]
    return [cut.rstrip() + "…"], font


def _name_band(d: _Draw, name: str, w: int, h: int) -> None:
    name = _displayable(name)
    band_h = h * 0.2
    d.rectangle((0, h - band_h, w, h), fill=(16, 16, 20, 150))
    lines, font = _fit_lines(d, name, w * 0.9, band_h * 0.9, int(h * 0.085), max(8, int(h * 0.04)))
    size = getattr(font, "size", h * 0.05)
    gap = size * 1.15
    centre = h - band_h / 2
    first = centre - gap * (len(lines) - 1) / 2
    shadow = max(1, int(size * 0.04))
    for i, line in enumerate(lines):
        y = first + i * gap
        d.text((w / 2 + shadow, y + shadow), line, font=font, fill=(0, 0, 0, 170), anchor="mm")
        d.text((w / 2, y), line, font=font, fill=(255, 255, 255, 255), anchor="mm")


def _category_pill(d: _Draw, label: str, colour: _RGB, w: int, h: int) -> None:
    label = _displayable(label)
    font = _font(max(8, int(h * 0.034)))
    pad_x, pad_y = h * 0.022, h * 0.012
    x0, y0 = h * 0.03, h * 0.03
    _left, top, right, bottom = d.textbbox((x0 + pad_x, y0 + pad_y), label, font=font)
    d.rounded_rectangle(
        (x0, y0, right + pad_x, bottom + pad_y),
        radius=(bottom - top + 2 * pad_y) / 2,
        fill=(255, 255, 255, 210),
    )
    d.text((x0 + pad_x, y0 + pad_y), label, font=font, fill=_rgba(colour))


def _jpeg(image: Image.Image, quality: int = 85) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def demo_photo(
    product_name: str, category: str, seed: int, width: int = 1200, height: int = 900
) -> bytes:
    """A placeholder product photo: category palette and motif, the name on a band; JPEG bytes.

    Deterministic: the same arguments always give the same picture.
    """
    name = unicodedata.normalize("NFC", product_name).strip()
    if category not in _PALETTES:
        category = "other"
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    top, bottom, accents = _PALETTES[category]
    image = _gradient((width, height), _jitter(rng, top, 6), _jitter(rng, bottom, 8))
    draw = ImageDraw.Draw(image, "RGBA")
    _SCENES[category](image, draw, rng, width, height, accents, name.lower())
    _category_pill(
        draw,
        CATEGORY_LABELS[category],
        _mix(accents[0], (0, 0, 0), 0.35) if category != "handicrafts" else (30, 36, 84),
        width,
        height,
    )
    _name_band(draw, name, width, height)
    return _jpeg(image)


_INITIALS_SKIP = re.compile(r"^(htx|hợp tác xã|tổ hợp tác)\s+", re.IGNORECASE)


def _initials(name: str) -> str:
    name = _INITIALS_SKIP.sub("", unicodedata.normalize("NFC", name).strip())
    words = [word for word in re.split(r"[\s\-–—&,.()]+", name) if word and word[0].isalnum()]
    letters = "".join(word[0] for word in words[:2]).upper()
    return letters or "CP"


def demo_logo(stall_name: str, seed: int, size: int = 600) -> bytes:
    """A square stall logo: a coloured circle or rounded square with the initials; JPEG bytes."""
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    colour = rng.choice(_LOGO_COLOURS)
    light = _mix(colour, (255, 255, 255), 0.86)
    scale = 2  # drawn at twice the size and scaled down, for smooth edges
    s = size * scale
    image = Image.new("RGB", (s, s), light)
    shape = Image.new("L", (s, s), 0)
    sd = ImageDraw.Draw(shape)
    m = s * 0.07
    round_logo = rng.random() < 0.5
    if round_logo:
        sd.ellipse((m, m, s - m, s - m), fill=255)
    else:
        sd.rounded_rectangle((m, m, s - m, s - m), radius=s * 0.2, fill=255)
    inner = Image.new("RGB", (s, s), colour)
    idraw = ImageDraw.Draw(inner, "RGBA")
    ridge = _ridge(rng, s, s * 0.8, s * 0.08, 0.55)
    idraw.polygon([*ridge, (s, s), (0, s)], fill=_rgba(_mix(colour, (255, 255, 255), 0.18)))
    ridge = _ridge(rng, s, s * 0.88, s * 0.05, 0.5)
    idraw.polygon([*ridge, (s, s), (0, s)], fill=_rgba(_mix(colour, (0, 0, 0), 0.18)))
    image.paste(inner, (0, 0), shape)
    draw = ImageDraw.Draw(image, "RGBA")
    inset = m + s * 0.035
    if rng.random() < 0.7:  # a thin inner ring following the outline
        if round_logo:
            draw.ellipse(
                (inset, inset, s - inset, s - inset),
                outline=(255, 255, 255, 110),
                width=int(s * 0.012),
            )
        else:
            draw.rounded_rectangle(
                (inset, inset, s - inset, s - inset),
                radius=s * 0.17,
                outline=(255, 255, 255, 110),
                width=int(s * 0.012),
            )
    text = _displayable(_initials(stall_name))
    font = _font(int(s * (0.34 if len(text) > 1 else 0.42)))
    draw.text(
        (s / 2 + s * 0.008, s * 0.47 + s * 0.008), text, font=font, fill=(0, 0, 0, 70), anchor="mm"
    )
    draw.text((s / 2, s * 0.47), text, font=font, fill=(255, 255, 255, 255), anchor="mm")
    return _jpeg(image.resize((size, size), Image.Resampling.LANCZOS), quality=90)
