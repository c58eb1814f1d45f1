"""GOV.UK forms for assessments. Forms check what a person typed; services and the engine check
the meaning (unknown indicators, scales, overrides) again before anything is saved.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from lantern.assessments import engine
from lantern.core.forms import GovukDateField, GovukDateWidget, GovukForm, date_from_parts

EVIDENCE_LABELS = {
    "observed": "Observed",
    "disclosed": "Disclosed by the child",
    "intelligence": "Intelligence",
    "professional_concern": "Professional concern",
}
NOTE_MAX = 1000
EARLIEST = dt.date(1990, 1, 1)


def _today() -> dt.date:
    return timezone.localdate()


class ObservationDateField(forms.MultiValueField):
    """A date seen, where the day is optional: cleans to ``(date, month_only)`` or ``None``.

    Future dates are refused (a date after today is always a typing mistake); a month-only date
    is in the future when the whole month is.
    """

    widget = GovukDateWidget

    def __init__(self, **kwargs):
        fields = tuple(forms.CharField(required=False) for _ in range(3))
        kwargs.setdefault("required", False)
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        day, month, year = (str(p or "").strip() for p in (data_list or ["", "", ""]))
        if not (day or month or year):
            return None
        label = self.label or "Date"
        if not month or not year:
            missing = " and ".join(n for n, v in (("month", month), ("year", year)) if not v)
            raise forms.ValidationError(f"{label} must include a {missing}")
        if not all(p.isdigit() for p in (month, year) + ((day,) if day else ())):
            raise forms.ValidationError(f"{label} must be a real date, using numbers only")
        if len(year) != 4:
            raise forms.ValidationError(f"{label}: the year must include 4 numbers")
        # The shared reading of date boxes: never an exception (a 20-digit day or month).
        value = date_from_parts(day or "1", month, year, label=label)
        if value < EARLIEST:
            raise forms.ValidationError(f"{label} must be after 1 January 1990")
        if value > _today():
            raise forms.ValidationError(f"{label} must be today or in the past")
        return (value, not day)


def _iso(value: tuple[dt.date, bool]) -> str:
    day, month_only = value
    return day.strftime("%Y-%m") if month_only else day.isoformat()


def _initial_date(raw: str) -> list:
    """Day, month, year boxes for a stored 'YYYY-MM-DD' or 'YYYY-MM'."""
    parts = (raw or "").split("-")
    if len(parts) == 2:
        return ["", int(parts[1]), parts[0]]
    if len(parts) == 3:
        return [int(parts[2]), int(parts[1]), parts[0]]
    return ["", "", ""]


class StartForm(GovukForm):
    tool = forms.ChoiceField(
        label="Which assessment?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select which assessment to start"},
    )
    as_at = GovukDateField(
        label="Assessment date",
        allow_future=False,
        earliest=EARLIEST,
        help_text="The date the assessment describes. For an outcome measure, the start of the work with the child. For example, 27 3 2026.",
        error_messages={"required": "Enter the assessment date"},
    )
    weeks = forms.IntegerField(
        label="Planned length of the work, in weeks (outcome measures only)",
        required=False,
        min_value=2,
        max_value=104,
        help_text="The last measure is due at the end. Leave blank to use the measure's usual length.",
        error_messages={
            "invalid": "Enter the length in weeks as a whole number, like 12",
            "min_value": "The planned length must be at least 2 weeks",
            "max_value": "The planned length must be 104 weeks or fewer",
        },
    )

    def __init__(self, *args, tools=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.tools = {f"{t.slug}:{t.version}": t for t in tools}
        latest = {}
        for t in tools:
            latest[t.slug] = max(latest.get(t.slug, 0), t.version)
        self.fields["tool"].choices = [
            (key, f"{t.title}, version {t.version}{' (latest)' if t.version == latest[t.slug] and t.version > 1 else ''}")
            for key, t in self.tools.items()
        ]
        self.fields["weeks"].widget.attrs.update({"inputmode": "numeric"})
        self.fields["weeks"].widget.attrs["class"] += " govuk-input--width-3"

    def tool_options(self) -> list[dict]:
        """Each radio with its tool summary, for hints and links."""
        return [{"radio": r, "tool": self.tools[r.data["value"]]} for r in self["tool"]]

    def clean(self):
        data = super().clean()
        tool = self.tools.get(data.get("tool"))
        data["tool_summary"] = tool
        if tool and tool.kind != "outcome" and data.get("weeks"):
            self.add_error("weeks", "Only outcome measures have a planned length: leave it blank")
        return data


class AsAtForm(GovukForm):
    as_at = GovukDateField(
        label="Assessment date",
        allow_future=False,
        earliest=EARLIEST,
        help_text="Indicators are counted in their time windows up to this date. For example, 27 3 2026.",
        error_messages={"required": "Enter the assessment date"},
    )


class SectionForm(GovukForm):
    """Every indicator of one section: seen or not, and when, by whom and how it is known.

    Each indicator has as many date slots as it has saved dates plus one spare (at least two,
    since some tools score an indicator seen in two windows), so another date can always be added
    without JavaScript. An indicator that is not ticked is not recorded, whatever its boxes hold.
    """

    def __init__(self, *args, tool, section_id: str, saved: list[dict], agencies, as_at, **kwargs):
        self.tool = tool
        self.section = tool.sections_by_id[section_id]
        self.as_at = as_at
        self.indicators = [i for i in tool.indicators if i.section == section_id]
        self.saved = {a["indicator"]: a.get("observed", []) for a in saved}
        self.slot_counts = {}
        # Fields are built before the base __init__ (as ``base_fields``) so that GovukFormMixin
        # gives every widget its GOV.UK classes, as it does for declared fields.
        fields: dict[str, forms.Field] = {}
        agency_choices = [("", "Choose an agency")] + [(a, a) for a in agencies]
        for ind in self.indicators:
            existing = [
                o if isinstance(o, dict) else {"date": o} for o in self.saved.get(ind.id, [])
            ]
            slots = max(2, len(existing) + 1)
            self.slot_counts[ind.id] = slots
            seen = forms.BooleanField(label="Seen or known", required=False, initial=bool(existing))
            seen.widget.attrs["data-aria-controls"] = f"conditional-{ind.id}"
            fields[f"{ind.id}-seen"] = seen
            evidence = [("", "Choose how it is known")] + [
                (e, EVIDENCE_LABELS.get(e, e)) for e in ind.evidence_types
            ]
            for k in range(slots):
                obs = existing[k] if k < len(existing) else {}
                when = "Date seen" if k == 0 else "Another date seen"
                date_field = ObservationDateField(
                    label=when,
                    help_text="For example, 27 3 2026. Leave the day blank if you only know the month.",
                    initial=_initial_date(obs.get("date", "")),
                )
                fields[f"{ind.id}-{k}-date"] = date_field
                fields[f"{ind.id}-{k}-agency"] = forms.ChoiceField(
                    label="Agency that saw or was told", required=False,
                    choices=agency_choices + (
                        [(obs["source_agency"], obs["source_agency"])]
                        if obs.get("source_agency") and obs["source_agency"] not in agencies
                        else []
                    ),
                    initial=obs.get("source_agency", ""),
                )
                fields[f"{ind.id}-{k}-evidence"] = forms.ChoiceField(
                    label="How it is known", required=False, choices=evidence,
                    initial=obs.get("evidence_type") or "",
                )
                fields[f"{ind.id}-{k}-note"] = forms.CharField(
                    label="Note", required=False, max_length=NOTE_MAX,
                    widget=forms.Textarea(attrs={"rows": 2}),
                    initial=obs.get("note", ""),
                    help_text="What happened to the child and who said so. Facts, not judgements.",
                )
        self.base_fields = fields
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        self._items: list[dict] = []
        for ind in self.indicators:
            seen = data.get(f"{ind.id}-seen")
            observed = []
            entered = False
            for k in range(self.slot_counts[ind.id]):
                prefix = f"{ind.id}-{k}"
                if f"{prefix}-date" in self.errors:
                    entered = True
                    continue
                when = data.get(f"{prefix}-date")
                details = {
                    "source_agency": data.get(f"{prefix}-agency") or "",
                    "evidence_type": data.get(f"{prefix}-evidence") or "",
                    "note": (data.get(f"{prefix}-note") or "").strip(),
                }
                if when is None:
                    if any(details.values()):
                        entered = True
                        if seen:
                            self.add_error(
                                f"{prefix}-date",
                                f"Enter the date '{ind.short}' was seen, or clear its details",
                            )
                    continue
                entered = True
                day, month_only = when
                earliest_day = day.replace(day=1) if month_only else day
                if earliest_day > self.as_at:
                    if seen:
                        self.add_error(
                            f"{prefix}-date",
                            f"The date '{ind.short}' was seen must be on or before the assessment "
                            f"date ({self.as_at.day} {self.as_at:%B %Y})",
                        )
                    continue
                observed.append({"date": _iso(when), **{k: v for k, v in details.items() if v}})
            if seen:
                if not observed and not any(
                    f"{ind.id}-{k}-date" in self.errors for k in range(self.slot_counts[ind.id])
                ):
                    self.add_error(
                        f"{ind.id}-0-date",
                        f"Enter the date '{ind.short}' was seen. If you only know the month, "
                        "leave the day blank",
                    )
                elif observed:
                    observed.sort(key=lambda o: o["date"], reverse=True)
                    self._items.append({"indicator": ind.id, "observed": observed})
            elif entered and ind.id not in self.saved:
                self.add_error(
                    f"{ind.id}-seen",
                    f"Tick 'Seen or known' for '{ind.short}' to keep the details you entered, "
                    "or clear them",
                )
        return data

    def items(self) -> list[dict]:
        """Answers-file entries for the ticked indicators (valid once ``is_valid()``)."""
        return list(getattr(self, "_items", []))

    def valid_items(self) -> list[dict]:
        """Entries for ticked indicators that had no error (saved even when others have one)."""
        bad = {name.split("-")[0] for name in self.errors}
        return [i for i in self.items() if i["indicator"] not in bad]

    def valid_indicator_ids(self) -> set[str]:
        bad = {name.split("-")[0] for name in self.errors}
        return {i.id for i in self.indicators if i.id not in bad}

    def groups(self) -> list[dict]:
        """Bound fields grouped per indicator, with language flags on saved notes."""
        out = []
        for ind in self.indicators:
            slots = []
            for k in range(self.slot_counts[ind.id]):
                prefix = f"{ind.id}-{k}"
                note = self[f"{prefix}-note"]
                slots.append(
                    {
                        "number": k + 1,
                        "date": self[f"{prefix}-date"],
                        "agency": self[f"{prefix}-agency"],
                        "evidence": self[f"{prefix}-evidence"],
                        "note": note,
                        "flags": engine.flag_language(str(note.value() or "")),
                    }
                )
            seen = self[f"{ind.id}-seen"]
            out.append(
                {
                    "indicator": ind,
                    "seen": seen,
                    "slots": slots,
                    "has_errors": any(n.split("-")[0] == ind.id for n in self.errors),
                }
            )
        return out


class OverrideForm(GovukForm):
    final_level = forms.ChoiceField(
        label="Final level",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the final level"},
    )
    rationale = forms.CharField(
        label="Why does the final level differ from the computed level?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=(
            "At least 20 characters. Say what you know that the score does not show. A team "
            "manager will read this before the level is used."
        ),
    )

    def __init__(self, *args, tool, computed_level: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.tool = tool
        self.computed_level = computed_level
        self.fields["final_level"].choices = [
            (b.code, f"{b.label}{' (computed)' if b.code == computed_level else ''}")
            for b in tool.bands
        ]

    def clean(self):
        data = super().clean()
        level = data.get("final_level")
        if level:
            try:
                data["rationale"] = engine.validate_override(
                    self.computed_level, level, data.get("rationale"), tool=self.tool
                )
            except engine.OverrideError as exc:
                self.add_error("rationale", str(exc))
        return data


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Your decision",
        widget=forms.RadioSelect,
        choices=[("approve", "Approve the proposed level"), ("decline", "Decline: keep the computed level")],
        error_messages={"required": "Select whether you approve the proposed level"},
    )
    note = forms.CharField(
        label="Note for the practitioner",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Required if you decline.",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not (data.get("note") or "").strip():
            self.add_error("note", "Explain why you are declining the proposed level")
        return data


class RescoreForm(GovukForm):
    as_at = GovukDateField(
        label="Score as at",
        earliest=EARLIEST,
        help_text=(
            "See what the same answers would score on another date: indicators age out of their "
            "time windows. The stored result does not change. For example, 27 3 2026."
        ),
        error_messages={"required": "Enter a date to score as at"},
    )


class MeasureForm(GovukForm):
    taken_on = GovukDateField(
        label="Date of the measure",
        allow_future=False,
        earliest=EARLIEST,
        help_text="For example, 27 3 2026.",
        error_messages={"required": "Enter the date of the measure"},
    )
    co_completed = forms.ChoiceField(
        label="Was this completed together with the child?",
        widget=forms.RadioSelect,
        choices=[("yes", "Yes"), ("no", "No")],
        error_messages={"required": "Select whether the child took part"},
    )

    def __init__(self, *args, tool, **kwargs):
        self.tool = tool
        fields = dict(self.base_fields)
        for domain in tool.domains:
            scale = range(domain.scale_min, domain.scale_max + 1)
            anchors = " ".join(f"{a.value}: {a.text}" for a in domain.anchors)
            fields[f"domain-{domain.id}"] = forms.TypedChoiceField(
                label=domain.title,
                coerce=int,
                widget=forms.RadioSelect,
                choices=[(str(v), str(v)) for v in scale],
                help_text=anchors,
                error_messages={"required": f"Select a score for {domain.title.lower()}"},
            )
        self.base_fields = fields
        super().__init__(*args, **kwargs)

    def domain_fields(self):
        return [self[f"domain-{d.id}"] for d in self.tool.domains]

    def values(self) -> dict[str, int]:
        return {d.id: self.cleaned_data[f"domain-{d.id}"] for d in self.tool.domains}


class ActionDoneForm(GovukForm):
    confirm = forms.BooleanField(
        label="I confirm this action has been done",
        error_messages={"required": "Confirm the action has been done"},
        help_text="Record the details (for example the date of the referral and who received it) on the chronology or the case.",
    )


class SubmitForm(GovukForm):
    """No fields: carries the service's errors to the error summary on the check answers page."""
