/* Catalog map: pointing at (or focusing) a pattern highlights its relations.
 *
 * One listener on the map instead of a CSS :has() rule per pattern, which made
 * every hover restyle the whole drawing.
 */
(function () {
  "use strict";

  function init() {
    var svg = document.querySelector(".mlp-map svg");
    if (!svg || svg.getAttribute("data-ready")) return;
    svg.setAttribute("data-ready", "true");
    var edges = Array.prototype.slice.call(svg.querySelectorAll(".mlp-edge"));

    function show(link) {
      var id = link ? link.getAttribute("data-entry") : null;
      svg.classList.toggle("mlp-map--focus", Boolean(id));
      edges.forEach(function (edge) {
        var ends = (edge.getAttribute("data-ends") || "").split(" ");
        edge.classList.toggle("mlp-edge--active", Boolean(id) && ends.indexOf(id) >= 0);
      });
    }

    function target(event) {
      return event.target.closest ? event.target.closest(".mlp-node-link") : null;
    }

    svg.addEventListener("mouseover", function (event) { show(target(event)); });
    svg.addEventListener("mouseleave", function () { show(null); });
    svg.addEventListener("focusin", function (event) { show(target(event)); });
    svg.addEventListener("focusout", function () { show(null); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
