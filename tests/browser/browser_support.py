"""Helpers for the browser suite: sign in through the real form, and check every page we visit.

``check_page`` is the one call a browser test makes after each navigation. It fails when:

* the page logged a console error, threw an uncaught exception or broke the
  Content-Security-Policy (an inline script or style, a script from elsewhere);
* ``lantern/js/app.mjs`` did not run (GOV.UK Frontend marks each component it initialises with
  ``data-<module>-init``; the skip link is on every page);
* axe-core finds a WCAG 2.2 A/AA violation (``axe_helper``);
* the page scrolls sideways at 320 CSS pixels wide (WCAG 1.4.10 Reflow: 1280 px at 400% zoom).
"""

from __future__ import annotations

import re

from axe_helper import assert_accessible

from lantern.synthetic.personas import DEMO_PASSWORD

DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 720}

#: Records CSP violations as the page sees them (console messages say the same; this is a
#: second witness in case a Chromium release changes its wording). Runs before page scripts and,
#: being injected over the DevTools protocol, is itself not subject to the CSP.
CSP_RECORDER = """
window.__lanternCspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__lanternCspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
});
"""

_problems: dict[int, list[str]] = {}


def watch(page) -> None:
    """Collect console errors, uncaught exceptions and failed requests for ``check_page``."""
    problems = _problems.setdefault(id(page), [])

    def on_console(msg):
        if msg.type in ("error", "assert"):
            location = msg.location.get("url", "") if msg.location else ""
            problems.append(f"console {msg.type}: {msg.text} ({location})")
        elif msg.type == "warning" and "Content Security Policy" in msg.text:
            problems.append(f"console warning: {msg.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: problems.append(f"uncaught exception: {exc}"))
    page.on(
        "requestfailed",
        lambda req: problems.append(f"request failed: {req.url} ({req.failure})"),
    )
    page.on("close", lambda _page: _problems.pop(id(page), None))


def take_problems(page, allow: tuple[str, ...] = ()) -> list[str]:
    """Problems recorded since the last call, minus those matching an ``allow`` pattern."""
    problems = _problems.get(id(page), [])
    found, problems[:] = list(problems), []
    if page.context and _js_enabled(page):
        try:
            found += [
                f"CSP violation: {v}"
                for v in page.evaluate("() => window.__lanternCspViolations || []")
            ]
            page.evaluate("() => { window.__lanternCspViolations = []; }")
        except Exception as exc:  # noqa: BLE001 - report, do not hide
            found.append(f"could not read CSP violations: {exc}")
    return [p for p in found if not any(re.search(a, p) for a in allow)]


def _js_enabled(page) -> bool:
    return getattr(page.context, "_lantern_js", True)


def assert_accessible_without_javascript(page, what: str = "") -> None:
    """Run axe on the DOM of a page loaded with JavaScript off.

    axe needs timers, and a page with scripts disabled never fires them (``axe.run`` would wait
    forever). So the page's DOM is replayed at the same address in a scratch page that may run
    our code but loads none of the page's own scripts: the DOM and styles axe sees are those a
    user without JavaScript gets (no ``js-enabled`` class, no components started).
    """
    html, url = page.content(), page.url
    context = page.context.browser.new_context(viewport=page.viewport_size or DESKTOP)
    try:
        scratch = context.new_page()

        def serve(route):
            request = route.request
            if request.resource_type == "document" and request.url == url:
                route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
            elif request.resource_type == "script":
                route.abort()
            else:
                route.continue_()

        scratch.route("**/*", serve)
        scratch.goto(url)
        assert_accessible(scratch, what)
    finally:
        context.close()


def assert_no_horizontal_scroll(page, what: str = "") -> None:
    """At 320 px wide nothing may stick out sideways; the culprits are listed on failure."""
    original = page.viewport_size or DESKTOP
    page.set_viewport_size(NARROW)
    try:
        result = page.evaluate(
            """() => {
                const root = document.documentElement;
                const width = root.clientWidth;
                const wide = [];
                if (root.scrollWidth > width) {
                    for (const el of document.body.querySelectorAll('*')) {
                        const r = el.getBoundingClientRect();
                        if (r.right > width + 1 && r.width > 0) {
                            wide.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')} right=${Math.round(r.right)}`);
                        }
                    }
                }
                return {scrollWidth: root.scrollWidth, clientWidth: width, wide: wide.slice(0, 10)};
            }"""
        )
    finally:
        page.set_viewport_size(original)
    assert result["scrollWidth"] <= result["clientWidth"], (
        f"{what or page.url} scrolls sideways at 320px: scrollWidth {result['scrollWidth']} > "
        f"clientWidth {result['clientWidth']}; widest elements: {result['wide']}"
    )


def assert_scripts_ran(page, what: str = "") -> None:
    """app.mjs loaded and GOV.UK Frontend initialised its components."""
    ok = page.evaluate(
        """() => {
            const link = document.querySelector('[data-module="govuk-skip-link"]');
            return !!link && link.hasAttribute('data-govuk-skip-link-init')
                && document.body.classList.contains('govuk-frontend-supported');
        }"""
    )
    assert ok, f"{what or page.url}: lantern/js/app.mjs did not initialise GOV.UK Frontend"


def check_page(page, what: str = "", *, allow: tuple[str, ...] = ()) -> None:
    """Every check a visited page must pass (see the module docstring)."""
    page.wait_for_load_state("load")
    what = what or page.url
    problems = take_problems(page, allow)
    assert not problems, f"{what}: browser reported problems:\n" + "\n".join(problems)
    if _js_enabled(page):
        assert_scripts_ran(page, what)
        assert_accessible(page, what)
    else:
        assert_accessible_without_javascript(page, f"{what} (JavaScript off)")
    assert_no_horizontal_scroll(page, what)


def sign_in_form(page):
    return page.locator("form:has(input[name='password'])")


def submit_button(form):
    """The form's submit button, by type (the label may change with the template)."""
    return form.locator("button[type='submit'], button:not([type]), input[type='submit']").first


def login(page, username: str, password: str = DEMO_PASSWORD, *, expect_success: bool = True):
    """Sign in through the real allauth sign-in form, as a person would.

    Fields are found by their ``name`` (``login``, ``password``) so a restyled template still
    works; the button by its submit type.
    """
    page.goto("/accounts/login/")
    form = sign_in_form(page)
    form.locator("input[name='login']").fill(username)
    form.locator("input[name='password']").fill(password)
    with page.expect_navigation():
        submit_button(form).click()
    page.wait_for_load_state("load")
    if expect_success:
        assert "/accounts/login/" not in page.url, (
            f"signing in as {username} did not leave the sign-in page ({page.url})"
        )
    return page


# --- Filling forms ------------------------------------------------------------------------------


def fill_date(page, prefix: str, value, *, day: bool = True) -> None:
    """Type ``value`` into a GOV.UK date input named ``prefix`` (``day=False``: month and year)."""
    if day:
        page.locator(f"input[name='{prefix}_0']").fill(str(value.day))
    page.locator(f"input[name='{prefix}_1']").fill(str(value.month))
    page.locator(f"input[name='{prefix}_2']").fill(str(value.year))


def choose(page, select_name: str, text: str) -> None:
    """Pick the option of a <select> whose text contains ``text``."""
    select = page.locator(f"select[name='{select_name}']")
    value = select.locator("option", has_text=text).first.get_attribute("value")
    select.select_option(value)


def submit(page, name: str) -> None:
    """Press the button called exactly ``name`` and wait for the page it loads."""
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state("load")
