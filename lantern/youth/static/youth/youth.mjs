// The youth site's only script: GOV.UK Frontend's components, including Exit this page (its
// button and the three presses of Shift). Every page works without it: the button is a link.
import { initAll } from '/static/govuk/govuk-frontend.min.js';

initAll();
