"""Young people's reporting: a public site (``LANTERN_SITE=youth``) and a staff triage queue.

See docs/adr/0016-youth-reporting-site.md for the threat model.
"""
