// Progressive enhancement only: every page works without this file.
import { initAll } from '/static/govuk/govuk-frontend.min.js';
import { initAll as initMoj } from '/static/moj/moj-frontend.min.js';

initAll();
try { initMoj(); } catch (e) { /* MOJ components are optional on a page */ }

// Session timeout warning: shows a dialog before the idle timeout, "Stay signed in" extends
// the session without leaving the page, so nothing typed into a form is lost.
const body = document.body;
const idle = parseInt(body.dataset.sessionIdle || '0', 10);
const warnAt = parseInt(body.dataset.sessionWarning || '0', 10);
const dialog = document.getElementById('session-timeout-dialog');
if (dialog && idle && warnAt && typeof dialog.showModal === 'function') {
  let warnTimer; let outTimer;
  const schedule = () => {
    clearTimeout(warnTimer); clearTimeout(outTimer);
    warnTimer = setTimeout(() => dialog.showModal(), warnAt * 1000);
    outTimer = setTimeout(() => { window.location.href = '/accounts/login/?timed_out=1'; }, idle * 1000);
  };
  const form = dialog.querySelector('form[data-lantern-extend]');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const response = await fetch(form.action, { method: 'POST', body: new FormData(form), credentials: 'same-origin' });
    if (response.ok) { dialog.close(); schedule(); }
  });
  schedule();
}
