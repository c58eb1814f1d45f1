"""The exported head ("anchor"): a chain emptied or rebuilt along with its head verifies on its
own, but not against a head exported before (issue #10, docs/adr/0013-audit-anchor.md).

Runs on SQLite and PostgreSQL. Tampering happens with the triggers off inside a transaction
that is rolled back, as a superuser with a database shell could do it.
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from lantern.audit.anchor import Anchor, read_anchor
from lantern.audit.models import AuditEvent, ChainHead, SubjectLink
from lantern.audit.tests.test_chain import make_chain, triggers_off
from lantern.audit.verify import verify_chain

pytestmark = pytest.mark.django_db


def export(path) -> dict:
    out = io.StringIO()
    call_command("audit_chain_head", "--anchor", str(path), stdout=out)
    return json.loads(out.getvalue())


def verify(*args) -> str:
    out = io.StringIO()
    call_command("verify_audit_chain", *args, stdout=out)
    return out.getvalue()


def empty_everything() -> None:
    """What TRUNCATE of the three tables did on PostgreSQL before the triggers refused it."""
    SubjectLink.objects.all().delete()
    AuditEvent.objects.all().delete()
    ChainHead.objects.all().delete()


def cut_to(n: int) -> None:
    """Remove events after the ``n``th and wind the head back to match: a consistent,
    shorter chain."""
    keep = list(AuditEvent.objects.order_by("id").values_list("id", "prev_hash", "hash")[:n])
    last_id, prev_hash, digest = keep[-1]
    SubjectLink.objects.filter(event_id__gt=last_id).delete()
    AuditEvent.objects.filter(id__gt=last_id).delete()
    ChainHead.objects.filter(pk=1).update(count=n, prev_hash=prev_hash, hash=digest)


def test_export_writes_the_verified_head(tmp_path):
    ids = make_chain(4)
    path = tmp_path / "head.json"
    printed = export(path)
    anchor = read_anchor(path)
    assert anchor == Anchor(4, AuditEvent.objects.get(pk=ids[-1]).hash, ids[-1], printed["at"])
    assert printed["count"] == 4 and printed["head_hash"] == anchor.head_hash
    assert "passing through the exported head" in verify("--anchor", str(path))


def test_a_shortened_chain_fails_against_the_exported_head(tmp_path):
    make_chain(5)
    path = tmp_path / "head.json"
    export(path)
    with transaction.atomic():
        triggers_off()
        cut_to(3)
        assert verify_chain().ok  # consistent on its own: only the anchor can tell
        with pytest.raises(CommandError, match="shorter than the exported head: 3 events now, 5"):
            verify("--anchor", str(path))
        transaction.set_rollback(True)


def test_an_emptied_trail_fails_against_the_exported_head(tmp_path):
    make_chain(3)
    path = tmp_path / "head.json"
    export(path)
    with transaction.atomic():
        triggers_off()
        empty_everything()
        assert verify_chain().ok  # an empty chain with no head: what TRUNCATE left behind
        with pytest.raises(CommandError, match="shorter than the exported head: 0 events now"):
            verify("--anchor", str(path))
        transaction.set_rollback(True)


def test_a_rebuilt_chain_does_not_pass_through_the_exported_head(tmp_path):
    make_chain(3)
    path = tmp_path / "head.json"
    export(path)
    with transaction.atomic():
        triggers_off()
        empty_everything()
        ids = make_chain(5)  # longer, and consistent with its own head
        assert verify_chain().ok
        with pytest.raises(CommandError, match=f"broken at event {ids[2]}: the chain does not pass"):
            verify("--anchor", str(path))
        transaction.set_rollback(True)


def test_the_setting_names_the_anchor(tmp_path, settings):
    make_chain(3)
    path = tmp_path / "head.json"
    settings.LANTERN_AUDIT_ANCHOR = str(path)
    out = io.StringIO()
    call_command("audit_chain_head", stdout=out)  # exports to the configured file
    assert read_anchor(path).count == 3
    with transaction.atomic():
        triggers_off()
        cut_to(2)
        with pytest.raises(CommandError, match="shorter"):
            verify()
        transaction.set_rollback(True)


def test_a_missing_or_unreadable_anchor_fails_verification(tmp_path):
    make_chain(2)
    with pytest.raises(CommandError, match="no exported head"):
        verify("--anchor", str(tmp_path / "gone.json"))
    bad = tmp_path / "bad.json"
    bad.write_text('{"count": 2, "head_hash": "not a hash"}')
    with pytest.raises(CommandError, match="not a chain head"):
        verify("--anchor", str(bad))
    bad.write_text("garbage")
    with pytest.raises(CommandError, match="cannot be read"):
        verify("--anchor", str(bad))


def test_export_never_overwrites_the_anchor_with_a_shorter_chain(tmp_path):
    make_chain(4)
    path = tmp_path / "head.json"
    export(path)
    before = path.read_text()
    with transaction.atomic():
        triggers_off()
        cut_to(2)
        with pytest.raises(CommandError, match="shorter"):
            export(path)
        transaction.set_rollback(True)
    assert path.read_text() == before


def test_export_moves_the_anchor_forward(tmp_path):
    make_chain(2)
    path = tmp_path / "head.json"
    export(path)
    make_chain(3)
    assert export(path)["count"] == 5 and read_anchor(path).count == 5
    assert "5 events" in verify("--anchor", str(path))
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind
