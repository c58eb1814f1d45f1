"""Pages for NRM referrals, charges, court outcomes and the section 45 note.

Views are thin: a selector fetches what the actor may see (404 for missing and forbidden alike),
a policy says whether they may act, one service writes (``lantern.core.form_pages.form_page``:
a refusal becomes a GOV.UK error, nothing typed is lost), and every page that shows a child's
NRM or court detail records an audit event.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from lantern.audit.services import audit_record
from lantern.core.form_pages import form_page
from lantern.nrm import events, policies, rules, selectors, services, timescales
from lantern.nrm.forms import ChargeForm, CourtForm, DecisionForm, ReferralForm


def _child_url(person) -> str:
    return reverse("nrm:person", args=[person.pk])


def person_nrm(request: HttpRequest, person_id: int) -> HttpResponse:
    """A child's NRM referrals and charges, with what is due."""
    person = selectors.nrm_person_get(actor=request.user, person_id=person_id)
    referrals = selectors.referrals_for(actor=request.user, person=person)
    charges = selectors.charges_for(actor=request.user, person=person)
    audit_record(
        actor=request.user, action=events.REFERRALS_VIEWED, subject=person,
        detail={"referrals": [r.pk for r in referrals], "charges": [c.pk for c in charges]},
    )
    birthday = timescales.eighteenth_birthday(person.date_of_birth) if person.date_of_birth else None
    return render(request, "nrm/person.html", {
        "person": person, "referrals": referrals, "charges": charges,
        "can_refer": policies.can_refer(request.user, person),
        "can_record_charge": policies.can_record_charge(request.user, person),
        "birthday": birthday,
        "days_to_18": (birthday - timezone.localdate()).days if birthday else None,
        "today": timezone.localdate(),
        "page_title": f"NRM and court: {person.display_name}",
    })


