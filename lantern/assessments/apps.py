from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    """Risk assessments, screens and outcome measures, stored on top of the scoring engine.

    The engine (``lantern.assessments.engine``) is Django-free and does all the scoring; this app
    keeps drafts, pins tool versions, stores the engine's explained result, and adds professional
    judgement, reviews, mandatory actions and the cohort view (docs/adr/0008).
    """

    name = "lantern.assessments"
    label = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        from lantern.assessments import checks  # noqa: F401  (registers the tool-definition check)
        from lantern.assessments.services import assessment_review_bring_forward
        from lantern.core.navigation import register
        from lantern.people.critical import on_critical_event

        # A critical moment on the chronology (arrest, missing, A&E...) brings the next review
        # forward inside the same transaction as the event itself.
        on_critical_event(assessment_review_bring_forward)
        register(
            "assessments:dashboard",
            "Assessments",
            "Your drafts, reviews and outcome measures due, and actions that must happen",
        )
        register(
            "assessments:cohort",
            "Outcomes",
            "How children's outcome measures changed, by team and area (no names)",
        )
