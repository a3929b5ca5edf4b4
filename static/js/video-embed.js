// Click-to-load videos in article bodies (articles/body_render.py). Until the reader
// clicks, the page shows a local placeholder and a plain link (which also works without
// JavaScript); the youtube-nocookie.com player is created only on that click.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-embed-src]") : null;
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    var src = link.getAttribute("data-embed-src");
    if (src.indexOf("https://www.youtube-nocookie.com/embed/") !== 0) {
      return;
    }
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = link.getAttribute("data-embed-title") || "";
    frame.className = "video-embed-frame";
    frame.width = "640";
    frame.height = "360";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    link.replaceWith(frame);
    frame.focus();
  });
})();
