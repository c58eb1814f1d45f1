"""The audit chain: every change, deletion, reordering or truncation is detected, the database
refuses UPDATE and DELETE, and concurrent writers never fork the chain.

Runs on SQLite and PostgreSQL. To tamper, a test switches the append-only triggers off inside
its own transaction (rolled back afterwards), as an attacker with a database shell could.
"""

from __future__ import annotations

import io
import json
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from lantern.audit.chain import GENESIS, event_fields, link_hash
from lantern.audit.models import AuditEvent, ChainHead, SubjectLink
from lantern.audit.services import audit_record
from lantern.audit.verify import verify_chain

SQLITE_TRIGGERS = [
    "audit_auditevent_no_update", "audit_auditevent_no_delete", "audit_subjectlink_no_update",
    "audit_subjectlink_no_delete", "audit_chainhead_forward_only", "audit_chainhead_no_delete",
]
N = 6


def triggers_off() -> None:
    """Switch the append-only triggers off for the rest of the current transaction."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Needs a superuser, as tampering would; ends with the transaction.
            cursor.execute("SET LOCAL session_replication_role = replica")
        else:
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def make_chain(n: int = N) -> list[int]:
    return [
        audit_record(
            actor=None, action="test.event", subject_type="people.person", subject_ids=[i],
            reason=f"reason {i}", detail={"i": i},
        ).pk
        for i in range(n)
    ]


def tampered(change, *, triggers: bool = False) -> object:
    """Apply ``change`` with triggers off (unless ``triggers``), verify, roll everything back;
    return the report."""
    with transaction.atomic():
        if not triggers:
            triggers_off()
        change()
        report = verify_chain()
        transaction.set_rollback(True)
    return report


@pytest.mark.django_db
class TestDetection:
    def test_untouched_chain_verifies_and_matches_its_head(self):
        ids = make_chain()
        report = verify_chain()
        assert report.ok and report.checked == N
        head = ChainHead.objects.get(pk=1)
        assert head.count == N and head.hash == AuditEvent.objects.get(pk=ids[-1]).hash
        assert AuditEvent.objects.get(pk=ids[0]).prev_hash == GENESIS

    @pytest.mark.parametrize("field", ["reason", "action", "actor_username", "detail", "occurred_at"])
    def test_changing_any_row_is_detected(self, field):
        ids = make_chain()
        for position, pk in enumerate(ids):
            event = AuditEvent.objects.get(pk=pk)
            new = {
                "reason": "innocent", "action": "test.other", "actor_username": "someone",
                "detail": {"i": 99}, "occurred_at": event.occurred_at.replace(year=2001),
            }[field]

            def change(pk=pk, new=new):
                AuditEvent.objects.filter(pk=pk).update(**{field: new})

            report = tampered(change)
            assert not report.ok, f"change of {field} at position {position} not detected"
            assert report.broken_at == pk and "changed" in report.problem

    def test_changing_a_row_and_rehashing_it_breaks_the_next_link(self):
        ids = make_chain()
        for pk in ids:
            def change(pk=pk):
                event = AuditEvent.objects.get(pk=pk)
                event.reason = "rewritten"
                new_hash = link_hash(event.prev_hash, event_fields(event))
                AuditEvent.objects.filter(pk=pk).update(reason="rewritten", hash=new_hash)

            report = tampered(change)
            assert not report.ok
            if pk != ids[-1]:
                assert report.broken_at == ids[ids.index(pk) + 1]
            else:
                assert "head" in report.problem  # the newest row: only the head shows it

    def test_deleting_any_row_is_detected(self):
        ids = make_chain()
        for pk in ids:
            def change(pk=pk):
                SubjectLink.objects.filter(event_id=pk).delete()
                AuditEvent.objects.filter(pk=pk).delete()

            report = tampered(change)
            assert not report.ok, f"deletion of event {pk} not detected"

    def test_reordering_any_two_neighbours_is_detected(self):
        ids = make_chain()
        columns = [f.attname for f in AuditEvent._meta.concrete_fields if f.attname != "id"]
        for a, b in zip(ids, ids[1:]):
            def change(a=a, b=b):
                row_a = AuditEvent.objects.filter(pk=a).values(*columns).get()
                row_b = AuditEvent.objects.filter(pk=b).values(*columns).get()
                AuditEvent.objects.filter(pk=a).update(hash="x" * 64)  # unique hash column
                AuditEvent.objects.filter(pk=b).update(**row_a)
                AuditEvent.objects.filter(pk=a).update(**row_b)

            report = tampered(change)
            assert not report.ok and report.broken_at == a

    def test_cutting_the_newest_events_is_detected_by_the_head(self):
        ids = make_chain()

        def change():
            SubjectLink.objects.filter(event_id__in=ids[-2:]).delete()
            AuditEvent.objects.filter(pk__in=ids[-2:]).delete()

        report = tampered(change)
        assert not report.ok and "head" in report.problem

    def test_a_forged_event_appended_without_the_head_is_detected(self):
        make_chain()
        last = AuditEvent.objects.order_by("-id").first()

        def change():
            forged = AuditEvent(
                occurred_at=last.occurred_at, action="test.forged", prev_hash=last.hash,
                subject_ids=[], detail={},
            )
            forged.hash = link_hash(last.hash, event_fields(forged))
            forged.save(force_insert=True)

        report = tampered(change)
        assert not report.ok and "head" in report.problem

    def test_a_missing_head_is_detected(self):
        make_chain()
        report = tampered(lambda: ChainHead.objects.all().delete())
        assert not report.ok and "missing" in report.problem


@pytest.mark.django_db
class TestSubjectLinks:
    """Links are derived from the hashed subject ids; any link that disagrees fails."""

    def test_a_forged_link_inserted_by_plain_sql_is_detected(self):
        """The attack in issue #10: no trigger stands in the way of an INSERT, so a colleague's
        view of one child is linked to another child she never opened."""
        ids = make_chain()
        victim = 4242

        def change():
            with connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO audit_subjectlink (event_id, subject_type, subject_id) "
                    "VALUES (%s, %s, %s)",
                    [ids[2], "people.person", victim],
                )

        report = tampered(change, triggers=True)
        assert not report.ok
        assert report.broken_at == ids[2] and f"people.person {victim}" in report.problem

    def test_a_link_of_another_type_or_a_duplicate_is_detected(self):
        ids = make_chain()
        for subject_type, subject_id in (("accounts.user", 1), ("people.person", 1)):
            def change(subject_type=subject_type, subject_id=subject_id):
                SubjectLink.objects.create(
                    event_id=ids[1], subject_type=subject_type, subject_id=subject_id
                )

            report = tampered(change, triggers=True)
            assert not report.ok and report.broken_at == ids[1], (subject_type, report)

    def test_a_changed_link_is_detected(self):
        ids = make_chain()
        for pk in ids:
            def change(pk=pk):
                SubjectLink.objects.filter(event_id=pk).update(subject_id=4242)

            report = tampered(change)
            assert not report.ok and report.broken_at == pk

    def test_a_removed_link_is_detected(self):
        ids = make_chain()
        for pk in ids:
            report = tampered(lambda pk=pk: SubjectLink.objects.filter(event_id=pk).delete())
            assert not report.ok and report.broken_at == pk and "missing" in report.problem

    def test_a_link_to_no_event_is_detected(self):
        make_chain()

        def change():
            with connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO audit_subjectlink (event_id, subject_type, subject_id) "
                    "VALUES (%s, %s, %s)",
                    [987654321, "people.person", 1],
                )

        report = tampered(change)
        assert not report.ok and "does not exist" in report.problem

    def test_events_with_several_mixed_or_no_ids_verify(self):
        make_chain(2)
        audit_record(actor=None, action="test.many", subject_type="people.person", subject_ids=[3, 1, 3, "7"])
        audit_record(actor=None, action="test.words", subject_type="x.y", subject_ids=["abc"])
        audit_record(actor=None, action="test.none")
        report = verify_chain()
        assert report.ok, report
        assert SubjectLink.objects.count() == 2 + 4


@pytest.mark.django_db
class TestDatabaseRefuses:
    def test_update_and_delete_of_events_and_links_are_refused(self):
        ids = make_chain(2)
        attempts = [
            lambda: AuditEvent.objects.filter(pk=ids[0]).update(reason="x"),
            lambda: AuditEvent.objects.filter(pk=ids[0]).delete(),
            lambda: SubjectLink.objects.filter(event_id=ids[0]).update(subject_id=777),
            lambda: SubjectLink.objects.filter(event_id=ids[0]).delete(),
            lambda: ChainHead.objects.all().delete(),
        ]
        for attempt in attempts:
            with pytest.raises(DatabaseError), transaction.atomic():
                attempt()
        assert AuditEvent.objects.get(pk=ids[0]).reason == "reason 0"
        assert verify_chain().ok

    def test_head_only_moves_forward(self):
        make_chain(2)
        head = ChainHead.objects.get(pk=1)
        with pytest.raises(DatabaseError), transaction.atomic():
            ChainHead.objects.filter(pk=1).update(count=0, hash=GENESIS, prev_hash=GENESIS)
        with pytest.raises(DatabaseError), transaction.atomic():
            ChainHead.objects.filter(pk=1).update(count=head.count + 1, prev_hash="f" * 64, hash="e" * 64)
        assert ChainHead.objects.get(pk=1).hash == head.hash


def _columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, table)]


def _replace_sql(table: str, assignments: dict) -> str:
    """A statement rewriting the row with the same id in place: REPLACE on SQLite (which
    deletes the old row without firing a DELETE trigger), an upsert on PostgreSQL."""
    columns = _columns(table)
    values = ", ".join(assignments.get(c, c) for c in columns)
    names = ", ".join(columns)
    if connection.vendor == "sqlite":
        return f"INSERT OR REPLACE INTO {table} ({names}) SELECT {values} FROM {table} WHERE id = %s"  # noqa: S608
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c != "id")
    return (
        f"INSERT INTO {table} ({names}) SELECT {values} FROM {table} WHERE id = %s "  # noqa: S608
        f"ON CONFLICT (id) DO UPDATE SET {updates}"
    )


@pytest.mark.django_db
class TestReplacingIsRefused:
    """Issue #10: on SQLite ``INSERT OR REPLACE`` rewrote events, links and the head although
    UPDATE and DELETE were refused."""

    def _attempt(self, sql: str, params: list) -> None:
        with pytest.raises(DatabaseError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql, params)

    def test_an_event_cannot_be_replaced(self):
        ids = make_chain(3)
        self._attempt(_replace_sql("audit_auditevent", {"reason": "'innocent'"}), [ids[1]])
        assert AuditEvent.objects.get(pk=ids[1]).reason == "reason 1"
        assert verify_chain().ok

    def test_an_event_cannot_take_an_existing_hash(self):
        ids = make_chain(2)
        columns = [c for c in _columns("audit_auditevent") if c != "id"]
        names = ", ".join(columns)
        values = ", ".join("'forged'" if c == "reason" else c for c in columns)
        verb = "INSERT OR REPLACE" if connection.vendor == "sqlite" else "INSERT"
        self._attempt(
            f"{verb} INTO audit_auditevent ({names}) SELECT {values} FROM audit_auditevent WHERE id = %s",  # noqa: S608
            [ids[0]],
        )
        assert AuditEvent.objects.count() == 2 and verify_chain().ok

    def test_a_link_cannot_be_replaced(self):
        ids = make_chain(2)
        link = SubjectLink.objects.get(event_id=ids[0])
        self._attempt(_replace_sql("audit_subjectlink", {"subject_id": "4242"}), [link.pk])
        assert SubjectLink.objects.get(pk=link.pk).subject_id == 0
        assert verify_chain().ok

    def test_the_head_cannot_be_replaced_or_doubled(self):
        make_chain(2)
        head = ChainHead.objects.get(pk=1)
        reset = {"count": "0", "prev_hash": f"'{GENESIS}'", "hash": f"'{GENESIS}'"}
        self._attempt(_replace_sql("audit_chainhead", reset), [1])
        if connection.vendor == "sqlite":  # a second head row; PostgreSQL's is never read
            self._attempt(
                "INSERT INTO audit_chainhead (id, count, prev_hash, hash) VALUES (2, 0, %s, %s)",
                [GENESIS, GENESIS],
            )
        assert ChainHead.objects.get(pk=1).hash == head.hash
        assert verify_chain().ok


@pytest.mark.django_db
@pytest.mark.parametrize(
    "tables",
    [["audit_auditevent"], ["audit_subjectlink"], ["audit_chainhead"],
     ["audit_auditevent", "audit_subjectlink", "audit_chainhead"]],
)
def test_emptying_the_audit_tables_is_refused(tables):
    """Issue #10: on PostgreSQL ``TRUNCATE`` (which row triggers never see) emptied the audit
    tables and verification then reported success. SQLite has no TRUNCATE: it empties a
    table with DELETE, which its triggers refuse."""
    make_chain(3)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # The chain was written in this (test) transaction: fire its deferred foreign-key
                # checks now, or PostgreSQL refuses TRUNCATE for "pending trigger events" and
                # the test would pass for the wrong reason.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
            else:
                for table in reversed(tables):
                    cursor.execute(f"DELETE FROM {table}")  # noqa: S608
    assert AuditEvent.objects.count() == 3 and SubjectLink.objects.count() == 3
    assert ChainHead.objects.get(pk=1).count == 3
    assert verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_audit_tables_and_the_chain_restarts():
    """Test teardown flushes the database; on SQLite our flush lets the triggers stand aside."""
    make_chain(3)
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEvent.objects.count() == 0 and not ChainHead.objects.exists()
    make_chain(2)  # the head row is recreated from the (empty) events
    assert verify_chain().ok and ChainHead.objects.get(pk=1).count == 2


@pytest.mark.django_db
def test_plain_delete_is_still_refused_outside_flush():
    make_chain(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain():
    threads, per_thread, errors = 6, 15, []

    def writer(n: int) -> None:
        try:
            for i in range(per_thread):
                with transaction.atomic():
                    audit_record(actor=None, action="test.concurrent", subject_type="people.person", subject_ids=[n * 100 + i])
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=writer, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert not errors
    report = verify_chain()
    assert report.ok, report
    assert report.checked == threads * per_thread == ChainHead.objects.get().count


@pytest.mark.django_db
class TestCommands:
    def test_chain_head_json(self):
        ids = make_chain(3)
        out = io.StringIO()
        call_command("audit_chain_head", "--verify", stdout=out)
        data = json.loads(out.getvalue())
        assert set(data) == {"count", "head_hash", "last_id", "at"}
        assert data["count"] == 3 and data["last_id"] == ids[-1]
        assert data["head_hash"] == AuditEvent.objects.get(pk=ids[-1]).hash

    def test_verify_command_names_the_broken_event(self):
        ids = make_chain(3)
        with transaction.atomic():
            triggers_off()
            AuditEvent.objects.filter(pk=ids[1]).update(reason="edited")
            with pytest.raises(CommandError, match=f"broken at event {ids[1]}"):
                call_command("verify_audit_chain", stdout=io.StringIO())
            with pytest.raises(CommandError):
                call_command("audit_chain_head", "--verify", stdout=io.StringIO())
            transaction.set_rollback(True)
        out = io.StringIO()
        call_command("verify_audit_chain", stdout=out)
        assert "3 events" in out.getvalue()


@pytest.mark.django_db
def test_portable_append_path_chains_onto_the_same_head(monkeypatch):
    """The ORM fallback (other databases) and the native path interleave into one chain."""
    from lantern.audit import services

    native = services._appender(connection)
    make_chain(2)
    monkeypatch.setattr(services, "_appender", lambda conn: services.append_locked_row)
    make_chain(2)
    monkeypatch.setattr(services, "_appender", lambda conn: native)
    make_chain(1)
    report = verify_chain()
    assert report.ok and report.checked == 5
    assert SubjectLink.objects.count() == 5
