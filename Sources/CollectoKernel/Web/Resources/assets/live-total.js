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
