/* The REPL as a workshop page: focusing never scrolls the chapter page around the workshop.
   Injected into lite/repl/index.html by the site build (influence_workbook.authoring.site), before
   JupyterLite's own scripts.
   Why: on the first click in the workshop, JupyterLite activates its console panel and focuses it; the
   panel is as tall as the frame, so the browser scrolled the CHAPTER page (the frame's parent) to show
   the panel's bottom, between the learner's mousedown and mouseup: the click landed elsewhere and was
   lost (measured: the first click on « Phrase libre » in chapter 1 did nothing, the page had moved up
   264 px). A focus that does not scroll keeps the button under the pointer; keyboard focus still lands
   where it did. */
(function () {
  "use strict";
  var focus = HTMLElement.prototype.focus;
  HTMLElement.prototype.focus = function (options) {
    return focus.call(this, Object.assign({ preventScroll: true }, options || {}));
  };
})();