def referral_create(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.nrm_person_get(actor=request.user, person_id=person_id)
    if not policies.can_refer(request.user, person):
        raise Http404
    types, county_lines = rules.prefill_types(person)
    today = timezone.localdate()
    form = ReferralForm(request.POST or None, initial={
        "submitted_on": today, "exploitation_types": types, "county_lines": county_lines,
        "indicators": rules.prefill_indicators(person),
    })
    dob = person.date_of_birth
    preview = timescales.timescales(
        referred=today, dob=dob, pilot=services.in_devolved_pilot()
    ) if dob else None
    return form_page(
        request, form,
        save=lambda data: services.referral_make(actor=request.user, person=person, **data),
        success_message="NRM referral recorded",
        success_url=lambda referral: reverse("nrm:referral", args=[referral.pk]),
        template="nrm/referral_form.html",
        context={"person": person, "agency": request.user.agency, "preview": preview,
                 "reasonable_grounds_due": timescales.reasonable_grounds_due(today),
                 "page_title": f"Make an NRM referral for {person.display_name}"},
        audit={"action": events.REFERRAL_FORM_VIEWED, "subject": person},
    )


def referral_detail(request: HttpRequest, nrm_referral_id: int) -> HttpResponse:
    referral = selectors.referral_get(actor=request.user, nrm_referral_id=nrm_referral_id)
    audit_record(actor=request.user, action=events.REFERRAL_VIEWED, subject=referral.person,
                 detail={"referral_id": referral.pk})
    today = timezone.localdate()
    return render(request, "nrm/referral.html", {
        "referral": referral, "person": referral.person, "today": today,
        "rg_overdue": not referral.rg_decision and referral.reasonable_grounds_due < today,
        "can_record": policies.can_refer(request.user, referral.person),
        "page_title": f"NRM referral for {referral.person.display_name}",
    })


def referral_decisions(request: HttpRequest, nrm_referral_id: int) -> HttpResponse:
    referral = selectors.referral_get(actor=request.user, nrm_referral_id=nrm_referral_id)
    if not policies.can_refer(request.user, referral.person):
        raise Http404
    fields = ("rg_decision", "rg_decision_on", "cg_decision", "cg_decision_on", "reconsideration",
              "reconsideration_requested_on", "reconsideration_decided_on", "ictg_referred_on")
    form = DecisionForm(request.POST or None, initial={f: getattr(referral, f) for f in fields})
    return form_page(
        request, form,
        save=lambda data: services.referral_decisions_update(
            actor=request.user, referral=referral, **data),
        success_message="Decisions saved",
        success_url=reverse("nrm:referral", args=[referral.pk]),
        template="nrm/decisions_form.html",
        context={"referral": referral, "person": referral.person,
                 "page_title": f"Record NRM decisions for {referral.person.display_name}"},
        audit={"action": events.REFERRAL_VIEWED, "subject": referral.person,
               "detail": {"referral_id": referral.pk, "form": "decisions"}},
    )


def charge_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.nrm_person_get(actor=request.user, person_id=person_id)
    if not policies.can_record_charge(request.user, person):
        raise Http404
    form = ChargeForm(request.POST or None)
    return form_page(
        request, form,
        save=lambda data: services.charge_record(actor=request.user, person=person, **data),
        success_message=lambda charge: (
            "Charge recorded. The child shows exploitation indicators and has no NRM referral: "
            "a first responder has an urgent task, and the section 45 note is ready"
            if charge.section45_prompted_at else "Charge recorded"),
        success_url=_child_url(person),
        template="nrm/simple_form.html",
        context={"person": person, "heading": "Record a charge", "button": "Record the charge",
                 "page_title": f"Record a charge for {person.display_name}"},
        audit={"action": events.CHARGE_FORM_VIEWED, "subject": person},
    )


def charge_court(request: HttpRequest, charge_id: int) -> HttpResponse:
    charge = selectors.charge_get(actor=request.user, charge_id=charge_id)
    if not policies.can_record_charge(request.user, charge.person):
        raise Http404
    fields = ("court_name", "court_date", "outcome", "outcome_on", "outcome_note")
    form = CourtForm(request.POST or None, initial={f: getattr(charge, f) for f in fields})
    return form_page(
        request, form,
        save=lambda data: services.charge_court_update(actor=request.user, charge=charge, **data),
        success_message="Court details saved",
        success_url=_child_url(charge.person),
        template="nrm/simple_form.html",
        context={"person": charge.person, "heading": "Court date and outcome",
                 "intro": f"Charged on {charge.charged_on:%-d %B %Y} with {charge.offence}.",
                 "button": "Save", "page_title": f"Court date and outcome for {charge.person.display_name}"},
        audit={"action": events.CHARGE_FORM_VIEWED, "subject": charge.person,
               "detail": {"charge_id": charge.pk}},
    )


def _note(request, charge_id, *, printed: bool) -> HttpResponse:
    charge = selectors.charge_get(actor=request.user, charge_id=charge_id)
    referrals = selectors.referrals_for(actor=request.user, person=charge.person)
    reasons = [r for r in charge.section45_reasons.splitlines() if r.strip()]
    if not reasons and not referrals:
        reasons = rules.exploitation_indicators(charge.person)
    audit_record(
        actor=request.user,
        action=events.SECTION45_NOTE_PRINTED if printed else events.SECTION45_NOTE_VIEWED,
        subject=charge.person, detail={"charge_id": charge.pk},
    )
    return render(request, "nrm/section45.html", {
        "charge": charge, "person": charge.person, "referrals": referrals, "reasons": reasons,
        "printed": printed, "now": timezone.localtime(),
        "page_title": f"Section 45 information note: {charge.person.display_name}",
    })


def section45_note(request: HttpRequest, charge_id: int) -> HttpResponse:
    return _note(request, charge_id, printed=False)


def section45_print(request: HttpRequest, charge_id: int) -> HttpResponse:
    return _note(request, charge_id, printed=True)
