// Marks the page as JavaScript-enabled for GOV.UK Frontend. A file, not inline, so the
// Content-Security-Policy can forbid inline scripts.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
