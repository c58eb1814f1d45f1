"""Pictures sent with a report: decoded and drawn again, so nothing but the pixels survives.

Why re-encode rather than delete tags: EXIF, GPS, XMP, IPTC, ICC profiles, PNG text chunks and
a JPEG's comment can each hold a place, a time, a phone's serial number or its owner's name.
Copying only the pixels into a new image leaves every one of them behind, including ones this
code has never heard of. The picture is turned the right way up first (EXIF orientation), since
once the tag is gone a phone photo would otherwise show on its side.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png")}
NOT_A_PICTURE = "The file must be a photo or picture (JPG or PNG)"


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    extension: str
    content_type: str
    width: int
    height: int


def clean_image(upload) -> CleanImage:
    """Read an uploaded picture and return it with no metadata; ValidationError if it is not one."""
    if upload.size > MAX_BYTES:
        raise ValidationError("The picture must be smaller than 5 MB")
    try:
        with Image.open(upload) as source:
            kind = source.format
            if kind not in FORMATS:
                raise ValidationError(NOT_A_PICTURE)
            if source.width * source.height > MAX_PIXELS:
                raise ValidationError("The picture is too big. Try a smaller one or a screenshot")
            source.load()
            upright = ImageOps.exif_transpose(source)
            mode = "RGB" if kind == "JPEG" else ("RGBA" if "A" in upright.getbands() else "RGB")
            pixels = upright.convert(mode)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(NOT_A_PICTURE) from None
    # A new image holding only the pixels: no info dict, no EXIF, no ICC profile, no text.
    bare = Image.new(pixels.mode, pixels.size)
    bare.paste(pixels)
    out = io.BytesIO()
    if kind == "JPEG":
        bare.save(out, format="JPEG", quality=90)
    else:
        bare.save(out, format="PNG")
    extension, content_type = FORMATS[kind]
    return CleanImage(out.getvalue(), extension, content_type, bare.width, bare.height)
