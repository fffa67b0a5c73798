// Small behaviours declared by data attributes, so no template needs inline script (CSP).
//   data-autosubmit      on a select: submit its form when the choice changes
//   data-confirm="…"     on a form: ask before submitting
//   data-clear="#id"     on a link: empty that element instead of following the link
//   data-reset-on-success on an htmx form: clear it after a successful request
//   data-reveal-on-swap  on an htmx target: scroll what arrives into view, focus its first field
//   data-no-cards        on a table: keep it a grid on a phone (see labelTables below)
(function () {
  "use strict";
  // On a phone every table of a .table-responsive box is shown as one card per row (app.css,
  // .table-cards): each cell is labelled with its column's heading, read from the table's last
  // header row (colspans followed), so no template has to repeat its headings.
  const labelTables = (root) => {
    for (const table of root.querySelectorAll(".table-responsive > table.table:not([data-no-cards])")) {
      const head = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
      if (!head) continue;
      const labels = [];
      for (const th of head.cells) {
        for (let i = 0; i < th.colSpan; i += 1) labels.push(th.innerText.replace(/\s+/g, " ").trim());
      }
      for (const body of [...table.tBodies, ...(table.tFoot ? [table.tFoot] : [])]) {
        for (const row of body.rows) {
          let column = 0;
          for (const cell of row.cells) {
            if (!cell.hasAttribute("data-label") && cell.colSpan === 1 && labels[column]) {
              cell.setAttribute("data-label", labels[column]);
            }
            column += cell.colSpan;
          }
        }
      }
      table.classList.add("table-cards");
    }
  };
  labelTables(document);
  document.addEventListener("htmx:afterSettle", (event) => labelTables(event.detail.elt.parentNode || document));
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
