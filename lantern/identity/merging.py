"""Merge two records of one child, and undo it exactly.

Design (ADR 0019): a **survivor plus a merge record**. Every row in any app that points at the
absorbed record (chronology, involvements, cases, missing episodes, referrals, identifiers,
aliases, grants...) is re-pointed to the survivor, and each move is written down
(``MergeMove``: table, column, row). Nothing is deleted: the absorbed ``Person`` row stays,
marked ``merged_into``, and the record policy shows it to nobody. Unmerging re-points exactly
the rows the merge moved and clears the mark, so merge then unmerge gives the same rows.

Why not a "golden record" cluster that every page reads through: each app (cases, missing,
NRM, panels, schools...) would have to learn to read a cluster, and a page that forgot would
show half a child's history. Re-pointing keeps every other app unchanged, and access follows
automatically: the survivor carries both records' involvements, so whoever could open either
may open it (and a restricted absorbed record makes the survivor restricted, with its grants).

Which rows move is found from the models' metadata, so a new app's foreign keys to ``Person``
are merged without changes here. Left alone: derived search keys (rebuilt instead), identity's
own tables, the audit trail (history is never rewritten), and the synthetic seed's bookkeeping.
A row that cannot move because the survivor already has one like it (a unique constraint, for
example the same identifier on both) stays on the absorbed record and is listed as kept.
"""

from __future__ import annotations

from collections import Counter

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lantern.access.naming import visible_person_ids
from lantern.audit.services import audit_record
from lantern.identity import events, policies
from lantern.identity.choices import MatchStatus
from lantern.identity.models import Merge, MergeMove, PossibleMatch
from lantern.people.models import Person

#: Tables never re-pointed: derived keys, identity's own records, history, seed bookkeeping.
SKIPPED = frozenset(
    {
        "people.Person",
        "people.NameKey",
        "identity.MatchKey",
        "identity.PossibleMatch",
        "identity.Merge",
        "identity.MergeMove",
        "synthetic.SeededPerson",
    }
)
SKIPPED_APPS = frozenset({"audit"})


def person_links() -> list[tuple[type, str]]:
    """Every ``(model, foreign key attname)`` pointing at a person that a merge moves."""
    out = []
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if label in SKIPPED or model._meta.app_label in SKIPPED_APPS:
            continue
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model is Person:
                out.append((model, f.attname))
    return out


def _move(model, attname: str, pks: list, to_id: int) -> tuple[list, list]:
    """Re-point rows; return (moved pks, kept pks). One statement unless a constraint bites."""
    if not pks:
        return [], []
    try:
        with transaction.atomic():
            model._base_manager.filter(pk__in=pks).update(**{attname: to_id})
        return pks, []
    except IntegrityError:
        moved, kept = [], []
        for pk in pks:
            try:
                with transaction.atomic():
                    model._base_manager.filter(pk=pk).update(**{attname: to_id})
                moved.append(pk)
            except IntegrityError:
                kept.append(pk)
        return moved, kept


def _may_act(actor, *people) -> bool:
    ids = [p.pk for p in people]
    return policies.may_review(actor) and set(ids) <= visible_person_ids(actor, ids)


def person_merge(
    *, actor, survivor: Person, absorbed: Person, reason: str, match: PossibleMatch | None = None,
    automatic: bool = False,
) -> Merge:
    """Make ``absorbed`` part of ``survivor``; audited with the reason.

    A reviewer must be able to open both records (``automatic`` merges come from
    ``load_match_pairs`` above the automatic-link threshold and have no actor).
    """
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError({"reason": "Say why these are the same child, in at least 10 characters"})
    if not automatic and not _may_act(actor, survivor, absorbed):
        raise PermissionDenied
    with transaction.atomic():
        # Lock and re-read both: a second reviewer may be merging the same pair.
        locked = {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[survivor.pk, absorbed.pk])}
        survivor, absorbed = locked.get(survivor.pk), locked.get(absorbed.pk)
        if survivor is None or absorbed is None or survivor.pk == absorbed.pk:
            raise ValidationError("Choose two different records")
        if survivor.merged_into_id or absorbed.merged_into_id:
            raise ValidationError("One of these records has already been merged")
        merge = Merge.objects.create(
            survivor=survivor,
            absorbed=absorbed,
            match=match,
            merged_by=actor if getattr(actor, "is_authenticated", False) else None,
            reason=reason,
            survivor_was_restricted=survivor.restricted,
            automatic=automatic,
        )
        moves, moved_count, kept_count = [], Counter(), Counter()
        for model, attname in person_links():
            pks = list(model._base_manager.filter(**{attname: absorbed.pk}).values_list("pk", flat=True))
            moved, kept = _move(model, attname, pks, survivor.pk)
            label = model._meta.label
            moves += [MergeMove(merge=merge, model=label, field=attname, row_pk=str(pk)) for pk in moved]
            if moved:
                moved_count[label] += len(moved)
            if kept:
                kept_count[label] += len(kept)
        MergeMove.objects.bulk_create(moves, batch_size=1000)
        # Queryset updates: no save(), so ``updated_at`` and every other column stay as they were.
        Person.objects.filter(pk=absorbed.pk).update(merged_into=survivor)
        if absorbed.restricted and not survivor.restricted:
            Person.objects.filter(pk=survivor.pk).update(restricted=True)
        _after_change(survivor.pk, absorbed.pk)
        _close_items(actor, survivor.pk, absorbed.pk, match)
        audit_record(
            actor=actor,
            action=events.RECORDS_MERGED,
            subject_type="people.person",
            subject_ids=[survivor.pk, absorbed.pk],
            reason=reason,
            detail={
                "merge_id": merge.pk,
                "survivor": survivor.pk,
                "absorbed": absorbed.pk,
                "match_id": match.pk if match else None,
                "automatic": automatic,
                "moved": dict(moved_count),
                "kept": dict(kept_count),
            },
        )
    return merge


