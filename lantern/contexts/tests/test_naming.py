"""A place or group's summary and its print name only the people the viewer may open (#10).

The detail page's counting is tested in ``test_views``; here the printable summary (which
prints full names) and a restricted child, whom nobody may open without a grant, are held to
the same rule.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from lantern.contexts.choices import MemberRole
from lantern.contexts.models import ContextMember

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("view", ["contexts:detail", "contexts:print"])
def test_restricted_child_is_counted_never_named(client, personas, casebook, park, view):
    ContextMember.objects.create(
        context=park, person=casebook["restricted"], role=MemberRole.CHILD, reason="Seen there.",
    )
    client.force_login(personas["tom"])
    page = client.get(reverse(view, args=[park.pk])).content.decode()
    assert "Harriet" not in page and "Voss" not in page
    assert reverse("people:person_detail", args=[casebook["restricted"].pk]) not in page
    assert casebook["team_child"].last_name in page
    assert "1 other child you do not have access to" in page
