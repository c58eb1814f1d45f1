"""Pictures with metadata a phone would add: EXIF with GPS, a camera serial number, a comment."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

SECRET_SERIAL = "SERIAL-7731-NOTRACE"
SECRET_OWNER = "Owner Jaylen Notrace"


def jpeg_with_gps(*, orientation: int = 6) -> bytes:
    image = Image.new("RGB", (40, 20), (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation: rotate 90 degrees
    exif[0x013B] = SECRET_OWNER  # Artist
    exif[0xA431] = SECRET_SERIAL  # BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (51.0, 30.0, 12.5)
    gps[3] = "W"
    gps[4] = (0.0, 7.0, 39.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, comment=SECRET_OWNER.encode())
    return out.getvalue()


def png_with_text() -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", SECRET_OWNER)
    info.add_text("Location", "51.5033,-0.1196")
    out = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 255, 128)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def upload(data: bytes, name: str = "IMG_20261203_101500_Jaylen.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)
