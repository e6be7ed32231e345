/* The ipywidgets renderer of the static pages (html-manager 1.0) typesets widget labels with the
 * MathJax 2 API (MathJax.Hub.Queue). The book ships MathJax 3, which has no Hub: without this shim
 * every widget preview throws "Cannot read properties of undefined (reading 'Queue')".
 * It gives whatever object window.MathJax holds (MathJax 3's configuration, then MathJax 3 itself)
 * a non-enumerable Hub whose Queue calls MathJax 3's typesetPromise once it is available. */
(function () {
  "use strict";
  function addHub(mathJax) {
    if (mathJax && typeof mathJax === "object" && !Object.prototype.hasOwnProperty.call(mathJax, "Hub")) {
      Object.defineProperty(mathJax, "Hub", {
        enumerable: false, // MathJax 3 reads its configuration's enumerable keys only
        value: {
          Queue: function (command) {
            var element = Array.isArray(command) ? command[2] : undefined;
            var current = window.MathJax;
            if (current && typeof current.typesetPromise === "function") {
              current.typesetPromise(element ? [element] : undefined).catch(function () {});
            }
          }
        }
      });
    }
    return mathJax;
  }
  var held = addHub(window.MathJax || {});
  Object.defineProperty(window, "MathJax", {
    configurable: true,
    enumerable: true,
    get: function () { return held; },
    set: function (value) { held = addHub(value); }
  });
})();
