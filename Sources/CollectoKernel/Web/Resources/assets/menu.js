// The menu folds behind one button on a phone, so that a staff member's ten
// links do not push the page below the fold. Without JavaScript the menu is
// simply shown in full. No library, no build step.
(function () {
  "use strict";
  var nav = document.querySelector("nav[data-folding]");
  if (!nav || !window.matchMedia) { return; }
  var list = nav.querySelector("ul");
  var narrow = window.matchMedia("(max-width: 40rem)");
  var button = document.createElement("button");
  button.type = "button";
  button.className = "menu-toggle";
  button.textContent = nav.getAttribute("data-folding");
  button.setAttribute("aria-controls", list.id);
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    list.hidden = !open;
  });
  function apply() {
    if (narrow.matches) {
      if (!button.isConnected) { nav.insertBefore(button, list); }
      button.setAttribute("aria-expanded", "false");
      list.hidden = true;
    } else {
      if (button.isConnected) { button.remove(); }
      list.hidden = false;
    }
  }
  if (narrow.addEventListener) { narrow.addEventListener("change", apply); }
  apply();
})();
