"""The synthetic county's own map: district shapes on an invented plane, as GeoJSON.

Why invented: the county is made up, so its map must be too; a real-world basemap would place
made-up children in real streets, and a tile server would be an outside request (the CSP allows
none). The districts are laid out as the generator names them (``lantern.synthetic.generator
.county.AREAS``): North across the top, West and East below, two districts each. Coordinates are
plain numbers (0 to 100) drawn with Leaflet's simple (non-geographic) projection.

A location is placed in its district: an address by its district (or its postcode's outward
code), a place by its district; the point within the district is fixed by its id so the map is
the same every time and a home's position says nothing about the real street.
"""

from __future__ import annotations

import hashlib

from lantern.synthetic.generator.county import AREAS

#: (x0, y0, x1, y1) per district, in the order of AREAS.
_BOXES = [(0, 55, 50, 100), (50, 55, 100, 100), (0, 0, 25, 55), (25, 0, 50, 55),
          (50, 0, 75, 55), (75, 0, 100, 55)]


def districts() -> list[tuple[str, str, tuple[int, int, int, int]]]:
    """(area, district, box) for Ashdown's six districts."""
    out = []
    i = 0
    for area, names in AREAS.items():
        for name in names:
            out.append((area, name, _BOXES[i % len(_BOXES)]))
            i += 1
    return out


def outward_district(postcode: str) -> str | None:
    """The district of an Ashdown postcode by its outward code: AD1-AD3 the first district,
    AD4-AD6 the second, and so on (as the generator hands them out)."""
    outward = (postcode or "").split(" ")[0].upper()
    if not outward.startswith("AD") or not outward[2:].isdigit():
        return None
    n = int(outward[2:])
    names = [d for _, d, _ in districts()]
    k = (n - 1) // 3
    return names[k] if 0 <= k < len(names) else None


def _wobble(x0, y0, x1, y1) -> list[list[float]]:
    """A box with its edges nudged so districts look like districts, shared edges kept shared."""
    return [[x0, y0], [(x0 + x1) / 2, y0], [x1, y0], [x1, (y0 + y1) / 2], [x1, y1],
            [(x0 + x1) / 2, y1], [x0, y1], [x0, (y0 + y1) / 2], [x0, y0]]


def county_geojson() -> dict:
    """Ashdown's districts as a GeoJSON FeatureCollection (properties: area, district)."""
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"area": area, "district": name},
             "geometry": {"type": "Polygon", "coordinates": [_wobble(*box)]}}
            for area, name, box in districts()
        ],
    }


def point_in(district: str | None, key: str) -> tuple[float, float] | None:
    """A fixed point inside ``district`` for the thing ``key`` names (x, y), or None."""
    for _, name, (x0, y0, x1, y1) in districts():
        if name == district:
            h = hashlib.sha256(key.encode()).digest()
            fx, fy = h[0] / 255, h[1] / 255
            return (round(x0 + 4 + fx * (x1 - x0 - 8), 2), round(y0 + 4 + fy * (y1 - y0 - 8), 2))
    return None
