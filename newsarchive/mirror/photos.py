"""Photos for the mirror: deterministic pictures generated with Pillow, one per image URL.

The crawl archives each article's photos and the reading room shows them, so the mirror answers
image URLs with real images of realistic sizes (news photos are mostly 3:2 JPEGs, 800 to 1200
pixels wide; some portraits; some PNG and WebP).  Each picture is derived from its URL (same URL,
same bytes), built on first request and cached, so building the mirror stays cheap.

Broken cases the crawl must survive are made here too: :func:`huge_photo` is a PNG larger
than 5 MB; a site module can also answer an image path with HTML or leave it unserved (404).
"""

from __future__ import annotations

import hashlib
import io
import random
from functools import lru_cache

from newsarchive.mirror.model import Page

#: (width, height) choices: landscape news photos, a few portraits.
SIZES = ((800, 533), (1200, 800), (1024, 683), (960, 640), (1200, 675), (600, 900),
         (800, 1067))
FORMATS = {".jpg": ("JPEG", "image/jpeg"), ".jpeg": ("JPEG", "image/jpeg"),
           ".png": ("PNG", "image/png"), ".webp": ("WEBP", "image/webp")}
HUGE_BYTES = 5 * 1024 * 1024


def _seed(key: str) -> int:
    return int.from_bytes(hashlib.sha1(key.encode("utf-8")).digest()[:8], "big")


def kind_of(path: str) -> tuple[str, str]:
    """(Pillow format, MIME type) from the path's extension; JPEG when unknown."""
    low = path.lower().split("?", 1)[0]
    for ext, kind in FORMATS.items():
        if low.endswith(ext):
            return kind
    return FORMATS[".jpg"]


@lru_cache(maxsize=512)
def photo_bytes(key: str, fmt: str = "JPEG") -> bytes:
    """A picture for ``key`` (usually host + path): a sky-to-ground gradient with hills and a
    few shapes, coloured and sized from the key's hash."""
    from PIL import Image, ImageDraw

    rnd = random.Random(_seed(key))
    width, height = SIZES[rnd.randrange(len(SIZES))]
    sky = (rnd.randrange(90, 200), rnd.randrange(130, 220), rnd.randrange(180, 255))
    ground = (rnd.randrange(40, 120), rnd.randrange(90, 170), rnd.randrange(30, 90))
    img = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(img)
    horizon = int(height * rnd.uniform(0.45, 0.7))
    for y in range(horizon, height):
        t = (y - horizon) / max(1, height - horizon)
        colour = tuple(int(ground[i] * (1 - 0.4 * t)) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    for _ in range(rnd.randrange(2, 5)):  # hills
        cx, r = rnd.randrange(width), rnd.randrange(width // 6, width // 2)
        shade = tuple(max(0, c - rnd.randrange(10, 50)) for c in ground)
        draw.ellipse([cx - r, horizon - r // 3, cx + r, horizon + r], fill=shade)
    for _ in range(rnd.randrange(3, 9)):  # people, roofs, trees
        x, y = rnd.randrange(width), rnd.randrange(horizon - height // 8, height)
        s = rnd.randrange(height // 30, height // 8)
        colour = (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256))
        if rnd.random() < 0.5:
            draw.rectangle([x, y - s, x + s // 2, y], fill=colour)
        else:
            draw.polygon([(x, y), (x + s, y), (x + s // 2, y - s)], fill=colour)
    out = io.BytesIO()
    if fmt == "JPEG":
        img.save(out, fmt, quality=rnd.randrange(72, 88))
    else:
        img.save(out, fmt)
    return out.getvalue()


def photo_page(key: str, path: str) -> Page:
    """A lazily built image answer for ``path`` (type from its extension)."""
    fmt, mime = kind_of(path)
    return Page(b"", content_type=mime, make=lambda: photo_bytes(key, fmt))


@lru_cache(maxsize=1)
def _huge() -> bytes:
    from PIL import Image

    rnd = random.Random(5)
    side = 1400  # 1400 x 1400 RGB noise: incompressible, about 5.9 MB as PNG
    img = Image.frombytes("RGB", (side, side), rnd.randbytes(side * side * 3))
    out = io.BytesIO()
    img.save(out, "PNG", compress_level=1)
    data = out.getvalue()
    assert len(data) > HUGE_BYTES
    return data


def huge_photo() -> Page:
    """A real PNG larger than 5 MB (the photo size cap a crawl should apply)."""
    return Page(b"", content_type="image/png", make=_huge)
