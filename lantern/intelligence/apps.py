from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    """Entities, links, graded intelligence, partner submissions, arrests and stops, and the
    County Lines register (issue 11; docs/adr/0026-intelligence-model.md)."""

    name = "lantern.intelligence"
    label = "intelligence"

    def ready(self) -> None:
        from lantern.core.navigation import register
        from lantern.missing.hooks import on_mention

        register(
            "intelligence:lines", "County Lines",
            "The County Lines register: lines, their status over time, and counts by area as at "
            "any date",
            visible="lantern.intelligence.policies.may_view_register",
        )
        register(
            "intelligence:line_counts", "County Lines by area",
            "How many lines were active, disrupted or closed in each area on any date",
            visible="lantern.intelligence.policies.may_view_line_counts",
        )
        register(
            "intelligence:home", "Intelligence",
            "Graded intelligence reports, links between people, phones, places and lines, "
            "partner submissions, arrests and stops",
            visible="lantern.intelligence.policies.may_view_intelligence",
        )
        register(
            "intelligence:submission_mine", "Send information to the police",
            "Tell the police intelligence team what you know, and follow its status",
            visible="lantern.intelligence.policies.may_submit",
        )
        on_mention(_from_interview)


def _from_interview(*, interview, actor):
    from lantern.intelligence.services import submission_from_interview

    submission_from_interview(actor=actor, interview=interview)
