/* Where RequireJS places the ipywidgets modules of the static pages.
 * The widget bundle (widgets/embed-amd.js) finds its icon fonts next to the URL RequireJS gives its
 * named modules ("@jupyter-widgets/base", ...): by default that is the page's own folder, where no
 * font is served (404s on every widget page). Mapping the names to the folder of require.js, where
 * the fonts are vendored, makes them load from the site itself. Loaded between require.js and
 * embed-amd.js (see nb_ipywidgets_js in _config.yml). */
(function () {
  "use strict";
  var loader = document.querySelector('script[src*="widgets/require.js"]');
  if (!loader || typeof window.require === "undefined" || !window.require.config) {
    return;
  }
  var folder = loader.src.replace(/require\.js(\?.*)?$/, "");
  var names = ["base", "base7", "controls", "controls7", "html-manager"];
  var paths = { "@jupyter-widgets/html-manager/dist": folder.replace(/\/$/, "") };
  names.forEach(function (name) {
    paths["@jupyter-widgets/" + name] = folder + name;
  });
  window.require.config({ paths: paths });
})();
