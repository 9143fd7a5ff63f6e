"""Pictures drawn on the spot with Pillow (no downloads): company logos and abstract hero backgrounds."""

import colorsys
import hashlib
import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

HERO_PALETTES = [
    ("#0b3d5c", "#1f8a70", "#f2c14e"),
    ("#3a1c71", "#d76d77", "#ffaf7b"),
    ("#0f2027", "#2c5364", "#66a6ff"),
    ("#134e5e", "#71b280", "#e8e8a6"),
    ("#42275a", "#734b6d", "#c9a7eb"),
]


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _colour_for(text: str) -> tuple[int, int, int]:
    hue = int(hashlib.sha1(text.encode()).hexdigest()[:4], 16) / 0xFFFF
    r, g, b = colorsys.hls_to_rgb(hue, 0.38, 0.55)
    return int(r * 255), int(g * 255), int(b * 255)


def _initials(name: str) -> str:
    words = [word for word in name.replace("-", " ").replace("'", " ").split() if word[:1].isalnum()]
    return "".join(word[0] for word in words[:2]).upper() or "?"


def _png(image: PILImage.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def draw_logo(name: str, size: int = 256) -> bytes:
    """A square logo: the company's initials on a colour derived from its name."""
    background = _colour_for(name)
    image = PILImage.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    inset = size // 10
    draw.rounded_rectangle((inset, inset, size - inset, size - inset), radius=size // 6, outline="white", width=6)
    font = ImageFont.load_default(size=size // 3)
    draw.text((size / 2, size / 2), _initials(name), fill="white", font=font, anchor="mm")
    return _png(image)


def draw_hero(index: int, width: int = 1600, height: int = 640) -> bytes:
    """An abstract background: a diagonal gradient between three colours, with soft circles."""
    start, middle, end = (_hex(c) for c in HERO_PALETTES[index % len(HERO_PALETTES)])
    # Draw small and let the resize smooth the gradient: a per-pixel loop at full size would be slow.
    small_w, small_h = 160, 64
    image = PILImage.new("RGB", (small_w, small_h))
    pixels = image.load()
    for x in range(small_w):
        for y in range(small_h):
            t = (x / small_w * 0.7) + (y / small_h * 0.3)
            a, b, u = (start, middle, t * 2) if t < 0.5 else (middle, end, (t - 0.5) * 2)
            pixels[x, y] = tuple(int(a[i] + (b[i] - a[i]) * u) for i in range(3))
    image = image.resize((width, height), PILImage.Resampling.BICUBIC)
    overlay = PILImage.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for n in range(5):
        radius = height // (2 + n % 3)
        cx = (index * 313 + n * 397) % width
        cy = (index * 127 + n * 211) % height
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=(255, 255, 255, 28))
    image = PILImage.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    return _png(image)


def wagtail_image(title: str, content: bytes, filename: str):
    """The Wagtail image with this title, created from the PNG bytes the first time (idempotent by title)."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    image = Image(title=title, file=ImageFile(io.BytesIO(content), name=filename))
    image.save()
    return image
