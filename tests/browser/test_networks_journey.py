"""The network view, its export and the map in a real browser: Priya opens the network around
her child, moves it through time and expands a node; the diagram draws (Cytoscape) and exports a
PNG and an SVG; the same content is in the tables with JavaScript off; the map draws the county
without any outside request. axe clean at 1280 and 320 px; a hidden child is never on a page.
"""

from __future__ import annotations

import pytest
from axe_helper import assert_accessible
from browser_support import NARROW, check_page, login
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HIDDEN = ("Reece", "Tamberlane", "CANARY99")


def _patient(page):
    """This machine is shared; give each step longer than the suite's 15 s before failing."""
    page.set_default_timeout(90_000)
    page.set_default_navigation_timeout(90_000)
    return page


def _narrow_axe(page, what):
    original = page.viewport_size
    page.set_viewport_size(NARROW)
    try:
        assert_accessible(page, f"{what} at 320px")
    finally:
        page.set_viewport_size(original)


def test_network_view_diagram_tables_and_exports(new_page, personas, casebook):
    from lantern.networks.tests.conftest import build_network

    net = build_network(personas, casebook)
    page = _patient(new_page())
    login(page, "priya")
    page.goto(f"/networks/person/{net['kayla'].pk}/?depth=2")
    check_page(page, "network view")
    _narrow_axe(page, "network view")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kayla Brightwater")
    expect(page.locator("#network-graph canvas").first).to_be_attached()
    assert page.evaluate("() => window.lanternNetwork.cy.nodes().length") >= 4
    svg = page.evaluate("() => window.lanternNetwork.svg()")
    assert svg.startswith("<svg") and "Kayla Brightwater" in svg
    with page.expect_download() as png:
        page.get_by_role("button", name="Download picture (PNG)").click()
    assert png.value.suggested_filename == "network.png"
    with page.expect_download() as svg_dl:
        page.get_by_role("button", name="Download picture (SVG)").click()
    assert svg_dl.value.suggested_filename == "network.svg"
    body = page.content()
    for canary in HIDDEN:
        assert canary not in body

    # The export asks for a reason first.
    page.get_by_role("link", name="Export this network (i2 Analyst's Notebook or GraphML)").click()
    check_page(page, "export form")
    page.get_by_role("button", name="Export").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose what to export")
    check_page(page, "export form with errors")


def test_the_tables_work_without_javascript(new_page, personas, casebook):
    from lantern.networks.tests.conftest import build_network

    net = build_network(personas, casebook)
    page = _patient(new_page(javascript=False))
    login(page, "priya")
    page.goto(f"/networks/person/{net['kayla'].pk}/?depth=1")
    check_page(page, "network view without JavaScript")
    links = page.locator("[aria-labelledby='links-heading'] table")
    expect(links).to_contain_text("Uses phone")
    expect(page.locator("#network-graph-wrapper")).to_be_hidden()
    # Expand the phone one link further: the line appears, without any script.
    page.get_by_role("link", name="Expand 07700 900123 one link further").click()
    page.wait_for_load_state("load")
    expect(page.locator("[aria-labelledby='entities-heading'] table")).to_contain_text("'Ghost' line")
    # Move back in time: before Kayla's links began there is nothing around her.
    page.get_by_role("link", name="A year earlier").click()
    page.wait_for_load_state("load")
    expect(page.get_by_text("No links to show.")).to_be_visible()
    check_page(page, "network a year earlier without JavaScript")
    for canary in HIDDEN:
        assert canary not in page.content()
    # What changed since a date, at phone width too: a GOV.UK summary list, no sideways scroll.
    page.goto(f"/networks/person/{net['kayla'].pk}/?depth=3&since_0=1&since_1=1&since_2=2026")
    expect(page.get_by_role("heading", name="What changed since 1 January 2026")).to_be_visible()
    check_page(page, "what changed in the network without JavaScript")
    for canary in HIDDEN:
        assert canary not in page.content()


def test_map_draws_the_county_with_no_outside_request(new_page, personas, casebook):
    from lantern.intelligence.choices import EntityKind
    from lantern.intelligence.tests.factories import StatutoryLinkFactory
    from lantern.networks.tests.conftest import build_network
    from lantern.people.models import Address

    net = build_network(personas, casebook)
    home = Address.objects.create(person=net["kayla"], line1="12 Canal Row", town="Harrowden",
                                  postcode="AD2 4PQ")
    StatutoryLinkFactory(a_kind=EntityKind.PERSON, a_id=net["adult"].pk, b_kind=EntityKind.ADDRESS,
                         b_id=home.pk, link_type="seen_at")
    page = _patient(new_page())
    outside = []
    page.on("request", lambda req: outside.append(req.url) if "localhost" not in req.url
            and "127.0.0.1" not in req.url and not req.url.startswith("data:") else None)
    login(page, "priya")
    page.goto("/networks/map/")
    check_page(page, "map")
    _narrow_axe(page, "map")
    expect(page.locator("#network-map .leaflet-interactive").first).to_be_attached()
    expect(page.locator("table")).to_contain_text("12 Canal Row")
    assert outside == []
