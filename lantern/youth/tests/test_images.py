"""Pictures lose every piece of metadata (EXIF, GPS, text, comments) and their file name."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from lantern.youth.images import clean_image
from lantern.youth.tests.pictures import (
    SECRET_OWNER,
    SECRET_SERIAL,
    jpeg_with_gps,
    png_with_text,
    upload,
)


def test_the_fixture_really_carries_gps_and_a_serial_number():
    raw = jpeg_with_gps()
    with Image.open(io.BytesIO(raw)) as image:
        exif = image.getexif()
        assert exif.get_ifd(0x8825)  # GPS present
    assert SECRET_SERIAL.encode() in raw and SECRET_OWNER.encode() in raw


def test_jpeg_comes_out_upright_with_no_exif_gps_or_comment():
    clean = clean_image(upload(jpeg_with_gps()))
    assert SECRET_SERIAL.encode() not in clean.data and SECRET_OWNER.encode() not in clean.data
    assert b"Exif" not in clean.data
    with Image.open(io.BytesIO(clean.data)) as image:
        assert not image.getexif()
        assert "comment" not in image.info and "exif" not in image.info
        assert image.size == (20, 40)  # turned the right way up before the tag was dropped
    assert (clean.width, clean.height, clean.content_type) == (20, 40, "image/jpeg")


def test_png_loses_its_text_chunks():
    clean = clean_image(upload(png_with_text(), "x.png", "image/png"))
    assert SECRET_OWNER.encode() not in clean.data and b"51.5033" not in clean.data
    with Image.open(io.BytesIO(clean.data)) as image:
        assert not {k for k in image.info if k not in ("dpi",)} - {"transparency"}


@pytest.mark.parametrize("data", [b"", b"GIF89a not really", b"\xff\xd8\xff broken jpeg", b"%PDF-1.4"])
def test_anything_else_is_refused_with_a_message(data):
    with pytest.raises(ValidationError, match="photo or picture"):
        clean_image(upload(data))


@pytest.mark.django_db
def test_a_picture_sent_with_a_report_is_stored_clean_under_a_random_name(youth):
    from django.urls import reverse

    from lantern.youth.models import YouthImage
    from lantern.youth.tests.helpers import report_data

    data = report_data(picture=upload(jpeg_with_gps()))
    assert youth.post(reverse("public:report", urlconf="config.urls_youth"), data).status_code == 302
    stored = YouthImage.objects.get()
    assert "Jaylen" not in stored.file.name and "20261203" not in stored.file.name
    saved = stored.file.read()
    assert SECRET_SERIAL.encode() not in saved and SECRET_OWNER.encode() not in saved
