"""Who may see networks: exactly those who may see intelligence (``lantern.intelligence
.policies``), because the network is drawn only from the links ``visible_links`` gives them.

Schools, partnership analysts and system administrators see no network and get no network
alert: a school is never told which of its pupils are linked to whom (ADR 0021).
"""

from __future__ import annotations

from lantern.intelligence import policies as intel


def may_view_network(actor) -> bool:
    return intel.may_view_intelligence(actor)


def may_export(actor) -> bool:
    """Exports for an analyst's own tools: the same people, each export with a reason."""
    return intel.may_view_intelligence(actor)


def may_receive_alerts(actor) -> bool:
    return intel.may_view_intelligence(actor)
