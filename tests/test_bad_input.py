"""The bad-input sweep: every form in the access matrix, fed malformed data, never breaks.

For every URL name in ``lantern/access/matrix.yaml`` that declares POST and allows it for some
persona (or for signed-out visitors), this file:

1. builds a small world: the ``casebook`` children, plus one record from every
   ``DjangoModelFactory`` in ``lantern/<app>/tests/factories.py`` around each child (missing
   required links filled with existing rows), plus the builders in ``WORLD_BUILDERS`` for
   states no factory reaches (a submitted assessment, a referral, an alert...);
2. signs in as the first persona the matrix lets post there (signed out first when the matrix
   allows signed-out visitors, as for sign-in; ``force_login`` otherwise, after any ``PREPARE``
   step such as giving the account an authenticator) and finds the form the way a person
   would: the URL itself for the records at hand (``<int:..._id>`` filled from the model whose
   name ends with the kwarg's stem), else pages reached by links from the home page and the
   children's records, most URL-like first, only pages the matrix allows the persona, until a
   page holds a ``<form method="post">`` whose action is that URL (a POST-only button nobody
   links to is posted bare);
3. reads the form's fields with ``html.parser`` and posts hostile data to every field, one kind
   per post (``Shape.payloads``): everything empty; 10,001 and 100,000 characters in every text
   box; null bytes; right-to-left override and other direction controls; control characters;
   20-digit and 10,001-digit numbers in number boxes, in each part of a date alone (day, month,
   year) and as ids in choices and hidden fields; malformed dates (31/02/2026, 2099, signs and
   decimals, a whole date in the day box, impossible ISO dates); words where numbers go;
   choices that do not exist; a garbage NHS number where a field looks like one; tampered
   hidden fields; and every field sent twice with different values (either order);
4. asserts: never a 5xx (nor an exception); a 200 that shows the form again carries the GOV.UK
   error summary ("There is a problem") and a title starting "Error:", or a success banner;
   when the input was refused (the form shown again with errors, or a 4xx), nothing stored
   changed: every row of every Lantern table except the audit trail is identical before and
   after; and whatever was accepted, no stored text holds a Unicode direction control (the
   shared form base strips them, ``lantern.core.forms.strip_bidi``).

Runtime: one snapshot of the tables per post (the state after one post is the state before the
next), so the sweep grows with the number of payloads, not twice that.

A new form is covered as soon as it is in the matrix and its records can be made (a factory,
or a ``WORLD_BUILDERS`` entry); when the sweep cannot find it, the failure says which. A POST
URL that is not a form people fill in goes in ``NOT_FORMS`` with the reason.
"""

from __future__ import annotations

import datetime as dt
import heapq
import importlib
import inspect
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from lantern.access import matrix
from lantern.access.policies import person_policy
from lantern.access.scopes import VIEW
from lantern.access.urlwalk import routes_by_name
from lantern.synthetic.personas import PERSONAS

pytestmark = pytest.mark.django_db

#: POST endpoints whose POST is not a form a person fills in. Each needs a reason.
NOT_FORMS: dict[str, str] = {
    # The timeout dialog's "Stay signed in": fetch() from app.mjs, answers JSON, takes no fields.
    "accounts:session_extend": "JSON keep-alive with no fields",
    # Sign out is a single button; there is nothing to get wrong (and it ends the session).
    "account_logout": "sign-out button, no fields",
    # Single sign-on hands over to the identity provider and back: redirects, not forms.
    "openid_connect_login": "redirect to the identity provider",
    "openid_connect_callback": "the identity provider's answer, not a form",
}

#: Records some forms need that no DjangoModelFactory makes, or a state a factory cannot reach.
#: Each builder gets ``(personas, casebook)`` and runs in its own savepoint; a failure is
#: reported only if a form then cannot be found.
WORLD_BUILDERS: list = []


def world_builder(*namespaces: str):
    """Register a builder; it runs for every target, or only for targets in ``namespaces``
    (URL namespaces such as ``"assessments"``; ``""`` for allauth's un-namespaced names)."""

    def register(fn):
        fn.namespaces = namespaces
        WORLD_BUILDERS.append(fn)
        return fn

    return register


@world_builder("assessments")
def _assessments(personas, casebook):
    from lantern.assessments.tests import factories as af

    priya, child = personas["priya"], casebook["team_child"]
    af.draft_assessment(priya, child)  # sections, date, check
    af.submitted_assessment(priya, child, af.MODERATE)  # actions to complete
    af.pending_override(priya, child)  # a judgement for the manager to decide
    af.outcome_assessment(priya, child)  # measures to record
    # A hard rule fires (sexual images): a mandatory action to record as done.
    af.submitted_assessment(priya, af.north_child(age=12), {"sig_images": [af.days_ago(10)]})


@world_builder("access")
def _break_glass(personas, casebook):
    from django.utils import timezone

    from lantern.access.models import AccessGrant, GrantKind

    now = timezone.now()
    AccessGrant.objects.create(
        person=casebook["restricted"],
        user=personas["priya"],
        kind=GrantKind.BREAK_GLASS,
        reason="Bad-input sweep: a grant for the review form",
        granted_by=personas["priya"],
        created_at=now - dt.timedelta(hours=5),
        expires_at=now - dt.timedelta(hours=1),
    )


