"""Checking an uploaded Philomena photo before it is stored.

Why decode it: a file called ``photo.jpg`` may be anything. We open it with Pillow, accept only
JPEG and PNG, refuse files over the size limit (``LANTERN_PHILOMENA_PHOTO_MAX_BYTES``, default
5 MB) and absurd dimensions, and serve it back only through an access-checked view with the
content type we detected (never from a public media URL).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

ALLOWED = {"JPEG": "image/jpeg", "PNG": "image/png"}
MAX_PIXELS = 40_000_000


def max_bytes() -> int:
    return int(getattr(settings, "LANTERN_PHILOMENA_PHOTO_MAX_BYTES", 5 * 1024 * 1024))


def validate_photo(upload) -> str:
    """Return the detected content type, or raise ValidationError with a GOV.UK message."""
    from PIL import Image, UnidentifiedImageError

    limit = max_bytes()
    size = getattr(upload, "size", None)
    if size is None or size == 0:
        raise ValidationError("The selected file is empty")
    if size > limit:
        raise ValidationError(f"The selected file must be smaller than {limit // (1024 * 1024)}MB")
    try:
        upload.seek(0)
        with Image.open(upload) as img:
            fmt = img.format
            width, height = img.size
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError("The selected file must be a JPG or PNG photo") from None
    finally:
        upload.seek(0)
    if fmt not in ALLOWED:
        raise ValidationError("The selected file must be a JPG or PNG photo")
    if width * height > MAX_PIXELS:
        raise ValidationError("The photo is too large: use one under 40 megapixels")
    return ALLOWED[fmt]
