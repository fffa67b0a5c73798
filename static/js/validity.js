// Choices valid for a period: a <select data-validity-year="id_year"> offers only the options
// whose data-valid-from / data-valid-to touch the year typed in that input; the others are
// hidden (not removed: the server still answers with the reason if one is sent).
(function () {
  function update(select, input) {
    var year = parseInt(input.value, 10);
    var first = year + "-01-01", last = year + "-12-31";
    Array.prototype.forEach.call(select.options, function (option) {
      if (!option.value) return;
      var from = option.getAttribute("data-valid-from"), to = option.getAttribute("data-valid-to");
      var valid = !year || ((!from || from <= last) && (!to || to >= first));
      option.hidden = !valid;
      option.disabled = !valid;
    });
    var chosen = select.options[select.selectedIndex];
    if (chosen && chosen.disabled) select.value = "";
  }
  document.querySelectorAll("select[data-validity-year]").forEach(function (select) {
    var input = document.getElementById(select.getAttribute("data-validity-year"));
    if (!input) return;
    input.addEventListener("input", function () { update(select, input); });
    update(select, input);
  });
})();