@world_builder("missing")
def _missing_extras(personas, casebook):
    """A Philomena profile and an interview mention (their buttons sit on pages that need them)."""
    from django.utils import timezone

    from lantern.missing.choices import MentionKind
    from lantern.missing.models import PhilomenaProfile, ReturnInterview, RhiMention

    for child in casebook.values():
        PhilomenaProfile.objects.get_or_create(
            person=child, defaults={"height": "150cm", "confirmed_at": timezone.now()}
        )
    for interview in ReturnInterview.objects.all():
        RhiMention.objects.create(interview=interview, kind=MentionKind.PLACE, value="Bus station")


@world_builder("referrals")
def _referrals(personas, casebook):
    from lantern.referrals import services

    services.referral_make(
        actor=personas["sarah"],
        concerns="Seen getting into cars with older males after school.",
        types=["cse"],
        sharing_basis="safeguarding",
        sharing_reason="Telling the family may put the child at greater risk.",
        child_first_name="Tayla",
        child_last_name="Marchbank",
    )
    services.referral_make(
        actor=personas["priya"],
        person=casebook["team_child"],
        concerns="Found out of area with adults not known to the family.",
        types=["cce"],
        sharing_basis="safeguarding",
        sharing_reason="Telling the family may put the child at greater risk.",
    )


@world_builder("cases")
def _case_alerts(personas, casebook):
    from django.utils import timezone

    from lantern.cases import services
    from lantern.cases.choices import AlertKind, CaseStatus, TaskKind
    from lantern.cases.models import Case, Resurfacing, Task

    for username in ("priya", "tom"):
        services.alert_raise(
            actor=personas["olivia"],
            recipient=personas[username],
            person=casebook["team_child"],
            kind=AlertKind.CRITICAL_EVENT,
            message="Arrested last night in another county.",
        )
    # Priya leads an open case in her team, so her manager can move it.
    Case.objects.filter(person=casebook["team_child"], status=CaseStatus.OPEN).update(
        lead=personas["priya"], team=personas["priya"].teams.first()
    )
    closed = Case.objects.filter(status=CaseStatus.CLOSED).first()
    if closed is not None:
        Resurfacing.objects.create(case=closed, team=personas["tom"].teams.first())
    # An overdue task waiting in Tom's team, for him to assign from the team view.
    Task.objects.create(
        person=casebook["team_child"], team=personas["tom"].teams.first(), kind=TaskKind.OTHER,
        title="Return home interview overdue", due_at=timezone.now() - dt.timedelta(days=1),
    )


@world_builder("intelligence")
def _intelligence(personas, casebook):
    """A graded report for the police analyst to sanitise and tag, and a partner's submission
    for the police to assess (both made through the services, as people make them)."""
    from lantern.intelligence import services

    services.report_record(
        actor=personas["dan"], received_on=dt.date(2026, 5, 1), source_evaluation="2",
        intel_assessment="B", handling_code="P",
        text="A car seen collecting children from the park after school.",
    )
    services.submission_make(
        actor=personas["priya"], person=casebook["team_child"],
        what="Came home with a new phone and cash, will not say who gave them.",
        mentions=[("phone", "07700 900123", "Number seen on the new phone")],
    )


@world_builder("identity")
def _merge(personas, casebook):
    """Two records of one child merged by Tom (so the undo form has a merge to undo)."""
    from lantern.identity import merging
    from lantern.identity.tests.factories import _twin_of

    child = casebook["team_child"]
    merging.person_merge(actor=personas["tom"], survivor=child, absorbed=_twin_of(child),
                         reason="Same child: the same name, date of birth and school.")


@world_builder("networks")
def _network_alerts(personas, casebook):
    """A line Priya's child is linked to (so the network view and its export form are reachable
    from Networks), and a network alert for every persona who may receive one."""
    import datetime as dt

    from lantern.intelligence.choices import EntityKind
    from lantern.intelligence.tests.factories import ActiveLineFactory, StatutoryLinkFactory
    from lantern.networks.models import NetworkAlert
    from lantern.networks.policies import may_receive_alerts

    line = ActiveLineFactory(brand="Sweep")
    StatutoryLinkFactory(a_kind=EntityKind.PERSON, a_id=casebook["team_child"].pk,
                         b_kind=EntityKind.LINE, b_id=line.pk, link_type="exploited_by")
    for user in personas.values():
        if may_receive_alerts(user):
            NetworkAlert.objects.create(
                recipient=user, rule="near_active_line", about=f"L:{line.pk}",
                subject=casebook["team_child"], path=f"P:{casebook['team_child'].pk} L:{line.pk}",
                since=dt.date(2026, 1, 1), on=dt.date(2026, 6, 1), dedupe=f"sweep-{user.pk}")


@world_builder("schools")
def _school_notices(personas, casebook):
    from lantern.schools import services
    from lantern.schools.choices import NoticeKind

    services.notices_create(
        actor=personas["olivia"],
        person=casebook["pupil"],
        kind=NoticeKind.POLICE_INCIDENT,
        source_type="people.chronologyevent",
        source_id=1,
    )


