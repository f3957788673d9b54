// Live totals, for forms that work without it: in a form marked data-live-total,
// every number field with data-kg adds its value times data-kg to the total shown
// in [data-total-kg], and its value to [data-total-units]. No library, no build step.
(function () {
  "use strict";
  function format(value, decimals) {
    return value.toLocaleString(document.documentElement.lang || "fr", { maximumFractionDigits: decimals });
  }
  document.querySelectorAll("form[data-live-total]").forEach(function (form) {
    var units = document.querySelector("[data-total-units]");
    var kg = document.querySelector("[data-total-kg]");
    function update() {
      var totalUnits = 0, totalKg = 0;
      form.querySelectorAll("input[data-kg]").forEach(function (input) {
        var quantity = parseInt(input.value, 10);
        if (!isNaN(quantity) && quantity > 0) {
          totalUnits += quantity;
          totalKg += quantity * parseFloat(input.getAttribute("data-kg"));
        }
      });
      if (units) { units.textContent = format(totalUnits, 0); }
      if (kg) { kg.textContent = format(totalKg, 3) + " kg"; }
    }
    form.addEventListener("input", update);
  });
})();

// The remainder of a weighing, for forms marked data-remainder: the weight in
// [data-remainder-total] less every [data-part-kg] field and every quantity field
// whose data-unit-from names a select whose chosen option carries data-kg.
(function () {
  "use strict";
  function kilograms(text) {
    var value = parseFloat(String(text || "").replace(",", "."));
    return isNaN(value) ? 0 : value;
  }
  document.querySelectorAll("form[data-remainder]").forEach(function (form) {
    var shown = form.querySelector("[data-remainder-shown]");
    function update() {
      var total = kilograms(form.querySelector("[data-remainder-total]").value);
      var parts = 0;
      form.querySelectorAll("[data-part-kg]").forEach(function (input) { parts += kilograms(input.value); });
      form.querySelectorAll("[data-unit-from]").forEach(function (input) {
        var select = document.getElementById(input.getAttribute("data-unit-from"));
        var option = select && select.options[select.selectedIndex];
        var quantity = parseInt(input.value, 10);
        if (option && !isNaN(quantity)) { parts += quantity * kilograms(option.getAttribute("data-kg")); }
      });
      var remainder = Math.round((total - parts) * 1000) / 1000;
      shown.textContent = remainder.toLocaleString(document.documentElement.lang || "fr", { maximumFractionDigits: 3 }) + " kg";
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
  });
})();
