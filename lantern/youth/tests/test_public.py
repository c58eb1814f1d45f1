"""The public site: pages, the report form, the reference, Exit this page, abuse control."""

from __future__ import annotations

import re
import time

import pytest
from django.urls import reverse

from lantern.youth import references
from lantern.youth.forms import started_token
from lantern.youth.models import YouthAddition, YouthReport
from lantern.youth.tests.helpers import report_data

pytestmark = pytest.mark.django_db

URLCONF = "config.urls_youth"
PAGES = ["start", "before_you_start", "report", "check", "help_now", "staying_safe", "anonymous"]


def url(name: str) -> str:
    return reverse(f"public:{name}", urlconf=URLCONF)


@pytest.mark.parametrize("name", PAGES)
def test_page_sets_no_cookie_has_exit_and_asks_nothing_of_anyone_else(youth, name):
    response = youth.get(url(name))
    assert response.status_code == 200
    assert not response.cookies, f"{name} set a cookie before anything was sent"
    html = response.content.decode()
    assert 'data-module="govuk-exit-this-page"' in html
    assert f'href="{url("exit")}"' in html
    assert "999" in html or name == "before_you_start"
    # No script, style, image or font from anywhere else; only links a person may follow.
    for attr, value in re.findall(r'\b(src|href)="([^"]+)"', html):
        if attr == "src" or not value.startswith("http"):
            assert not value.startswith(("http:", "https:", "//")), (name, value)
    assert "csrfmiddlewaretoken" not in html
    # Nothing typed is kept by the browser's autofill on a shared phone.
    for tag in re.findall(r"<(?:input|textarea)\b[^>]*>", html):
        if not re.search(r'type="(hidden|submit|radio|checkbox|file)"', tag):
            assert 'autocomplete="off"' in tag, (name, tag)
    assert response["Cache-Control"] == "no-store"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_staff_pages_are_not_served_by_the_youth_site(youth):
    for path in ["/accounts/login/", "/people/", "/youth-reports/", "/manage/"]:
        assert youth.get(path).status_code == 404


def test_sending_a_report_sets_the_first_cookie_and_shows_a_128_bit_reference(youth):
    response = youth.post(url("report"), report_data())
    assert response.status_code == 302 and response["Location"] == url("sent")
    assert list(response.cookies) == ["lantern_youth"]
    page = youth.get(url("sent")).content.decode()
    found = re.search(r'class="youth-reference">([0-9A-Z-]+)<', page)
    assert found and references.normalise(found.group(1))
    report = YouthReport.objects.get()
    assert report.reference_hash == references.reference_hash(found.group(1))
    assert found.group(1).replace("-", "") not in str(vars(report))
    assert report.received_at.minute == report.received_at.second == 0


def test_exit_forgets_the_session_and_leaves_for_an_ordinary_site(youth, settings):
    youth.post(url("report"), report_data())
    response = youth.get(url("exit"))
    assert response.status_code == 302
    assert response["Location"] == settings.LANTERN_YOUTH_EXIT_URL
    assert response.cookies["lantern_youth"].value == ""  # deleted
    assert youth.get(url("sent"))["Location"] == url("start")


def test_contact_path_is_optional_but_needs_a_way_to_reach_them(youth):
    response = youth.post(url("report"), report_data(wants_contact="on"))
    assert response.status_code == 200
    assert "Tell us how to reach you" in response.content.decode()
    assert response.content.decode().count("<title>Error:") == 1
    youth.post(url("report"), report_data(wants_contact="on", contact_how="text 07700 900001"))
    assert YouthReport.objects.get().contact_how == "text 07700 900001"


def test_reference_works_once_and_gives_a_new_one(youth):
    youth.post(url("report"), report_data())
    first = re.search(r'youth-reference">([^<]+)<', youth.get(url("sent")).content.decode()).group(1)
    page = youth.post(url("check"), {"reference": first.lower().replace("-", " ")}).content.decode()
    assert "We have your message" in page
    second = re.search(r'youth-reference">([^<]+)<', page).group(1)
    assert second != first
    again = youth.post(url("check"), {"reference": first})
    assert "did not work" in again.content.decode()
    added = youth.post(url("add_more"), {"reference": second, "text": "It happened again today."})
    assert "We have added this" in added.content.decode()
    assert YouthAddition.objects.get().text == "It happened again today."
    assert youth.post(url("add_more"), {"reference": second, "text": "x"}).status_code == 200
    assert YouthAddition.objects.count() == 1


