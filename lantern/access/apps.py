from django.apps import AppConfig


class AccessConfig(AppConfig):
    """One access policy for the whole service: the URL matrix and per-record policies."""

    name = "lantern.access"
    label = "access"
