"""Reports from young people for the demo (``lantern.youth``), so the staff triage queue has work.

Three synthetic reports arrive through the same service the public site's form calls, on the
seed's stopped clock: one about the sender, one about a friend with a request to be contacted,
and one about a place. Nothing in them is about a real person or place.
"""

from __future__ import annotations

from lantern.synthetic.extensions._base import Steps, at, day, extension
from lantern.youth.models import YouthReport
from lantern.youth.services import youth_report_submit

REPORTS = [
    (-6, 16, {
        "about": "friend",
        "age_band": "13_15",
        "what_happened": (
            "My friend keeps getting picked up after school by older boys in a silver car. "
            "She has a new phone and new trainers and she will not say who gave them to her. "
            "She said she has to do them a favour now."
        ),
        "where": "Outside the shops on Mill Lane, Ashdown",
    }),
    (-3, 21, {
        "about": "me",
        "age_band": "13_15",
        "what_happened": (
            "Someone I met online says he will send my photos to everyone unless I meet him. "
            "I am scared to tell my mum."
        ),
        "wants_contact": True,
        "contact_name": "J",
        "contact_how": "Text 07700 900123 (my own phone)",
        "contact_when": "After 4pm on school days",
    }),
    (-1, 19, {
        "about": "someone",
        "age_band": "rather_not",
        "what_happened": (
            "Younger kids are being asked to hold bags for a man at the skate park. "
            "They get paid in cash and food."
        ),
        "where": "The skate park by the river",
    }),
]


def clear_youth(*, person_ids) -> None:
    """The demo's reports go with the county they were seeded into."""
    YouthReport.objects.all().delete()


def seed_youth(*, run, world, people, users):
    steps = Steps()
    for offset, hour, fields in REPORTS:
        steps.add(at(day(offset), hour), lambda fields=fields: youth_report_submit(**fields))
    steps.run()
    return {"youth_reports": YouthReport.objects.count()}


seed = extension(name="youth", clear=clear_youth)(seed_youth)