def test_nonsense_reference_gets_a_message_not_an_error(youth):
    response = youth.post(url("check"), {"reference": "x" * 59})
    assert response.status_code == 200 and "as it was given to you" in response.content.decode()
    assert references.normalise(references.new_reference()) is not None
    assert references.normalise("Z" * 26) is None  # 130 bits: top two must be zero


def test_honeypot_is_refused_kindly_and_nothing_is_kept(youth):
    response = youth.post(url("report"), report_data(website="http://spam.example"))
    assert response.status_code == 200
    assert "Leave the box" in response.content.decode()
    assert not YouthReport.objects.exists()


def test_too_quick_and_tampered_start_times_are_refused(youth):
    quick = youth.post(url("report"), report_data(started=started_token(time.time())))
    assert "very quick" in quick.content.decode()
    forged = youth.post(url("report"), report_data(started="1700000000"))
    assert "open for a long time" in forged.content.decode()
    old = youth.post(url("report"), report_data(started=started_token(time.time() - 7 * 3600)))
    assert "open for a long time" in old.content.decode()
    assert not YouthReport.objects.exists()
    assert "A man at the park" in quick.content.decode()  # their words are kept on the page


def test_oversized_request_and_text_are_refused_kindly(youth):
    too_long = youth.post(url("report"), report_data(what_happened="a" * 5001))
    assert too_long.status_code == 200 and "too long" in too_long.content.decode()
    big = youth.post(url("report"), report_data(), CONTENT_LENGTH=str(7 * 1024 * 1024))
    assert big.status_code == 413 and "too big" in big.content.decode()
    assert not YouthReport.objects.exists()


def test_a_post_from_another_site_is_refused(youth):
    response = youth.post(url("report"), report_data(), HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert not YouthReport.objects.exists()


def test_rate_limit_per_address_with_a_kind_message(youth, settings):
    settings.LANTERN_YOUTH_REPORTS_PER_HOUR = 2
    for _ in range(2):
        assert youth.post(url("report"), report_data()).status_code == 302
    refused = youth.post(url("report"), report_data())
    assert refused.status_code == 429
    body = refused.content.decode()
    assert "try again in an hour" in body and "999" in body and "A man at the park" in body
    assert youth.post(url("report"), report_data(), REMOTE_ADDR="127.0.0.2").status_code == 302
    # IPv6: one phone's /64 counts as one address.
    assert youth.post(url("report"), report_data(), REMOTE_ADDR="2001:db8::1").status_code == 302
    assert youth.post(url("report"), report_data(), REMOTE_ADDR="2001:db8::2").status_code == 302
    assert youth.post(url("report"), report_data(), REMOTE_ADDR="2001:db8::3").status_code == 429
    assert YouthReport.objects.count() == 5


def test_rate_limit_fails_closed_when_the_cache_fails(youth, monkeypatch):
    from django.core.cache.backends.locmem import LocMemCache

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(LocMemCache, "incr", broken)
    response = youth.post(url("report"), report_data())
    assert response.status_code == 503
    assert "cannot take messages right now" in response.content.decode()
    assert not YouthReport.objects.exists()


def test_rate_limit_key_is_keyed_and_rotates_daily(youth):
    from lantern.youth import ratelimit

    key = ratelimit.client_key("203.0.113.9")
    assert "203.0.113.9" not in key and len(key) == 32
    assert ratelimit.client_key("203.0.113.9") == key
    ratelimit._cache().clear()  # a new day (or a restart): a new secret
    assert ratelimit.client_key("203.0.113.9") != key


def test_unknown_page_is_a_youth_404(youth):
    response = youth.get("/no-such-page/")
    assert response.status_code == 404
    assert "Exit this page" in response.content.decode()


MALFORMED = [
    {},
    {"what_happened": "x" * 10_001, "about": "nobody", "age_band": "99", "started": "x" * 5000},
    {"what_happened": "nul \x00 and \x1b[31m", "wants_contact": "maybe", "contact_how": "y" * 10_001},
    {"what_happened": "\u202eright to left", "started": "", "website": ""},
]


@pytest.mark.parametrize("data", MALFORMED)
@pytest.mark.parametrize("name", ["report", "check", "add_more"])
def test_malformed_input_never_breaks_a_public_form(youth, name, data):
    payload = dict(data)
    if name != "report":
        payload = {"reference": data.get("what_happened", ""), "text": data.get("contact_how", "")}
    response = youth.post(url(name), payload)
    assert response.status_code in (200, 429), response.status_code
    assert "There is a problem" in response.content.decode()
    assert not YouthReport.objects.exists()
