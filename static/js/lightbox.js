// Keyboard comfort for the album lightbox (templates/galleries/album.html). The lightbox
// is links and CSS :target and works without this file; here Escape closes it (as its
// "Tutup" link does) and puts focus back on the photo it was opened from, the arrow
// keys follow its "Sebelumnya"/"Berikutnya" links, and Tab stays inside the open
// lightbox (the page behind it is covered, so its links must not take focus).
(function () {
  "use strict";
  var FOCUSABLE = "a[href], button:not([disabled])";

  function openLightbox() {
    return document.querySelector(".lightbox:target");
  }

  function keepFocusInside(open, event) {
    var stops = Array.prototype.slice.call(open.querySelectorAll(FOCUSABLE));
    if (!stops.length) {
      return;
    }
    var first = stops[0];
    var last = stops[stops.length - 1];
    var active = document.activeElement;
    var inside = open.contains(active) && active !== open;
    if (event.shiftKey && (!inside || active === first)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (!inside || active === last)) {
      event.preventDefault();
      first.focus();
    }
  }

  // Opening a photo (or stepping to the next one) moves focus into the lightbox; after
  // "Berikutnya"/"Sebelumnya" the same link of the new photo keeps it when it exists.
  var lastRole = null;
  function focusOpened() {
    var open = openLightbox();
    if (!open) {
      return;
    }
    var same = lastRole && open.querySelector("[" + lastRole + "]");
    if (same) {
      same.focus();
    } else if (!open.contains(document.activeElement)) {
      open.focus();
    }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".lightbox nav a");
    lastRole = null;
    if (link) {
      ["data-lightbox-next", "data-lightbox-previous"].forEach(function (role) {
        if (link.hasAttribute(role)) {
          lastRole = role;
        }
      });
    }
  });
  window.addEventListener("hashchange", focusOpened);
  focusOpened();

  document.addEventListener("keydown", function (event) {
    var open = openLightbox();
    if (!open || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    if (event.key === "Tab") {
      keepFocusInside(open, event);
      return;
    }
    var link = null;
    if (event.key === "Escape" || event.key === "Esc") {
      link = open.querySelector("[data-lightbox-close]");
    } else if (event.key === "ArrowLeft") {
      link = open.querySelector("[data-lightbox-previous]");
    } else if (event.key === "ArrowRight") {
      link = open.querySelector("[data-lightbox-next]");
    }
    if (!link) {
      return;
    }
    event.preventDefault();
    link.click();
    if (link.hasAttribute("data-lightbox-close")) {
      var thumbnail = document.querySelector('.album-grid a[href="#' + open.id + '"]');
      if (thumbnail) {
        thumbnail.focus();
      }
    }
  });
})();
