// Choices valid for a period: a <select data-validity-year="id_year"> (or data-validity-date=
// "id_date") offers only the options whose data-valid-from / data-valid-to touch the year, or
// cover the date, typed in that input; the others are hidden and disabled (the server still
// answers with the reason and the valid choices if one is sent anyway).
(function () {
  function range(input, byDate) {
    if (byDate) return input.value ? [input.value, input.value] : null;
    var year = parseInt(input.value, 10);
    return year > 999 ? [year + "-01-01", year + "-12-31"] : null;
  }
  function update(select, input, byDate) {
    var span = range(input, byDate);
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) return;
      var from = option.getAttribute("data-valid-from"), to = option.getAttribute("data-valid-to");
      var valid = !span || ((!from || from <= span[1]) && (!to || to >= span[0]));
      option.hidden = !valid;
      option.disabled = !valid;
    });
    var chosen = select.options[select.selectedIndex];
    if (chosen && chosen.disabled) select.value = "";
  }
  document.querySelectorAll("select[data-validity-year], select[data-validity-date]").forEach(function (select) {
    var byDate = select.hasAttribute("data-validity-date");
    var input = document.getElementById(select.getAttribute(byDate ? "data-validity-date" : "data-validity-year"));
    if (!input) return;
    ["input", "change"].forEach(function (event) {
      input.addEventListener(event, function () { update(select, input, byDate); });
    });
    update(select, input, byDate);
  });
})();
