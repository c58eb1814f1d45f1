"""Factories for panels, named by state (house rule 11).

A panel is chaired by the demo's panel chair when the personas exist (so the matrix walk and
the bad-input sweep reach its forms as marcus), with the children's services agency and the
police as members; a planned meeting has one item per referral, not yet discussed.
"""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from lantern.panels.choices import (
    ActionStatus,
    ItemReason,
    MeetingStatus,
    PanelKind,
    ReferralStatus,
    Section,
    SubjectKind,
)
from lantern.panels.models import (
    AgendaItem,
    Panel,
    PanelAction,
    PanelMeeting,
    PanelMember,
    PanelReferral,
)
from lantern.people.tests.factories import ChildFactory


def _user(username: str, role: str):
    from lantern.accounts.models import Agency, User

    user = User.objects.filter(username=username).first()
    if user is None:
        agency, _ = Agency.objects.get_or_create(
            name="Ashdown Safeguarding Partnership", defaults={"kind": "partnership"}
        )
        user = User.objects.create(username=username, role=role, agency=agency,
                                   first_name="Marcus", last_name="Adeyemi")
    return user


def _chair():
    return _user("marcus", "panel_chair")


def _agency(name: str = "Ashdown Children's Services", kind: str = "childrens_services"):
    from lantern.accounts.models import Agency

    return Agency.objects.get_or_create(name=name, defaults={"kind": kind})[0]


def _today() -> dt.date:
    return timezone.localdate()


class PanelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Panel
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Ashdown MACE {n}")
    kind = PanelKind.MACE
    cadence_days = 14
    chair = factory.LazyFunction(_chair)

    @factory.post_generation
    def seats(obj, create, extracted, **kwargs):
        """Children's services and the police have a seat (as on every real panel)."""
        if create and extracted is not False:
            PanelMember.objects.create(panel=obj, name="Children's services lead", agency=_agency())
            PanelMember.objects.create(panel=obj, name="MET sergeant",
                                       agency=_agency("Ashdown Police", "police"))


class PanelMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelMember

    panel = factory.SubFactory(PanelFactory)
    name = factory.Sequence(lambda n: f"Youth justice officer {n}")
    agency = factory.LazyFunction(lambda: _agency("Ashdown Youth Justice Service", "youth_justice"))


class PlannedMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelMeeting

    panel = factory.SubFactory(PanelFactory)
    held_on = factory.Sequence(lambda n: timezone.localdate() - dt.timedelta(days=n % 5))
    status = MeetingStatus.PLANNED


class SignedMeetingFactory(PlannedMeetingFactory):
    held_on = factory.Sequence(lambda n: timezone.localdate() - dt.timedelta(days=14 + n))
    status = MeetingStatus.SIGNED
    signed_at = factory.LazyFunction(timezone.now)
    signed_by = factory.LazyFunction(_chair)


class ChildReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelReferral

    panel = factory.SubFactory(PanelFactory)
    subject_kind = SubjectKind.CHILD
    person = factory.SubFactory(ChildFactory)
    reason = "Missing three times this month; seen with older males in cars."
    referred_on = factory.LazyFunction(lambda: _today() - dt.timedelta(days=7))
    status = ReferralStatus.OPEN


class ExitedReferralFactory(ChildReferralFactory):
    status = ReferralStatus.EXITED
    exited_on = factory.LazyFunction(lambda: _today() - dt.timedelta(days=30))
    stable_since = factory.LazyFunction(lambda: _today() - dt.timedelta(days=150))
    watch_until = factory.LazyFunction(lambda: _today() + dt.timedelta(days=150))
    exit_rationale = "No missing episodes or new concerns for five months; settled at college."


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(PlannedMeetingFactory)
    referral = factory.SubFactory(
        ChildReferralFactory, panel=factory.SelfAttribute("..meeting.panel")
    )
    section = Section.VICTIMS
    reason = ItemReason.NEW_REFERRAL
    minutes = 15


class PanelActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PanelAction

    item = factory.SubFactory(AgendaItemFactory)
    meeting = factory.SelfAttribute("item.meeting")
    panel = factory.SelfAttribute("item.meeting.panel")
    referral = factory.SelfAttribute("item.referral")
    description = "Return home interview to ask about the cars seen outside school."
    owner_name = "Children's services lead"
    agency = factory.LazyFunction(_agency)
    due_date = factory.LazyFunction(lambda: _today() + dt.timedelta(days=14))
    status = ActionStatus.NOT_STARTED


class OverduePanelActionFactory(PanelActionFactory):
    due_date = factory.LazyFunction(lambda: _today() - dt.timedelta(days=3))
