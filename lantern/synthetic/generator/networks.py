"""Planted networks: County Lines and groups of adults who sexually exploit children.

A County Line is run from a city outside the county (``EXPORTING_CITIES``) into a district,
through a deal number; children from that district are exploited to carry and sell drugs;
vulnerable adults' homes are taken over (cuckooing). Each line is active from ``start``, may be
``disrupted`` by police, and is ``closed`` later; its status on any date follows from these.
The first line in each area is planted to be active in February 2019, the date the committee
minute's figures were "current as of", so the Northern/Western/Eastern split always exists.

Node ids in ``network_links`` and the ground truth: ``L:<network_id>`` (a line or group),
``P:<person_id>``, ``PH:<digits>`` (a phone), ``A:<address_id>`` (an address).
"""

from __future__ import annotations

import datetime as dt
import random

from lantern.synthetic.generator import vocab
from lantern.synthetic.generator.dates import START_ORD, iso

FEB_2019 = dt.date(2019, 2, 1).toordinal()
#: A line other than the planted one starts at least this many days before the as-at date.
LATEST_START_DAYS = 244
CITY_POSTCODE = {"Porthaven": "ZP", "Greyminster": "ZG", "Calderbury": "ZC", "Kingsmere": "ZK",
                 "Ravensport": "ZR"}
CUCKOO_NEEDS = ("learning disability", "mental ill-health", "dependent on heroin",
                "physical disability and isolated", "alcohol dependency")


class Network:
    def __init__(self, nid: int, kind: str, name: str, area: str, district, start: int,
                 as_at: int) -> None:
        self.id = nid
        self.as_at = as_at  # the world's today (ordinal): an open network runs until then
        self.kind = kind
        self.name = name
        self.area = area
        self.district = district
        self.city = ""
        self.deal_number = ""
        self.start = start
        self.disrupted: int | None = None
        self.closed: int | None = None
        self.controllers: list = []
        self.locals: list = []
        self.children: list = []  # cases
        self.victims: list = []  # adults whose homes were taken over
        self.places: list[tuple] = []  # (address tuple, start, end)
        self.phones: list[tuple] = []  # (number, holder person id or "", kind, start, end)

    def end(self) -> int:
        return self.closed or self.as_at

    def status_on(self, o: int) -> str:
        if o < self.start:
            return "not_started"
        if self.closed is not None and o >= self.closed:
            return "closed"
        if self.disrupted is not None and o >= self.disrupted:
            return "disrupted"
        return "active"

    def adults(self) -> list:
        return self.controllers + self.locals


def _when(o: int | None, as_at: int) -> int | None:
    """``o``, or None when it falls on or after the as-at date (it has not happened yet)."""
    return None if o is None or o >= as_at else o