@world_builder("manage")
def _accounts(personas, casebook):
    """A disabled account and one with an authenticator, for the administrators' forms."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from lantern.accounts.models import User

    agency = personas["priya"].agency
    User.objects.create(
        username="sweep-disabled", role="practitioner", agency=agency, is_active=False
    )
    with_mfa = User.objects.create(username="sweep-mfa", role="practitioner", agency=agency)
    TOTP.activate(with_mfa, generate_totp_secret())


def _with_authenticator(client, user, personas):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(user, generate_totp_secret())


def _without_password(client, user, personas):
    user.set_unusable_password()
    user.save()


def _half_signed_in(client, user, personas):
    """Signed out, password accepted, authenticator code still to come."""
    from lantern.synthetic.personas import DEMO_PASSWORD

    priya = personas["priya"]
    _with_authenticator(client, priya, personas)
    client.post(reverse("account_login"), {"login": priya.username, "password": DEMO_PASSWORD})


#: Pages to open first for a target whose form needs a choice made on an earlier step.
START_PAGES = {
    # Step 1 picks the worker with a GET form; the POST form appears for the chosen worker.
    "cases:reassign": lambda personas: [
        reverse("cases:reassign") + f"?worker={personas['priya'].pk}"
    ],
}

#: State a page needs before it shows its form: ``(client, user, personas)``, run just before
#: signing in (``user`` is None for a signed-out visitor).
PREPARE = {
    "account_set_password": _without_password,  # only for accounts made for single sign-on
    "mfa_deactivate_totp": _with_authenticator,
    "mfa_reauthenticate": _with_authenticator,
    "mfa_authenticate": _half_signed_in,
}

LONG = "x" * 10_001
HUNDRED_K = "y" * 100_000
HUGE_NUMBER = "9" * 10_001
#: Past a 64-bit integer: valid to ``int()``, an overflow for ``datetime.date`` and the database.
TWENTY_DIGITS = "9" * 20
NUL = "Nul\x00byte"
#: Right-to-left override, an isolate and the marks, around ordinary words.
BIDI_TEXT = "Eve\u202eecnarf \u2067isolated\u2069 \u200fmarked\u200e \u061cend\u202c"
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
BAD_CHOICE = "zz-not-a-choice"
TAMPERED = "not-a-number'\"<b>"
CONTROL = "Nul\x00byte \u202eRLO \ufeffBOM"
BIDI_PAYLOAD = "right-to-left override and other direction controls"
#: The same characters as JSON columns store them ("\\u202e").
_BIDI_ESCAPED = re.compile(r"\\u(202[a-e]|206[6-9]|200[ef]|061c)", re.I)
#: Pages opened per persona while looking for a form.
MAX_PAGES = 30
#: Tables that may grow when a request is refused (the audit trail records refusals too).
APPEND_ONLY = {"audit"}
#: Columns that change whenever a user signs in. (``auto_now`` timestamps are left out too: a
#: view touching one on a refused post loses nothing.)
VOLATILE_COLUMNS = {"last_login"}


# --- Reading HTML ---------------------------------------------------------------------------


@dataclass
class Field:
    tag: str
    name: str
    type: str = "text"
    value: str = ""
    checked: bool = False
    options: list[tuple[str, str]] = field(default_factory=list)
    multiple: bool = False
    id: str = ""
    inputmode: str = ""
    label: str = ""


@dataclass
class Form:
    action: str
    method: str
    fields: list[Field] = field(default_factory=list)


class PageParser(HTMLParser):
    """Forms (with their fields and labels) and links of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: list[str] = []
        self.labels: dict[str, str] = {}
        self.title = ""
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: list | None = None
        self._textarea: Field | None = None
        self._label_for: str | None = None
        self._label_text: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "title":
            self._in_title = True
        elif tag == "form":
            self._form = Form(action=a.get("action", ""), method=a.get("method", "get").lower())
            self.forms.append(self._form)
        elif tag == "label":
            self._label_for, self._label_text = a.get("for"), []
        elif self._form is None or not a.get("name"):
            if tag == "option" and self._select is not None:
                self._option = [a.get("value"), []]
            return
        elif tag == "input":
            self._form.fields.append(
                Field(
                    tag="input",
                    name=a["name"],
                    type=a.get("type", "text").lower(),
                    value=a.get("value", ""),
                    checked="checked" in a,
                    id=a.get("id", ""),
                    inputmode=a.get("inputmode", ""),
                )
            )
        elif tag == "button":
            if a.get("type", "submit").lower() == "submit":
                self._form.fields.append(
                    Field(tag="button", name=a["name"], type="submit", value=a.get("value", ""))
                )
        elif tag == "select":
            self._select = Field(
                tag="select",
                name=a["name"],
                type="select",
                multiple="multiple" in a,
                id=a.get("id", ""),
            )
            self._form.fields.append(self._select)
        elif tag == "textarea":
            self._textarea = Field(
                tag="textarea", name=a["name"], type="textarea", id=a.get("id", "")
            )
            self._form.fields.append(self._textarea)

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._option is not None:
            self._option[1].append(data)
        if self._textarea is not None:
            self._textarea.value += data
        if self._label_for is not None:
            self._label_text.append(data)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value, text = self._option
            text = " ".join("".join(text).split())
            self._select.options.append((text if value is None else value, text))
            self._option = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "label" and self._label_for is not None:
            self.labels[self._label_for] = " ".join("".join(self._label_text).split())
            self._label_for = None

    def close(self):
        super().close()
        for form in self.forms:
            for f in form.fields:
                f.label = self.labels.get(f.id, "")


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def url_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


