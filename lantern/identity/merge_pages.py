"""What a merge page may say about the absorbed record to the reviewer reading it.

Why a module of its own: the merge pages (``merge_detail``, ``unmerge``) are shown to reviewers
who may open the surviving record (``policies.may_see_merge``), not always the other one.

* While a merge is active the absorbed record is part of the survivor, so its name, the reasons
  written about the pair and the rows that moved are the survivor's, for whoever opens it.
* Once undone the absorbed record is a record of its own again. A reviewer who may not open it
  reads "A record you do not have access to" (``access.naming.record_label``): no name, link or
  number, not the reasons (they are words about that child) and not what moved (those rows are
  back on it).
* What moved is counted as the viewer may list it: chronology entries through the sharing rule
  (``access.sharing.listed_q``: a police-only entry a children's services manager sees no
  placeholder for is not counted), and the record's own details that anyone who opens a record
  sees. Other tables (cases, intelligence, NRM...) have their own rules for who sees them, so
  they are never counted here: a count of police encounters is itself police business.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps

from lantern.access.naming import record_label, visible_person_ids
from lantern.access.sharing import listed_q
from lantern.identity.models import Merge

CHRONOLOGY = "people.ChronologyEvent"

#: Tables counted under "What moved", with their words. Everything but the chronology is shown
#: unfiltered on the record page to anyone who may open it.
COUNTED = {
    CHRONOLOGY: "Chronology events",
    "people.Identifier": "Identifiers",
    "people.Alias": "Other names",
    "people.Address": "Addresses",
    "people.Involvement": "Involvements",
    "people.SchoolEnrolment": "School enrolments",
}


@dataclass(frozen=True)
class MergeSummary:
    """A merge as one viewer may read it.

    ``told``: the viewer may read about the absorbed record (the merge is active, or they may
    open it now). ``absorbed_link``: link to it (undone, and they may open it).
    """

    merge: Merge
    absorbed_label: str
    told: bool
    absorbed_link: bool
    moved: list[tuple[str, int]] = field(default_factory=list)

    @property
    def subject_ids(self) -> list[int]:
        """Records whose details the page showed, for the audit trail."""
        return [self.merge.survivor_id] + ([self.merge.absorbed_id] if self.told else [])


def merge_summary(*, actor, merge: Merge) -> MergeSummary:
    visible = visible_person_ids(actor, [merge.absorbed_id])
    may_open = merge.absorbed_id in visible
    told = merge.active or may_open
    label = merge.absorbed.display_name if merge.active else record_label(merge.absorbed, visible)
    return MergeSummary(
        merge=merge,
        absorbed_label=label,
        told=told,
        absorbed_link=may_open and not merge.active,
        moved=moved_for(actor, merge) if told else [],
    )


def moved_for(actor, merge: Merge) -> list[tuple[str, int]]:
    """``(words, count)`` of the rows the merge moved that the viewer may list, by table."""
    by_table: dict[str, list[str]] = {}
    for label, pk in merge.moves.filter(model__in=COUNTED).values_list("model", "row_pk"):
        by_table.setdefault(label, []).append(pk)
    out = []
    for label, pks in by_table.items():
        rows = apps.get_model(label)._default_manager.filter(
            pk__in=pks, person_id__in=[merge.survivor_id, merge.absorbed_id]
        )
        if label == CHRONOLOGY:
            rows = rows.filter(listed_q(actor))
        count = rows.count()
        if count:
            out.append((COUNTED[label], count))
    return sorted(out)


__all__ = ["MergeSummary", "merge_summary", "moved_for"]
