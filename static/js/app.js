// Small behaviours declared by data attributes, so no template needs inline script (CSP).
//   data-autosubmit      on a select: submit its form when the choice changes
//   data-confirm="…"     on a form: ask before submitting
//   data-clear="#id"     on a link: empty that element instead of following the link
//   data-reset-on-success on an htmx form: clear it after a successful request
//   data-reveal-on-swap  on an htmx target: scroll what arrives into view, focus its first field
(function () {
  "use strict";
  document.addEventListener("change", (event) => {
    const field = event.target.closest("[data-autosubmit]");
    if (field && field.form) field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
  });
  document.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
  }, true);
  document.addEventListener("click", (event) => {
    const link = event.target.closest("[data-clear]");
    if (!link) return;
    const target = document.querySelector(link.dataset.clear);
    if (target) {
      event.preventDefault();
      target.innerHTML = "";
    }
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    const form = event.detail.elt;
    if (form.matches && form.matches("form[data-reset-on-success]") && event.detail.successful) form.reset();
  });
  document.addEventListener("htmx:afterSwap", (event) => {
    const target = event.detail.target;
    if (!target.matches("[data-reveal-on-swap]") || !target.firstElementChild) return;
    target.scrollIntoView({ block: "start" });
    const field = target.querySelector("input:not([type=hidden]), select, textarea");
    if (field) field.focus({ preventScroll: true });
  });
})();