def build_networks(county, cases, pop, rnd: random.Random) -> list[Network]:
    """Lines and groups for ``county``; assigns cases to them and makes their adults."""
    networks: list[Network] = []
    as_at = county.as_at_ord
    brands = list(vocab.LINE_BRANDS)
    rnd.shuffle(brands)
    used_names: dict[str, int] = {}

    def line_name() -> str:
        brand = brands[len(used_names) % len(brands)] if len(used_names) < len(brands) else rnd.choice(brands)
        k = used_names.get(brand, 0) + 1
        used_names[brand] = k
        return brand if k == 1 else f"{brand} {k}"

    for _area_id, area in county.areas:
        districts = [d for d in county.districts if d.area == area]
        cl = sorted((c for c in cases if c.district.area == area and c.profile == "county_lines"),
                    key=lambda c: (c.key, c.index))
        n_lines = max(2, round(len(cl) / 8))
        lines = []
        for i in range(n_lines):
            if i == 0:  # planted: active when the committee's figures were taken
                start = rnd.randint(dt.date(2017, 3, 1).toordinal(), dt.date(2018, 10, 1).toordinal())
                active = rnd.randint(FEB_2019 - start + 120, FEB_2019 - start + 700)
            else:
                start = rnd.randint(START_ORD, as_at - LATEST_START_DAYS)
                active = rnd.randint(240, 1100)
            net = Network(county.ids.next("network"), "county_line", line_name(), area,
                          rnd.choice(districts), start, as_at)
            net.city = rnd.choice(vocab.EXPORTING_CITIES)
            if rnd.random() < 0.6:
                net.disrupted = start + active
                net.closed = net.disrupted + rnd.randint(90, 540)
            else:
                net.closed = start + active
            net.disrupted, net.closed = _when(net.disrupted, as_at), _when(net.closed, as_at)
            lines.append(net)
        for c in cl:
            fits = [n for n in lines if n.start - 90 <= c.key <= n.end() + 30]
            if fits:
                net = rnd.choice(fits)
            else:
                net = min(lines, key=lambda n: min(abs(n.start - c.key), abs(n.end() - c.key)))
                net.start = min(net.start, c.key - 60)
                if net.closed is not None and net.closed < c.key + 30:
                    net.closed = _when(c.key + rnd.randint(30, 200), as_at)
                    if net.disrupted is not None and net.closed is not None and net.disrupted >= net.closed:
                        net.disrupted = None
                    if net.closed is None:
                        net.disrupted = None
            net.children.append(c)
            c.network = net
        for c in cases:
            if c.district.area == area and c.profile == "cce" and rnd.random() < 0.5:
                fits = [n for n in lines if n.start <= c.key <= n.end()]
                if fits:
                    net = rnd.choice(fits)
                    net.children.append(c)
                    c.network = net
        lines = _every_line_exploits_a_child(lines, cases, area)
        for net in lines:
            net.start = max(START_ORD, net.start)
            _people_for_line(county, net, pop, rnd)
        networks.extend(lines)

        # Groups of adults who sexually exploit children, per district.
        for d in districts:
            group_cases = sorted((c for c in cases if c.district is d and c.method in ("group", "party")),
                                 key=lambda c: (c.key, c.index))
            if not group_cases:
                continue
            n_groups = max(1, round(len(group_cases) / 5))
            groups = []
            for _ in range(n_groups):
                g = Network(county.ids.next("network"), "cse_group",
                            f"{rnd.choice(d.towns)} group {len(groups) + 1}", area, d, 0, as_at)
                groups.append(g)
            for i, c in enumerate(group_cases):
                g = groups[i * n_groups // len(group_cases)]
                g.children.append(c)
                c.network = g
            for g in groups:
                keys = [c.key for c in g.children]
                g.start = max(START_ORD, min(keys) - rnd.randint(60, 200))
                g.disrupted = _when(max(keys) + rnd.randint(30, 300), as_at)
                g.closed = (_when((g.disrupted or max(keys)) + rnd.randint(60, 400), as_at)
                            if g.disrupted else None)
                for _ in range(rnd.randint(2, 4)):
                    g.locals.append(pop.make_adult(d, (20, 48), "M", role="local", net=g, at=g.start))
                flat = pop.make_adult(d, (25, 60), rnd.choice("MF"), role="local", net=g, at=g.start)
                g.locals.append(flat)
                g.places.append((flat.addresses[-1], g.start, g.closed))
            networks.extend(groups)
    # "Boyfriend" model: one adult of concern, no network.
    for c in cases:
        if c.method == "boyfriend" and rnd.random() < 0.6:
            c.cse_adult = pop.make_adult(c.district, (19, 29), "M", role="boyfriend", case=c, at=c.key)
    return networks


def _every_line_exploits_a_child(lines: list[Network], cases, area: str) -> list[Network]:
    """A planted line always has at least one child: take the nearest in time from a line with
    several, else a criminally exploited child of the area not yet in a line; a line that still
    has none is dropped."""
    kept = []
    for net in lines:
        if not net.children:
            donors = [(c, n) for n in lines if len(n.children) > 1 for c in n.children]
            spare = [c for c in cases if c.district.area == area and c.profile == "cce" and c.network is None]
            pool = donors or [(c, None) for c in spare]
            if pool:
                c, donor = min(pool, key=lambda cn: (min(abs(cn[0].key - net.start), abs(cn[0].key - net.end())),
                                                     cn[0].index))
                if donor is not None:
                    donor.children.remove(c)
                net.children.append(c)
                c.network = net
                net.start = min(net.start, c.key - 60)
                if net.closed is not None and net.closed < c.key + 30:
                    net.closed = _when(c.key + 90, net.as_at)
                    net.disrupted = None
        if net.children:
            kept.append(net)
    return kept


def _people_for_line(county, net: Network, pop, rnd: random.Random) -> None:
    net.deal_number = county.mobiles.take()
    net.phones.append((net.deal_number, "", "deal_line", net.start, net.closed))
    for _ in range(rnd.randint(1, 2)):
        adult = pop.make_adult(None, (19, 34), "M" if rnd.random() < 0.9 else "F", role="controller",
                               net=net, at=net.start, city=net.city)
        net.controllers.append(adult)
        net.phones.append((county.mobiles.take(), adult.id, "personal", net.start, net.closed))
    for _ in range(rnd.randint(0, 2)):
        net.locals.append(pop.make_adult(net.district, (18, 40), "M" if rnd.random() < 0.8 else "F",
                                         role="local", net=net, at=net.start))
    for _ in range(rnd.randint(1, 2)):
        victim = pop.make_adult(net.district, (32, 70), rnd.choice("MF"), role="victim", net=net,
                                at=net.start)
        victim.dnote = rnd.choice(CUCKOO_NEEDS)
        victim.disability = 1
        start = rnd.randint(net.start, max(net.start, net.end() - 30))
        end = _when(min(net.end(), start + rnd.randint(30, 300)), net.as_at)
        net.victims.append(victim)
        net.places.append((victim.addresses[-1], start, end))
    for c in net.children:
        if rnd.random() < 0.6:
            start = max(net.start, c.key - rnd.randint(0, 120))
            net.phones.append((county.mobiles.take(), c, "runner_handset", start,
                               _when(min(net.end(), start + rnd.randint(30, 240)), net.as_at)))


def adult_story(chron, net: Network | None, p, role: str, case=None) -> list[tuple]:
    """Events for an adult in a network (or a "boyfriend-model" adult): (ordinal, type,
    subtype, agency id, summary, significant, network id)."""
    rnd = chron.rnd
    police = chron.police
    out = []
    nid = net.id if net is not None else ""
    if role == "controller":
        out.append((net.start + rnd.randint(30, 200), "intelligence", "", police,
                    f"Intelligence (graded B2) that {p.name} controls the '{net.name}' deal line "
                    f"from {net.city} and recruits children in {net.district.name} to sell drugs.", False, nid))
        if net.disrupted or (net.closed and rnd.random() < 0.6):
            when = net.disrupted or net.closed
            out.append((when, "arrest", "drug_supply", police,
                        f"{p.name} was arrested in {net.city} for conspiracy to supply Class A drugs "
                        f"in an operation against the '{net.name}' line; phones seized.", True, nid))
    elif role == "local" and net is not None and net.kind == "county_line":
        out.append((net.start + rnd.randint(10, 300), "intelligence", "", police,
                    f"Intelligence that {p.name} collects children from school in "
                    f"{net.district.name} and takes them to addresses used by the '{net.name}' line.", False, nid))
    elif role == "local":
        out.append((net.start + rnd.randint(10, 200), "intelligence", "", police,
                    f"Intelligence that {p.name} is one of a group of adults who give children "
                    f"alcohol and drugs at addresses in {net.district.name} and sexually exploit them.", False, nid))
        if net.disrupted:
            out.append((net.disrupted, "arrest", "sexual_offences", police,
                        f"{p.name} was arrested on suspicion of sexual offences against children "
                        f"in {net.district.name}.", True, nid))
    elif role == "victim":
        place = next((pl for pl in net.places if pl[0][0] == p.addresses[-1][0]), None)
        when = place[1] if place else net.start
        out.append((when, "intelligence", "cuckooing", police,
                    f"{p.name}'s home was taken over by people supplying drugs for the "
                    f"'{net.name}' line (cuckooing). {p.name} is a victim; adult safeguarding "
                    f"referral made.", True, nid))
        if place and place[2]:
            out.append((place[2], "disruption", "closure_order", police,
                        f"Closure order granted on {p.name}'s home for three months to stop the "
                        f"'{net.name}' line using it; {p.name} supported to stay with family.", True, nid))
    elif role == "boyfriend":
        out.append((case.key + rnd.randint(0, 60), "intelligence", "", police,
                    f"Intelligence that {p.name} ({p.dob.year}) has been grooming a child in "
                    f"{case.district.name} with gifts and lifts.", False, ""))
        if rnd.random() < 0.5:
            out.append((case.key + rnd.randint(20, 200), "disruption", "cawn", police,
                        f"Child abduction warning notice served on {p.name}.", True, ""))
    return [e for e in out if START_ORD <= e[0] < chron.as_at]


def emit_networks(w, truth, networks: list[Network], agencies) -> None:
    police = agencies["police"].id
    links = w.network_links
    for net in networks:
        w.networks((net.id, w.county_id, net.kind, net.name, next(a for a, n in w.areas if n == net.area),
                    net.city, net.deal_number, iso(net.start), iso(net.disrupted), iso(net.closed)))
        L = f"L:{net.id}"
        nodes = {L}

        def link(a, b, kind, strength, start, stop=None, nodes=nodes, nid=net.id):
            nodes.add(a)
            nodes.add(b)
            links((nid, a, b, kind, strength, iso(start), iso(stop), police))

        for number, holder, kind, start, stop in net.phones:
            ph = f"PH:{number.replace(' ', '')}"
            if hasattr(holder, "person"):  # a child's handset: the case's person id
                holder = holder.person.id
            w.phones((number, net.id, holder, kind, iso(start), iso(stop)))
            if kind == "deal_line":
                link(L, ph, "uses_number", "confirmed", start, stop)
            elif holder:
                link(f"P:{holder}", ph, "holds_phone", "confirmed" if kind == "personal" else "tentative", start, stop)
                if kind == "runner_handset":
                    link(ph, L, "contacts", "tentative", start, stop)
        for a in net.controllers:
            link(f"P:{a.id}", L, "controls", "confirmed", net.start, net.closed)
        for a in net.locals:
            link(f"P:{a.id}", L, "member_of" if net.kind == "cse_group" else "works_for",
                 "tentative", net.start, net.closed)
        for c in net.children:
            link(f"P:{c.person.id}", L, "exploited_by", "confirmed", max(net.start, c.key - 90), None)
            for a in net.adults()[:2]:
                link(f"P:{a.id}", f"P:{c.person.id}", "exploits", "tentative", max(net.start, c.key - 60), None)
        for v in net.victims:
            link(f"P:{v.id}", f"A:{v.addresses[-1][0]}", "lives_at", "confirmed", v.addresses[-1][7], None)
        for address, start, stop in net.places:
            link(L, f"A:{address[0]}", "uses_address", "confirmed" if net.kind == "county_line" else "tentative",
                 start, stop)
        truth.network({
            "network_id": net.id, "kind": net.kind, "name": net.name, "area": net.area,
            "district": net.district.name, "exporting_area": net.city,
            "deal_number": net.deal_number, "start": iso(net.start),
            "disrupted": iso(net.disrupted) or None, "closed": iso(net.closed) or None,
            "children": sorted(c.person.id for c in net.children),
            "adults_of_concern": sorted(a.id for a in net.adults()),
            "adult_victims": sorted(v.id for v in net.victims),
            "addresses": sorted({p[0][0] for p in net.places}),
            "phones": sorted({n.replace(" ", "") for n, *_ in net.phones}),
            "nodes": sorted(nodes),
        })
