/* « Activer l'atelier » in the book's chapter pages (src/influence_workbook/widgets/preview.py draws
 * the block; the book's Sphinx extension adds this script to those pages only).
 * A click swaps the workshop's static picture for the live workshop: an iframe of JupyterLite's REPL,
 * whose address (relative to the page) the build wrote in data-iw-live-src. Python then starts in the
 * learner's browser; nothing is fetched from another host. The focus moves to the frame, so that a
 * keyboard or screen-reader user lands in the workshop they asked for.
 * Add data-iw-autostart to the block to start it when scrolled into view instead. Measured for issue 23
 * (chapter 1, 3 runs each): « usable » after reaching the workshop 14.9 s cold / 11.9 s warm with a click,
 * 13.4 s / 9.3 s started by the scroll, within each other's spread; starting by itself would also load
 * Python for every reader who only scrolls past to the quiz. A click stays the default. */
(function () {
  "use strict";
  function activate(block, focus) {
    if (block.querySelector("iframe.iw-live")) {
      return;
    }
    var frame = document.createElement("iframe");
    var heading = document.querySelector("main h1");
    var chapter = heading ? heading.textContent.replace(/[#¶]\s*$/, "").trim() : "";
    frame.className = "iw-live";
    frame.title = (block.getAttribute("data-iw-frame-title") || "Atelier en direct") +
      (chapter ? "\u00a0: " + chapter : "");
    frame.src = new URL(block.getAttribute("data-iw-live-src"), document.baseURI).href;
    frame.setAttribute("allow", "clipboard-write");
    var start = block.querySelector(".iw-live-start");
    var preview = block.querySelector(".iw-live-preview");
    if (preview) {
      preview.replaceWith(frame);
    } else {
      block.appendChild(frame);
    }
    if (start) {
      start.remove();
    }
    if (focus) {
      frame.focus(); // asked for by a click (or Enter/Space): the keyboard follows into the workshop
    }
  }
  function setUp() {
    var blocks = document.querySelectorAll(".iw-live-block[data-iw-live-src]");
    Array.prototype.forEach.call(blocks, function (block) {
      var button = block.querySelector(".iw-live-button");
      if (button) {
        button.addEventListener("click", function () { activate(block, true); });
      }
      if (block.hasAttribute("data-iw-autostart") && "IntersectionObserver" in window) {
        var observer = new IntersectionObserver(function (entries) {
          if (entries.some(function (entry) { return entry.isIntersecting; })) {
            observer.disconnect();
            activate(block, false); // started by scrolling: the focus stays where the reader is
          }
        }, { rootMargin: "200px 0px" });
        observer.observe(block);
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
