"""The public site's words: plain enough for readers aged 11 and up, and never "snitching".

Reading age is measured with textstat (0.7.3, pinned: it counts syllables offline with
Pyphen). A Flesch-Kincaid grade of 6 is a US sixth-grader, aged 11 to 12, the youngest reader
this site is written for; a Flesch reading ease of 70 or more is "fairly easy" or easier. Each
page's main text is measured on its own, as a reader meets it, and so is every form label.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
import textstat
from django.urls import reverse

from lantern.youth.forms import ReferenceForm, ReportForm

pytestmark = pytest.mark.django_db

PAGES = ["start", "before_you_start", "report", "check", "help_now", "staying_safe", "anonymous"]
MAX_GRADE = 6.0
MIN_EASE = 70.0
#: Words that frame telling as betrayal, or blame the child. None may appear.
NEVER = [
    "snitch", "grass", "informant", "inform on", "tell on", "rat on", "dob in", "dobbing",
    "nominal", "promiscuous", "putting themselves at risk", "lifestyle choice", "consented",
]


def main_text(html: str) -> str:
    main = re.search(r"<main[^>]*>(.*)</main>", html, re.S).group(1)
    main = re.sub(r"<(script|style|svg)[^>]*>.*?</\1>", " ", main, flags=re.S)
    main = re.sub(r'<div class="youth-hp">.*?</div>\s*</div>', " ", main, flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", " ", main))
    # References and phone numbers are not words.
    text = re.sub(r"\b[0-9A-Z]{4}(-[0-9A-Z]{1,4})+\b|\b\d[\d ]+\d\b", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _page_after_sending(youth, name):
    """The pages a young person only sees after sending: the confirmation and their status."""
    from lantern.youth.tests.helpers import report_data

    youth.post(reverse("public:report", urlconf="config.urls_youth"), report_data())
    sent = youth.get(reverse("public:sent", urlconf="config.urls_youth")).content.decode()
    if name == "sent":
        return sent
    reference = re.search(r'youth-reference">([^<]+)<', sent).group(1)
    return youth.post(
        reverse("public:check", urlconf="config.urls_youth"), {"reference": reference}
    ).content.decode()


@pytest.mark.parametrize("name", PAGES + ["sent", "status"])
def test_each_page_reads_at_age_11_to_12(youth, name):
    if name in ("sent", "status"):
        html = _page_after_sending(youth, name)
    else:
        html = youth.get(reverse(f"public:{name}", urlconf="config.urls_youth")).content.decode()
    text = main_text(html)
    assert len(text.split()) > 20, text
    grade = textstat.flesch_kincaid_grade(text)
    ease = textstat.flesch_reading_ease(text)
    assert grade <= MAX_GRADE, f"{name}: grade {grade} > {MAX_GRADE}: {text}"
    assert ease >= MIN_EASE, f"{name}: reading ease {ease} < {MIN_EASE}: {text}"


def test_form_labels_and_messages_are_plain_too():
    texts = []
    for form in (ReportForm(), ReferenceForm()):
        for field in form.fields.values():
            texts += [str(field.label or ""), str(field.help_text or "")]
            texts += [str(m) for m in field.error_messages.values() if "%(" not in str(m)]
    from lantern.youth import views_public

    texts += [views_public.TOO_MANY, views_public.UNAVAILABLE]
    text = ". ".join(t.rstrip(".") for t in texts if t)
    assert textstat.flesch_kincaid_grade(text) <= MAX_GRADE, text
    assert textstat.flesch_reading_ease(text) >= MIN_EASE, text


@pytest.mark.parametrize("name", PAGES + ["sent"])
def test_no_page_frames_telling_as_betrayal_or_blames_the_child(youth, name):
    if name == "sent":
        from lantern.youth.tests.helpers import report_data

        youth.post(reverse("public:report", urlconf="config.urls_youth"), report_data())
    html = youth.get(reverse(f"public:{name}", urlconf="config.urls_youth")).content.decode().lower()
    for word in NEVER:
        assert word not in html, f"{name} says {word!r}"


def test_the_measure_can_fail():
    hard = (
        "Notwithstanding the aforementioned considerations, safeguarding practitioners "
        "will undertake a comprehensive multi-agency evaluation of the circumstances."
    )
    assert textstat.flesch_kincaid_grade(hard) > MAX_GRADE
