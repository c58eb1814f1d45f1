from django.apps import AppConfig


class IdentityConfig(AppConfig):
    """Identity across agencies: possible matches raised without revealing hidden records.

    Today this holds the review queue that the people pages feed (the same identifier on two
    records; a record created while a possible match is held elsewhere; a request for access to
    that match). Batch linkage, merge and unmerge build on the same queue (issue 16).
    """

    name = "lantern.identity"
    label = "identity"

    def ready(self) -> None:
        from lantern.core.navigation import register

        register(
            "identity:queue",
            "Possible matches",
            "Records that may be the same child, and requests for access to a record held elsewhere",
            visible="lantern.identity.policies.may_review",
        )
