// Draws the Vega-Lite charts on a page; progressive enhancement only. Each chart's spec is in a
// <script type="application/json"> data block named by the container's data-vega-chart, and a
// table beside the chart holds the same figures, so nothing is lost without JavaScript.
//
// Content-Security-Policy: `ast: true` makes Vega interpret expressions instead of compiling them
// with Function() (no 'unsafe-eval'); defaultStyle, actions and tooltip are off because each would
// inject an inline <style> element.
import '/static/vega/vega.min.js';
import '/static/vega-lite/vega-lite.min.js';
import '/static/vega-embed/vega-embed.min.js';

const embed = globalThis.vegaEmbed;
const options = { actions: false, ast: true, defaultStyle: false, tooltip: false, renderer: 'svg' };

for (const container of document.querySelectorAll('[data-vega-chart]')) {
  const source = document.getElementById(container.dataset.vegaChart);
  if (!source || typeof embed !== 'function') continue;
  try {
    embed(container, JSON.parse(source.textContent), options).catch(() => { container.hidden = true; });
  } catch (error) {
    container.hidden = true;
  }
}
