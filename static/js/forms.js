// After a form comes back with problems, start where they are explained: the
// error summary at the top of the form (tabindex="-1", role="alert"). Without
// JavaScript the summary is still the first thing in the form.
const summary = document.querySelector("[data-error-summary]");
if (summary) summary.focus();