def person_unmerge(*, actor, merge: Merge, reason: str) -> Merge:
    """Put back exactly the rows ``merge`` moved, and show the absorbed record again."""
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError({"reason": "Say why the merge was wrong, in at least 10 characters"})
    if not _may_act(actor, merge.survivor):
        raise PermissionDenied
    with transaction.atomic():
        merge = Merge.objects.select_for_update().get(pk=merge.pk)
        if not merge.active:
            raise ValidationError("This merge has already been undone")
        survivor = Person.objects.select_for_update().get(pk=merge.survivor_id)
        if survivor.merged_into_id:
            raise ValidationError("Undo the later merge of this record first")
        later = Merge.objects.filter(
            survivor_id=survivor.pk, undone_at__isnull=True, pk__gt=merge.pk
        ).exists()
        if later:
            raise ValidationError("Undo the later merges into this record first")
        restored, gone = Counter(), Counter()
        for (label, attname), rows in _moves_by_column(merge).items():
            model = apps.get_model(label)
            pk_field = model._meta.pk
            pks = [pk_field.to_python(r) for r in rows]
            done = model._base_manager.filter(pk__in=pks, **{attname: survivor.pk}).update(
                **{attname: merge.absorbed_id}
            )
            restored[label] += done
            if done < len(pks):
                gone[label] += len(pks) - done
        Person.objects.filter(pk=merge.absorbed_id).update(merged_into=None)
        Person.objects.filter(pk=survivor.pk).update(restricted=merge.survivor_was_restricted)
        merge.undone_by = actor
        merge.undone_at = timezone.now()
        merge.undo_reason = reason
        merge.save(update_fields=["undone_by", "undone_at", "undo_reason"])
        _after_change(survivor.pk, merge.absorbed_id)
        audit_record(
            actor=actor,
            action=events.MERGE_UNDONE,
            subject_type="people.person",
            subject_ids=[survivor.pk, merge.absorbed_id],
            reason=reason,
            detail={"merge_id": merge.pk, "restored": dict(restored), "missing": dict(gone)},
        )
    return merge


def _moves_by_column(merge: Merge) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for label, attname, pk in merge.moves.values_list("model", "field", "row_pk"):
        out.setdefault((label, attname), []).append(pk)
    return out


def _after_change(*person_ids: int) -> None:
    """Rebuild derived search keys for both records (the absorbed one gets none)."""
    from lantern.people.services import person_refresh_name_keys

    for person in Person.objects.filter(pk__in=person_ids):
        person_refresh_name_keys(person=person)


def _close_items(actor, a: int, b: int, match: PossibleMatch | None) -> None:
    """Open items about this pair are answered by the merge (same child)."""
    from django.db.models import Q

    pair = Q(person_id=a, other_id=b) | Q(person_id=b, other_id=a)
    items = PossibleMatch.objects.filter(pair, status=MatchStatus.OPEN)
    if match is not None:
        items = items | PossibleMatch.objects.filter(pk=match.pk, status=MatchStatus.OPEN)
    items.update(
        status=MatchStatus.SAME,
        resolved_by=actor if getattr(actor, "is_authenticated", False) else None,
        resolved_at=timezone.now(),
        resolution_note="Merged",
    )


__all__ = ["person_links", "person_merge", "person_unmerge"]
