// The network diagram: Cytoscape.js over the same entities and links as the tables on the page.
// Everything here is an enhancement: without JavaScript the tables carry the whole content.
(function () {
  "use strict";
  var data = document.getElementById("network-elements");
  var wrapper = document.getElementById("network-graph-wrapper");
  if (!data || !wrapper || typeof window.cytoscape !== "function") { return; }
  var elements = JSON.parse(data.textContent);
  wrapper.hidden = false;
  var dashed = { confirmed: "solid", tentative: "dashed", unconfirmed: "dotted" };
  var cy = window.cytoscape({
    container: document.getElementById("network-graph"),
    elements: elements.nodes.concat(elements.edges),
    wheelSensitivity: 0.2,
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", "label": "data(label)", "font-size": 10,
        "text-wrap": "ellipsis", "text-max-width": 120, "width": 18, "height": 18, "color": "#0b0c0c" } },
      { selector: "node[?centre]", style: { "width": 28, "height": 28, "border-width": 3, "border-color": "#0b0c0c" } },
      { selector: "node[?child]", style: { "shape": "round-rectangle" } },
      { selector: "edge", style: { "width": 2, "line-color": "#505a5f", "curve-style": "bezier" } },
      { selector: "edge[strength = 'tentative']", style: { "line-style": "dashed" } },
      { selector: "edge[strength = 'unconfirmed']", style: { "line-style": "dotted" } }
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 6000 }
  });
  cy.on("tap", "node", function (evt) {
    var id = evt.target.id();
    var parts = id.split(":");
    var kinds = { P: "person", A: "address", PL: "context", PH: "phone", V: "vehicle", H: "handle", L: "line", G: "group" };
    if (kinds[parts[0]]) {
      window.location.href = "/networks/" + kinds[parts[0]] + "/" + parts[1] + "/" + window.location.search;
    }
  });

  function download(name, blob) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  // SVG built from the laid-out positions (Cytoscape draws on a canvas and has no SVG output).
  function svg() {
    var bb = cy.elements().boundingBox();
    var pad = 40, w = Math.ceil(bb.w + 2 * pad), h = Math.ceil(bb.h + 2 * pad);
    var dx = pad - bb.x1, dy = pad - bb.y1, out = [];
    out.push('<svg xmlns="http://www.w3.org/2000/svg" width="' + w + '" height="' + h + '" viewBox="0 0 ' + w + " " + h + '" font-family="Arial, sans-serif" font-size="10">');
    out.push('<rect width="100%" height="100%" fill="#ffffff"/>');
    cy.edges().forEach(function (e) {
      var s = e.source().position(), t = e.target().position();
      var style = dashed[e.data("strength")] === "dashed" ? ' stroke-dasharray="6 4"' : dashed[e.data("strength")] === "dotted" ? ' stroke-dasharray="2 3"' : "";
      out.push('<line x1="' + (s.x + dx) + '" y1="' + (s.y + dy) + '" x2="' + (t.x + dx) + '" y2="' + (t.y + dy) + '" stroke="#505a5f" stroke-width="2"' + style + "><title>" + esc(e.data("label")) + "</title></line>");
    });
    cy.nodes().forEach(function (n) {
      var p = n.position(), r = n.data("centre") ? 14 : 9;
      out.push('<circle cx="' + (p.x + dx) + '" cy="' + (p.y + dy) + '" r="' + r + '" fill="' + esc(n.data("colour")) + '"' + (n.data("centre") ? ' stroke="#0b0c0c" stroke-width="3"' : "") + "/>");
      out.push('<text x="' + (p.x + dx) + '" y="' + (p.y + dy + r + 11) + '" text-anchor="middle" fill="#0b0c0c">' + esc(n.data("label")) + "</text>");
    });
    out.push("</svg>");
    return out.join("\n");
  }

  document.getElementById("network-png").addEventListener("click", function () {
    download("network.png", cy.png({ output: "blob", bg: "#ffffff", full: true, scale: 2 }));
  });
  document.getElementById("network-svg").addEventListener("click", function () {
    download("network.svg", new Blob([svg()], { type: "image/svg+xml" }));
  });
  window.lanternNetwork = { cy: cy, svg: svg };
})();
