/* The REPL as a workshop page: focusing never scrolls the chapter page around the workshop, and the workshop
   opens at its top.
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
  /* And the workshop opens at its top. JupyterLab's console scrolls its content to the bottom at each update
     (CodeConsole.onUpdateRequest sets scrollTop to scrollHeight): right for a console, but a workshop or a quiz
     taller than the frame then opened on its last lines (chapter 3's quiz showed its score, its first six
     questions above). The learner's own scrolling (wheel, keys, scroll bar) writes no scrollTop and is kept. */
  var scrollTop = Object.getOwnPropertyDescriptor(Element.prototype, "scrollTop");
  Object.defineProperty(Element.prototype, "scrollTop", {
    configurable: true,
    enumerable: scrollTop.enumerable,
    get: scrollTop.get,
    set: function (value) {
      if (this.classList && this.classList.contains("jp-CodeConsole-content")) {
        return;
      }
      scrollTop.set.call(this, value);
    }
  });
})();
