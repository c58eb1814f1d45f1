"""The rows of "My caseload"'s three tables, written in Python.

Why not in the template like every other page: "My caseload" is the page practitioners open
most, and it lists up to a hundred children, tasks and plan actions. Measured at county scale,
rendering those rows through the template language (about 800 variable look-ups and filters a
page) was half of the page's CPU time, and the page missed its speed target. ``format_html``
escapes every value exactly as the template would, so the HTML and its safety are unchanged;
the tables' headings, captions and surrounding markup stay in ``my_caseload.html``
(ADR 0011). Tests compare these rows with what the page must say.
"""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from lantern.core.templatetags.lantern_tags import age, link, uk_date

register = template.Library()

_OVERDUE = format_html(' <strong class="govuk-tag govuk-tag--red">{}</strong>', "Overdue")
_CELL = '<td class="govuk-table__cell">'


def _sort_key(value) -> str:
    return value.strftime("%Y%m%d") if value else ""


def _when(moment) -> str:
    """"27 Mar 2026 14:05" in UK time, as the template's ``date:"j M Y H:i"`` shows it."""
    local = timezone.localtime(moment)
    return f"{local.day} {local:%b %Y %H:%M}"


def _case_row(case, today) -> tuple:
    person = case.person
    dob = person.date_of_birth
    review = case.next_review_date
    return (
        link("cases:case_detail", case.pk),
        person.display_name,
        format_html('<br><span class="govuk-hint">Age {}</span>', age(dob, today)) if dob else "",
        _sort_key(review),
        uk_date(review) or "Not set",
        _OVERDUE if review and review < today else "",
        _sort_key(case.last_contact),
        uk_date(case.last_contact) or "None",
        format_html('<strong class="govuk-tag govuk-tag--red">{}</strong>', case.overdue_actions)
        if case.overdue_actions else "0",
    )


@register.simple_tag
def case_rows(cases, today) -> SafeString:
    return format_html_join(
        "\n", '<tr class="govuk-table__row">'
        + _CELL + '<a class="govuk-link" href="{}">{}</a>{}</td>'
        '<td class="govuk-table__cell" data-sort-value="{}">{}{}</td>'
        '<td class="govuk-table__cell" data-sort-value="{}">{}</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td></tr>',
        (_case_row(c, today) for c in cases),
    )


def _task_row(task, now, token) -> tuple:
    name = task.person.display_name
    who = (
        format_html('<a class="govuk-link" href="{}">{}</a>', link("cases:case_detail", task.case_id), name)
        if task.case_id else name
    )
    return (
        _when(task.due_at),
        _OVERDUE if task.due_at < now else "",
        task.title,
        task.get_kind_display(),
        "" if task.assigned_to_id else ", for the team",
        who,
        link("cases:task_done", task.pk),
        token,
        task.title,
    )


@register.simple_tag(takes_context=True)
def task_rows(context, tasks, now) -> SafeString:
    token = str(context.get("csrf_token", ""))
    return format_html_join(
        "\n", '<tr class="govuk-table__row">'
        + _CELL + "{}{}</td>"
        + _CELL + '{}<br><span class="govuk-hint">{}{}</span></td>'
        + _CELL + "{}</td>"
        + _CELL + '<form method="post" action="{}" novalidate>'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" '
        'data-module="govuk-button">Done<span class="govuk-visually-hidden">: {}</span></button>'
        "</form></td></tr>",
        (_task_row(t, now, token) for t in tasks),
    )


def _action_row(action, today) -> tuple:
    return (
        uk_date(action.due_date),
        _OVERDUE if action.due_date < today else "",
        Truncator(action.description).chars(120),
        action.owner_name,
        action.agency.name if action.agency_id else "",
        link("cases:plan", action.case_id),
        action.case.person.display_name,
    )


@register.simple_tag
def action_rows(actions, today) -> SafeString:
    return format_html_join(
        "\n", '<tr class="govuk-table__row">'
        + _CELL + "{}{}</td>"
        + _CELL + "{}</td>"
        + _CELL + '{}<br><span class="govuk-hint">{}</span></td>'
        + _CELL + '<a class="govuk-link" href="{}">{}</a></td></tr>',
        (_action_row(a, today) for a in actions),
    )
