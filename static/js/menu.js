// Keyboard and pointer comfort for the header menu (templates/base.html). The menu is
// native <details>/<summary> and works without this file; here Escape closes the open
// sub-menu (or the phone menu) and gives focus back to its button, a click elsewhere
// closes an open sub-menu, and opening one sub-menu closes the others.
(function () {
  "use strict";
  function openMenus() {
    return Array.prototype.slice.call(document.querySelectorAll(".site-nav details[open]"));
  }
  function shown(element) {
    return element.getClientRects().length > 0;
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") {
      return;
    }
    var focused = document.activeElement;
    var inside = focused && focused.closest ? focused.closest(".site-nav details[open]") : null;
    var open = openMenus().filter(function (details) {
      return shown(details.querySelector("summary"));
    });
    var details = inside && open.indexOf(inside) !== -1 ? inside : open[open.length - 1];
    if (!details) {
      return;
    }
    details.open = false;
    if (details.contains(focused) || focused === document.body) {
      details.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll(".site-nav .submenu[open]").forEach(function (details) {
      if (!details.contains(event.target)) {
        details.open = false;
      }
    });
  });
  document.addEventListener(
    "toggle",
    function (event) {
      var opened = event.target;
      if (!opened.matches || !opened.matches(".site-nav .submenu") || !opened.open) {
        return;
      }
      document.querySelectorAll(".site-nav .submenu[open]").forEach(function (details) {
        if (details !== opened) {
          details.open = false;
        }
      });
    },
    true
  );
})();
