from django.apps import AppConfig


class YouthConfig(AppConfig):
    """Reports from young people, made without an account on the public site, and the staff
    queue that turns each one into a referral, a report passed to the police, or no further
    action.

    The public pages live in ``config/urls_youth.py`` and run only in the youth process
    (``LANTERN_SITE=youth``); the staff pages live in the staff URLconf and access matrix.
    """

    name = "lantern.youth"
    label = "youth"

    def ready(self) -> None:
        from lantern.core.navigation import register

        register(
            "youth:queue",
            "Reports from young people",
            "Reports sent without a name through the young people's site, to read and act on",
            visible="lantern.youth.policies.may_see_queue",
        )
