// The map of places: Leaflet over the county's own district shapes, with no tile server (the
// page's content security policy allows no outside request). The table beside it holds the same.
(function () {
  "use strict";
  var el = document.getElementById("network-map");
  var geo = document.getElementById("county-geojson");
  var markers = document.getElementById("map-markers");
  if (!el || !geo || !markers || typeof window.L === "undefined") { return; }
  el.hidden = false;
  var L = window.L;
  var map = L.map(el, { crs: L.CRS.Simple, minZoom: 1, maxZoom: 6, attributionControl: false, zoomSnap: 0.25 });
  var layer = L.geoJSON(JSON.parse(geo.textContent), {
    coordsToLatLng: function (c) { return L.latLng(c[1], c[0]); },
    style: function () { return { color: "#505a5f", weight: 2, fillColor: "#ffffff", fillOpacity: 0.7 }; },
    onEachFeature: function (f, lyr) {
      lyr.bindTooltip(f.properties.district + " (" + f.properties.area + ")", { sticky: true });
    }
  }).addTo(map);
  map.fitBounds(layer.getBounds());
  JSON.parse(markers.textContent).forEach(function (p) {
    var m = L.circleMarker(L.latLng(p.point[1], p.point[0]), { radius: 6, color: "#0b0c0c", weight: 1, fillColor: "#d4351c", fillOpacity: 0.9 });
    var a = document.createElement("a");
    a.href = p.url;
    a.textContent = p.label;
    m.bindPopup(a);
    m.addTo(map);
  });
  window.lanternMap = map;
})();