# --- Building the world and finding the form ------------------------------------------------


def _person_path(factory_cls, depth: int = 0) -> str | None:
    """The keyword that sets the child on a factory: ``person`` or ``episode__person``..."""
    import factory

    declarations = factory_cls._meta.declarations
    own = declarations.get("person")
    derived = own is not None and not isinstance(own, factory.SubFactory)
    if not derived and _fk(factory_cls._meta.model, "person"):
        return "person"
    if depth > 2:
        return None
    for name, declaration in declarations.items():
        if isinstance(declaration, factory.SubFactory):
            inner = _person_path(declaration.get_factory(), depth + 1)
            if inner:
                return f"{name}__{inner}"
    return None


def _fk(model, name: str):
    try:
        f = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - FieldDoesNotExist
        return None
    return f if f.is_relation and f.many_to_one else None


def _required_links(factory_cls, prefix: str = "", depth: int = 0) -> dict:
    """Existing rows for required foreign keys the factory leaves out (agency, reported_by...).

    Factories state only what their own tests care about; the sweep needs complete rows, so a
    missing required link gets the first existing row of its model.
    """
    import factory

    declarations = factory_cls._meta.declarations
    out = {}
    for f in factory_cls._meta.model._meta.concrete_fields:
        if not (f.is_relation and f.many_to_one) or f.null or f.has_default():
            continue
        if f.name in declarations or f.name == "person":
            continue
        row = f.related_model._default_manager.order_by("pk").first()
        if row is not None:
            out[f"{prefix}{f.name}"] = row
    if depth < 2:
        for name, declaration in declarations.items():
            if isinstance(declaration, factory.SubFactory):
                out.update(
                    _required_links(declaration.get_factory(), f"{prefix}{name}__", depth + 1)
                )
    return out


def _model_factories():
    import factory

    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("lantern."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.factories")
        except ImportError:
            continue
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, factory.django.DjangoModelFactory)
                and cls.__module__ == module.__name__
                and cls._meta.model is not None
                and not cls._meta.abstract
            ):
                found.append(cls)
    return found


def build_world(personas, casebook, target: str = "") -> list[str]:
    """One record from every model factory around each child, then the extra builders.

    Returns what could not be built (shown when a form cannot be found)."""
    failures: list[str] = []
    children = [casebook[k] for k in ("team_child", "police_child", "pupil", "west_child")]
    for cls in _model_factories():
        path = _person_path(cls)
        for child in children if path else [None]:
            try:
                with transaction.atomic():
                    cls(**_required_links(cls), **({path: child} if path else {}))
            except Exception as exc:  # noqa: BLE001 - a factory that needs more is skipped
                failures.append(f"{cls.__name__}: {exc!r}"[:300])
    namespace = target.rpartition(":")[0]
    for builder in WORLD_BUILDERS:
        if builder.namespaces and namespace not in builder.namespaces:
            continue
        try:
            with transaction.atomic():
                builder(personas, casebook)
        except Exception as exc:  # noqa: BLE001
            failures.append(f"{builder.__name__}: {exc!r}"[:300])
    return failures


