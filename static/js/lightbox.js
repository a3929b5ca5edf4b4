// Keyboard comfort for the album lightbox (templates/galleries/album.html). The lightbox
// is links and CSS :target and works without this file; here Escape closes it (as its
// "Tutup" link does) and puts focus back on the photo it was opened from, and the arrow
// keys follow its "Sebelumnya"/"Berikutnya" links.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    var open = document.querySelector(".lightbox:target");
    if (!open || event.altKey || event.ctrlKey || event.metaKey) {
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
