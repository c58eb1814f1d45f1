"""The sign-in page, its error state, and signing out, in a real browser."""

from __future__ import annotations

import re

import pytest
from browser_support import check_page, login, sign_in_form, submit_button
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_sign_in_page_and_wrong_password(page, personas):
    page.goto("/accounts/login/")
    check_page(page, "sign-in page")

    form = sign_in_form(page)
    form.locator("input[name='login']").fill("priya")
    form.locator("input[name='password']").fill("not-the-password")
    submit_button(form).click()
    page.wait_for_load_state("load")

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert page.evaluate("() => !!document.activeElement.closest('.govuk-error-summary')"), (
        "the error summary did not take focus"
    )
    # The username is kept; the password is not echoed back.
    expect(sign_in_form(page).locator("input[name='login']")).to_have_value("priya")
    expect(sign_in_form(page).locator("input[name='password']")).to_have_value("")
    check_page(page, "sign-in page with an error")


def test_empty_sign_in_shows_errors(page, personas):
    page.goto("/accounts/login/")
    submit_button(sign_in_form(page)).click()
    page.wait_for_load_state("load")
    expect(page.locator(".govuk-error-summary")).to_contain_text("There is a problem")
    check_page(page, "empty sign-in")


def test_sign_out_returns_to_sign_in(page, personas):
    login(page, "tom")
    page.get_by_role("button", name=re.compile(r"^Sign out")).first.click()
    page.wait_for_load_state("load")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    check_page(page, "sign-in page after signing out")
    # The record pages are gone with the session.
    page.goto("/people/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/people/"))
