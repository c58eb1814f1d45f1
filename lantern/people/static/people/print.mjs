// A "Print this page" button on print views, shown only when JavaScript runs; without it the
// page says how to use the browser's own print command (the print view itself is the fallback).
for (const button of document.querySelectorAll(".lantern-print-button")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
for (const hint of document.querySelectorAll(".lantern-print-hint")) {
  hint.hidden = true;
}