def _sign_in(client: Client, user) -> None:
    if user is None:
        return
    client.force_login(user)
    # Mark the session as freshly authenticated by password, as signing in through the form
    # does, so pages that ask for recent authentication (allauth reauthentication) show their
    # form rather than redirecting. The keys are allauth's (account/internal/flows/login.py);
    # if an upgrade renames them, the reauthentication-protected forms stop being found.
    session = client.session
    session["account_authentication_methods"] = [
        {
            "method": "password",
            "at": time.time(),
            "username": user.username,
            "reauthenticated": True,
        }
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


def _route_score(path: str, route: str) -> int:
    """How much ``path`` looks like the way to ``route``: literal segments that agree count 2,
    a segment where the route takes a value counts 1, up to the first disagreement; a path of
    the route's whole shape gets a bonus. ``/cases/17/plan/`` scores 5 for
    ``cases/<int:case_id>/plan/<slug:section>/``; ``/cases/17/close/`` scores 3."""
    route_segs = [x for x in route.strip("^$").strip("/").split("/") if x]
    path_segs = [x for x in path.strip("/").split("/") if x]
    score = 0
    for r, p in zip(route_segs, path_segs):
        if r.startswith("<") or "(" in r:
            score += 1
        elif r == p:
            score += 2
        else:
            return score
    return score + (5 if len(route_segs) == len(path_segs) else 0)


def _may_get(user, path: str) -> bool:
    name = url_name(path)
    return name is not None and matrix.decision(user, name, "GET") in (matrix.ALLOW, matrix.SCOPE)


def _form_for(page_path: str, html: str, target: str) -> Form | None:
    for form in parse(html).forms:
        if form.method != "post":
            continue
        action = urljoin(page_path, form.action) if form.action else page_path
        if url_name(action) == target:
            form.action = urlsplit(action).path
            return form
    return None


def _rows_for(kwarg: str, casebook) -> list[int]:
    """Ids to try for an ``<int:..._id>``: the casebook children for ``person_id``, else rows
    of the Lantern model whose name ends with the kwarg's stem (``episode_id`` ->
    MissingEpisode, ``interview_id`` -> ReturnInterview), newest first."""
    if kwarg == "person_id":
        return [c.pk for c in casebook.values()]
    stem = kwarg.removesuffix("_id").replace("_", "")
    ids: list[int] = []
    for model in apps.get_models():
        if model.__module__.startswith("lantern.") and model.__name__.lower().endswith(stem):
            ids += list(model._default_manager.order_by("-pk").values_list("pk", flat=True)[:6])
    return ids


def _direct_urls(target: str, casebook) -> list[str]:
    """The target's own address for the records at hand, when every kwarg is an id."""
    route = routes_by_name()[target]
    if not route.kwargs:
        return [reverse(target)]
    converters = dict(route.converters)
    options = []
    for kwarg in route.kwargs:
        if converters.get(kwarg) != "IntConverter":
            return []  # a slug or similar: found by following links instead
        options.append(_rows_for(kwarg, casebook))
    urls = []
    for values in itertools.islice(itertools.product(*options), 24):
        try:
            urls.append(reverse(target, kwargs=dict(zip(route.kwargs, values))))
        except NoReverseMatch:
            continue
    return urls


def find_form(client: Client, user, target: str, personas, casebook) -> tuple[str, Form] | None:
    """Find a POST form for ``target`` among the pages ``user`` may open.

    First the target's own address for the records at hand, then pages reached by links from
    the home page and the children's records, most promising address first.
    """
    route = routes_by_name()[target]
    direct = _direct_urls(target, casebook)
    has_get = "GET" in matrix.load()[target]
    seeds = direct if has_get else []
    if target in START_PAGES:
        seeds = START_PAGES[target](personas) + seeds
    seeds = [*seeds, "/"]
    if user is not None:
        seeds += [
            reverse("people:person_detail", args=[c.pk])
            for k, c in casebook.items()
            if person_policy.can(user, VIEW, c)
        ]
    queue: list[tuple[int, int, str]] = []
    for order, path in enumerate(seeds):
        heapq.heappush(queue, (-10_000 + order, order, path))
    order = len(seeds)
    seen: set[str] = set()
    fetched = 0
    while queue and fetched < MAX_PAGES + len(direct):
        _, _, path = heapq.heappop(queue)
        if path in seen:
            continue
        seen.add(path)
        if not _may_get(user, path) or url_name(path) in ("account_logout",):
            continue
        response = client.get(path)
        fetched += 1
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode(errors="replace")
        form = _form_for(path, html, target)
        if form is not None:
            return path, form
        for href in parse(html).links:
            parts = urlsplit(urljoin(path, href))
            if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
                continue
            if parts.path not in seen:
                order += 1
                heapq.heappush(queue, (-_route_score(parts.path, route.route), order, parts.path))
    if not has_get and direct:
        # A button posted from another page (acknowledge, mark as done...), and no page we
        # opened showed it: post to it as that button would, with no fields.
        return "(no page: posted as a bare button)", Form(action=direct[0], method="post")
    return None


# --- Malformed data --------------------------------------------------------------------------


def _date_groups(fields: list[Field]) -> dict[str, tuple[str, str, str]]:
    names = {f.name for f in fields if f.tag == "input" and f.type == "text"}
    return {
        base: (f"{base}_0", f"{base}_1", f"{base}_2")
        for base in {n[:-2] for n in names if re.search(r"_[012]$", n)}
        if all(f"{base}_{i}" in names for i in range(3))
    }


def _is_numeric(f: Field) -> bool:
    return f.type == "number" or f.inputmode in ("numeric", "decimal")


def _looks_like_nhs(f: Field) -> bool:
    return bool(
        re.search(r"nhs", f"{f.name} {f.label} {f.value if f.type == 'radio' else ''}", re.I)
    )


@dataclass
class Shape:
    """A form's fields sorted into the kinds the payloads need."""

    form: Form
    text: list[Field]
    dates: dict[str, tuple[str, str, str]]
    date_inputs: list[Field]
    numeric: list[Field]
    choices: list[Field]
    hidden: list[Field]
    nhs: list[Field]
    nhs_options: list[tuple[Field, str]]

    @classmethod
    def of(cls, form: Form) -> Shape:
        fields = form.fields
        dates = _date_groups(fields)
        date_parts = {n for group in dates.values() for n in group}
        text = [
            f
            for f in fields
            if (f.tag == "textarea")
            or (
                f.tag == "input"
                and f.type in ("text", "search", "email", "tel", "url", "password", "number")
                and f.name not in date_parts
            )
        ]
        # "Type of identifier: NHS number" as a select option or a radio button.
        nhs_options = [
            (f, value)
            for f in fields
            if f.tag == "select"
            for value, label in f.options
            if re.search(r"nhs", f"{value} {label}", re.I)
        ] + [(f, f.value) for f in fields if f.type == "radio" and _looks_like_nhs(f)]
        return cls(
            form=form,
            text=text,
            dates=dates,
            date_inputs=[
                f for f in fields if f.tag == "input" and f.type in ("date", "datetime-local")
            ],
            numeric=[f for f in text if _is_numeric(f)],
            choices=[f for f in fields if f.tag == "select" or f.type in ("radio", "checkbox")],
            hidden=[f for f in fields if f.type == "hidden" and f.name != "csrfmiddlewaretoken"],
            nhs=[f for f in text if _looks_like_nhs(f)],
            nhs_options=nhs_options,
        )

    def base(self) -> dict[str, list[str]]:
        """Plausible values, so that each payload tests one kind of bad input."""
        data: dict[str, list[str]] = {}
        past = dt.date.today() - dt.timedelta(days=30)
        submit_done = False
        radios_done: set[str] = set()
        for f in self.form.fields:
            if f.name == "csrfmiddlewaretoken":
                continue
            if f.type == "hidden":
                data.setdefault(f.name, []).append(f.value)
            elif f.type == "submit":
                if not submit_done:
                    data[f.name] = [f.value]
                    submit_done = True
            elif f.tag == "select":
                first = next((v for v, _ in f.options if v), "")
                data[f.name] = [first]
            elif f.type == "radio":
                if f.name not in radios_done:
                    data[f.name] = [f.value]
                    radios_done.add(f.name)
            elif f.type == "checkbox":
                if f.checked:
                    data.setdefault(f.name, []).append(f.value or "on")
            elif f.type in ("date",):
                data[f.name] = [past.isoformat()]
            elif f.type == "datetime-local":
                data[f.name] = [f"{past.isoformat()}T10:30"]
            elif f.type == "time":
                data[f.name] = ["10:30"]
            elif f.type == "email":
                data[f.name] = ["test@example.org"]
            elif f.type == "file":
                continue
            elif f.tag == "textarea":
                data[f.name] = ["Some text"]
            elif _is_numeric(f):
                data[f.name] = ["3"]
            else:
                data[f.name] = ["Some text"]
        for day, month, year in self.dates.values():
            data[day], data[month], data[year] = (
                [str(past.day)],
                [str(past.month)],
                [str(past.year)],
            )
        return data

    def _set_dates(self, data, day, month, year, iso):
        for d, m, y in self.dates.values():
            data[d], data[m], data[y] = [day], [month], [year]
        for f in self.date_inputs:
            data[f.name] = [iso if f.type == "date" else f"{iso}T10:30"]
        return data

    def payloads(self) -> dict[str, dict[str, list[str]]]:
        out: dict[str, dict[str, list[str]]] = {}
        base = self.base

        empty = {f.name: [f.value] for f in self.hidden}
        for f in self.form.fields:
            if f.tag in ("textarea", "select") or (
                f.tag == "input" and f.type not in ("hidden", "checkbox", "radio", "submit", "file")
            ):
                empty[f.name] = [""]
        out["all empty"] = empty

        if self.text or self.dates:
            data = base()
            for f in self.text:
                data[f.name] = [LONG]
            for group in self.dates.values():
                for n in group:
                    data[n] = [LONG]
            out["10,001 characters in every text box"] = data
        if self.text:
            for label, value in (
                ("100,000 characters in every text box", HUNDRED_K),
                ("control characters", CONTROL),
                ("null bytes", NUL),
                (BIDI_PAYLOAD, BIDI_TEXT),
            ):
                data = base()
                for f in self.text:
                    data[f.name] = [value]
                out[label] = data
        if self.numeric:
            for label, value in (
                ("20-digit numbers", TWENTY_DIGITS),
                ("10,001-digit numbers", HUGE_NUMBER),
            ):
                data = base()
                for f in self.numeric:
                    data[f.name] = [value]
                out[label] = data
        for i, part in enumerate(("day", "month", "year")):
            if not self.dates:
                break
            for label, value in (("20-digit", TWENTY_DIGITS), ("10,001-digit", HUGE_NUMBER)):
                data = base()
                for group in self.dates.values():
                    data[group[i]] = [value]
                out[f"{label} {part} in a date"] = data
        if self.numeric or self.dates:
            data = base()
            for f in self.numeric:
                data[f.name] = ["twelve"]
            for d, m, y in self.dates.values():
                data[d], data[m], data[y] = ["first"], ["Feb"], ["20x6"]
            out["words where numbers go"] = data
        if self.dates or self.date_inputs:
            out["impossible date 31/02/2026"] = self._set_dates(
                base(), "31", "2", "2026", "2026-02-31"
            )
            out["future date 1/1/2099"] = self._set_dates(base(), "1", "1", "2099", "2099-01-01")
            out["signs and decimals in a date"] = self._set_dates(
                base(), "-1", "+2", "2026.0", "-2026-02-01"
            )
            out["a whole date in the day box"] = self._set_dates(
                base(), "31/12/2026", "", "", f"{TWENTY_DIGITS}-13-45"
            )
        if self.choices:
            data = base()
            for f in self.choices:
                data[f.name] = [BAD_CHOICE]
            out["choices that do not exist"] = data
        if self.choices or self.hidden:
            data = base()
            for f in self.choices + self.hidden:
                data[f.name] = [TWENTY_DIGITS]
            out["20-digit ids in choices and hidden fields"] = data
        if self.nhs or self.nhs_options:
            for garbage in ("ABC 123 !!", "1234567890", "9" * 11):
                data = base()
                for f, value in self.nhs_options:
                    data[f.name] = [value]
                for f in self.nhs or [t for t in self.text if t.tag == "input"]:
                    data[f.name] = [garbage]
                out[f"garbage NHS number {garbage!r}"] = data
        if self.hidden:
            data = base()
            for f in self.hidden:
                data[f.name] = [TAMPERED]
            out["tampered hidden fields"] = data
        good = base()
        if good:
            other = self._other_values()
            out["every field twice, the other value last"] = {
                name: [*values, other.get(name, TAMPERED)] for name, values in good.items()
            }
            out["every field twice, the other value first"] = {
                name: [other.get(name, TAMPERED), *values] for name, values in good.items()
            }
        return out

    def _other_values(self) -> dict[str, str]:
        """A second, different value for each field: another option where there is one."""
        other: dict[str, str] = {}
        date_parts = {n for group in self.dates.values() for n in group}
        ticks: dict[str, list[str]] = {}
        for f in self.form.fields:
            if f.type in ("radio", "checkbox"):
                ticks.setdefault(f.name, []).append(f.value or "on")
            elif f.tag == "select":
                values = [v for v, _ in f.options if v]
                other[f.name] = values[-1] if len(values) > 1 else BAD_CHOICE
            elif f.name in date_parts:
                other[f.name] = "1" if f.name.endswith(("_0", "_1")) else "2001"
            elif _is_numeric(f):
                other[f.name] = "7"
            elif f.type == "hidden":
                other[f.name] = TAMPERED
            else:
                other[f.name] = "Other text"
        for name, values in ticks.items():
            other[name] = values[-1] if len(values) > 1 else BAD_CHOICE
        return other


# --- Checking ----------------------------------------------------------------------------------


def _snapshot_queries() -> list[tuple[str, list[str], str, tuple]]:
    """(label, columns, SQL, params) reading each table the snapshot covers, in primary-key
    order. Compiled once per database: building and compiling some fifty querysets cost
    0.2 s a snapshot, most of the sweep's time; running the compiled SQL costs a few ms."""
    from django.db import connection

    cached = _SNAPSHOT_SQL.get(connection.vendor)
    if cached is not None:
        return cached
    queries = []
    for model in apps.get_models():
        meta = model._meta
        if not model.__module__.startswith("lantern.") or meta.app_label in APPEND_ONLY:
            continue
        if meta.proxy or not meta.managed:
            continue
        columns = [
            f.attname
            for f in meta.concrete_fields
            if f.attname not in VOLATILE_COLUMNS and not getattr(f, "auto_now", False)
        ]
        query = model._default_manager.order_by("pk").values_list("pk", *columns).query
        sql, params = query.sql_with_params()
        queries.append((meta.label, columns, sql, tuple(params)))
    _SNAPSHOT_SQL[connection.vendor] = queries
    return queries


_SNAPSHOT_SQL: dict[str, list] = {}


def snapshot() -> dict[str, tuple[list[str], list[tuple]]]:
    """Every row of every Lantern table except the append-only audit trail, as the database
    holds it (JSON as its text; enough to tell whether anything changed)."""
    from django.db import connection

    rows = {}
    with connection.cursor() as cursor:
        for label, columns, sql, params in _snapshot_queries():
            cursor.execute(sql, params)
            rows[label] = (columns, [tuple(r) for r in cursor.fetchall()])
    return rows


def _changes(before: dict, after: dict) -> list[str]:
    out = []
    for label, (columns, rows) in before.items():
        now = after.get(label, (columns, []))[1]
        if now == rows:
            continue
        old = {r[0]: dict(zip(columns, r[1:])) for r in rows}
        new = {r[0]: dict(zip(columns, r[1:])) for r in now}
        lost = sorted(set(old) - set(new))
        added = sorted(set(new) - set(old))
        changed = {
            pk: sorted(k for k in old[pk] if old[pk][k] != new[pk][k])
            for pk in set(old) & set(new)
            if old[pk] != new[pk]
        }
        out.append(f"{label}: lost {lost}, added {added}, changed {changed}")
    return out


def _bidi_stored(before: dict, after: dict) -> list[str]:
    """Text added or changed between two snapshots that holds a Unicode direction control."""
    found = []
    for label, (columns, rows) in after.items():
        old = {r[0]: r for r in before.get(label, (columns, []))[1]}
        for row in rows:
            if old.get(row[0]) == row:
                continue
            for column, value in zip(columns, row[1:]):
                if isinstance(value, dict | list):  # JSON, as PostgreSQL's driver reads it
                    value = json.dumps(value)
                if isinstance(value, str) and (
                    BIDI_CONTROLS & set(value) or _BIDI_ESCAPED.search(value)
                ):
                    found.append(f"{label} {row[0]}.{column}")
    return found


def _visible_names(form: Form) -> set[str]:
    return {f.name for f in form.fields if f.type not in ("hidden", "submit")}


def _shows_form_again(html: str, form: Form, target: str) -> bool:
    return any(
        f.method == "post"
        and (not f.action or url_name(f.action) == target)
        and _visible_names(f) == _visible_names(form)
        for f in parse(html).forms
    )


def _post_targets() -> list[str]:
    names = []
    for name, methods in matrix.load().items():
        post = methods.get("POST")
        if post and any(d in (matrix.ALLOW, matrix.SCOPE) for d in post.values()):
            names.append(name)
    return sorted(names)


POST_TARGETS = _post_targets()


@dataclass
class Sweep:
    target: str
    who: str = ""
    page: str = ""
    form: Form | None = None
    payloads: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def sweep(target: str, personas, casebook) -> Sweep:
    """Find ``target``'s form as the first persona who can, then post every malformed payload."""
    unbuilt = build_world(personas, casebook, target)
    post = matrix.load()[target]["POST"]
    who = [p.username for p in PERSONAS if post.get(p.role) in (matrix.ALLOW, matrix.SCOPE)]
    if post.get(matrix.ANONYMOUS) in (matrix.ALLOW, matrix.SCOPE):
        who.insert(0, matrix.ANONYMOUS)  # sign-in pages are for people not signed in yet
    result = Sweep(target)
    for username in who:
        user = None if username == matrix.ANONYMOUS else personas[username]
        client = Client()
        if target in PREPARE:
            PREPARE[target](client, user, personas)
        _sign_in(client, user)
        found = find_form(client, user, target, personas, casebook)
        if found:
            result.who, (result.page, result.form) = username, found
            break
    assert result.form is not None, (
        f"no page reachable by {who} holds a POST form for {target}: link to it from a page "
        "the persona can open, give tests/test_bad_input.py a way to make the record it needs "
        "(a DjangoModelFactory in lantern/<app>/tests/factories.py, WORLD_BUILDERS or PREPARE), "
        "or, if it is not a form people fill in, add it to NOT_FORMS with the reason. Records "
        "that could not be made: " + ("; ".join(sorted(set(unbuilt))) or "none")
    )
    form = result.form
    current = snapshot()
    for label, data in Shape.of(form).payloads().items():
        result.payloads.append(label)
        if user is not None and not client.session.get("_auth_user_id"):
            _sign_in(client, user)  # an earlier post signed the persona out
        before = current
        try:
            response = client.post(form.action, data)
        except Exception as exc:  # noqa: BLE001 - the finding is the exception
            result.problems.append(f"{label}: raised {type(exc).__name__}: {exc}"[:500])
            current = snapshot()
            continue
        current = snapshot()  # after this post, and before the next
        if label == BIDI_PAYLOAD:
            stored = _bidi_stored(before, current)
            if stored:
                result.problems.append(f"{label}: direction controls stored in {stored}"[:500])
        status = response.status_code
        if status >= 500:
            result.problems.append(f"{label}: server error {status}")
            continue
        refused = 400 <= status < 500
        html = response.content.decode(errors="replace") if response.content else ""
        if status == 200 and _shows_form_again(html, form, target):
            has_summary = "There is a problem" in html and "govuk-error-summary" in html
            has_success = "govuk-notification-banner--success" in html
            if not (has_summary or has_success):
                result.problems.append(f"{label}: form shown again without a GOV.UK error summary")
            elif has_summary and not parse(html).title.strip().startswith("Error:"):
                result.problems.append(f"{label}: error page title does not start with 'Error:'")
            refused = refused or has_summary
        if refused:
            changed = _changes(before, current)
            if changed:
                result.problems.append(
                    f"{label}: refused ({status}) but stored data changed: {changed}"
                )
    return result


def test_not_forms_names_real_post_urls():
    """The allow-list must not hide URLs that are gone or no longer take POST."""
    stale = sorted(set(NOT_FORMS) - set(POST_TARGETS))
    assert not stale, f"NOT_FORMS lists URLs that are not POST targets: {stale}"


@pytest.mark.parametrize("target", [t for t in POST_TARGETS if t not in NOT_FORMS])
def test_bad_input_never_breaks_a_form(target, personas, casebook):
    result = sweep(target, personas, casebook)
    assert result.payloads, f"{target}: no malformed payload was posted"
    assert not result.problems, (
        f"{target} as {result.who} (form on {result.page}, posting to {result.form.action}):\n"
        + "\n".join(result.problems)
    )


def test_the_sweep_catches_a_crash(personas, casebook, monkeypatch):
    """The sweep must be able to fail: a form whose validation crashes is reported."""
    from lantern.people.forms import ChronologyEventForm

    def crash(self):
        raise RuntimeError("validation exploded")

    monkeypatch.setattr(ChronologyEventForm, "clean", crash)
    result = sweep("people:event_add", personas, casebook)
    assert any("RuntimeError" in p for p in result.problems), result.problems


def test_the_sweep_catches_a_form_without_an_error_summary(personas, casebook, monkeypatch):
    """...and a refused form shown again without the GOV.UK error summary."""
    monkeypatch.setattr("django.template.loader_tags.IncludeNode.render", _blank_error_summary())
    result = sweep("people:event_add", personas, casebook)
    assert any("without a GOV.UK error summary" in p for p in result.problems), result.problems


def _blank_error_summary():
    from django.template.loader_tags import IncludeNode

    real = IncludeNode.render

    def render(self, context):
        if getattr(self.template, "var", None) == "govuk/error_summary.html":
            return ""
        return real(self, context)

    return render


def test_the_sweep_catches_lost_data(personas, casebook, monkeypatch):
    """...and a refused post that deletes what was stored."""
    from lantern.people import views
    from lantern.people.models import ChronologyEvent

    real = views.render

    def render_and_lose(request, template, context=None, *args, **kwargs):
        if request.method == "POST":
            ChronologyEvent.objects.all().delete()
        return real(request, template, context, *args, **kwargs)

    monkeypatch.setattr(views, "render", render_and_lose)
    result = sweep("people:event_add", personas, casebook)
    assert any("stored data changed" in p and "lost" in p for p in result.problems), result.problems
