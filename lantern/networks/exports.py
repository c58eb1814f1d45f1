"""Exports of a network view: ``entities.csv`` and ``links.csv`` for IBM i2 Analyst's Notebook
(its delimited-text import: one file of entities, one of links that refer to entities by id),
and GraphML for other tools (Gephi, yEd, igraph, networkx).

Only what the view holds is exported, so an export can never hold more than the viewer was
shown (``selectors.network_around``). The columns are documented in
``docs/reference/network-exports.md``; the i2 import specification maps them once:

* entities: ``Entity ID`` is the identity, ``Entity Type`` picks the icon type, ``Label`` the
  label, the rest are attributes;
* links: ``From Entity ID``/``To Entity ID`` end the link at the entities' identities,
  ``Link Type`` the link type, ``Strength`` one of i2's default strengths (Confirmed,
  Unconfirmed, Tentative), ``Date First Seen`` the date (ISO, ``yyyy-MM-dd``).

Cells that a spreadsheet would read as a formula (starting ``=``, ``+``, ``-``, ``@``, tab or
carriage return) are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from xml.etree import ElementTree as ET

from lantern.networks.selectors import NetworkView

ENTITY_COLUMNS = ("Entity ID", "Entity Type", "Label", "Is Child", "Distance", "Links In View",
                  "Lantern Reference")
LINK_COLUMNS = ("Link ID", "From Entity ID", "From Entity Type", "To Entity ID", "To Entity Type",
                "Link Type", "Label", "Strength", "Date First Seen", "Date Last Seen",
                "From Role", "To Role", "Sharing", "Direction")
I2_TYPE = {"person": "Person", "address": "Address", "context": "Location", "phone": "Telephone",
           "vehicle": "Vehicle", "handle": "Online Account", "line": "Drugs Line",
           "group": "Organisation"}
I2_STRENGTH = {"confirmed": "Confirmed", "tentative": "Tentative", "unconfirmed": "Unconfirmed"}


def _cell(value) -> str:
    text = "" if value is None else str(value)
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def _csv(header, rows) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for row in rows:
        w.writerow([_cell(v) for v in row])
    return buf.getvalue()


def entities_csv(view: NetworkView) -> str:
    return _csv(ENTITY_COLUMNS, (
        (n.id, I2_TYPE.get(n.kind, "Entity"), n.view.label, "Yes" if n.view.child else "No",
         n.distance, n.degree, n.view.url)
        for n in view.nodes
    ))


def _date(d) -> str:
    return d.isoformat() if d else ""


def links_csv(view: NetworkView) -> str:
    kinds = {n.id: n.kind for n in view.nodes}
    return _csv(LINK_COLUMNS, (
        (e.id, e.source, I2_TYPE.get(kinds.get(e.source, ""), "Entity"), e.target,
         I2_TYPE.get(kinds.get(e.target, ""), "Entity"), e.type_label, e.type_label,
         I2_STRENGTH.get(e.strength, "Unconfirmed"), _date(e.first_seen), _date(e.last_seen),
         ", ".join(e.source_roles), ", ".join(e.target_roles), e.sharing, "None")
        for e in view.edges
    ))


GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_NODE_KEYS = (("label", "string"), ("kind", "string"), ("child", "boolean"), ("distance", "int"))
_EDGE_KEYS = (("type", "string"), ("strength", "string"), ("first_seen", "string"),
              ("last_seen", "string"), ("source_role", "string"), ("target_role", "string"))


def graphml(view: NetworkView) -> str:
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    for name, kind in _NODE_KEYS:
        ET.SubElement(root, f"{{{GRAPHML_NS}}}key", id=f"n_{name}", attrib={
            "for": "node", "attr.name": name, "attr.type": kind})
    for name, kind in _EDGE_KEYS:
        ET.SubElement(root, f"{{{GRAPHML_NS}}}key", id=f"e_{name}", attrib={
            "for": "edge", "attr.name": name, "attr.type": kind})
    g = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", id="network", edgedefault="undirected")

    def data(parent, key, value):
        d = ET.SubElement(parent, f"{{{GRAPHML_NS}}}data", key=key)
        d.text = str(value)

    for n in view.nodes:
        el = ET.SubElement(g, f"{{{GRAPHML_NS}}}node", id=n.id)
        data(el, "n_label", n.view.label)
        data(el, "n_kind", n.kind)
        data(el, "n_child", "true" if n.view.child else "false")
        data(el, "n_distance", n.distance)
    for e in view.edges:
        el = ET.SubElement(g, f"{{{GRAPHML_NS}}}edge", id=f"link{e.id}", source=e.source, target=e.target)
        data(el, "e_type", e.type_label)
        data(el, "e_strength", e.strength)
        data(el, "e_first_seen", _date(e.first_seen))
        data(el, "e_last_seen", _date(e.last_seen))
        data(el, "e_source_role", ", ".join(e.source_roles))
        data(el, "e_target_role", ", ".join(e.target_roles))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


FORMATS = {
    "entities": ("entities.csv", "text/csv; charset=utf-8", entities_csv),
    "links": ("links.csv", "text/csv; charset=utf-8", links_csv),
    "graphml": ("network.graphml", "application/graphml+xml; charset=utf-8", graphml),
}
