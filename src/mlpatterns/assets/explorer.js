/* Catalog explorer: facet filters over the catalog table, with the state in the URL.
 *
 * The catalog page is a plain table that works without JavaScript. This script
 * reads catalog.json, draws facets (category, stage, role, challenge, data
 * modality) and a text filter above the table, hides the rows that do not
 * match, and keeps the filters in the query string so a view can be shared.
 */
(function () {
  "use strict";

  var FACETS = [
    { key: "category", label: "Category" },
    { key: "stage", label: "Stage" },
    { key: "role", label: "Role" },
    { key: "challenge", label: "Challenge addressed" },
    { key: "modality", label: "Data" },
  ];

  function valuesOf(entry, key) {
    if (key === "category") return entry.kind === "pattern" ? [entry.category] : [];
    if (key === "stage") return entry.stages;
    if (key === "role") return entry.roles;
    if (key === "challenge") return entry.kind === "challenge" ? [entry.id] : entry.challenges;
    return entry.modality;
  }

  function options(catalog) {
    var taxonomy = catalog.taxonomy;
    var names = function (items) {
      return items.map(function (item) { return [item.id, item.name]; });
    };
    var modalities = [];
    catalog.entries.forEach(function (entry) {
      entry.modality.forEach(function (value) {
        if (modalities.indexOf(value) < 0) modalities.push(value);
      });
    });
    return {
      category: names(taxonomy.categories),
      stage: names(taxonomy.stages),
      role: names(taxonomy.roles),
      challenge: names(catalog.entries.filter(function (e) { return e.kind === "challenge"; })),
      modality: modalities.sort().map(function (value) { return [value, value]; }),
    };
  }

  function readState() {
    var params = new URLSearchParams(window.location.search);
    var state = { q: params.get("q") || "" };
    FACETS.forEach(function (facet) {
      var raw = params.get(facet.key);
      state[facet.key] = raw ? raw.split(",").filter(Boolean) : [];
    });
    return state;
  }

  function writeState(state) {
    var params = new URLSearchParams();
    FACETS.forEach(function (facet) {
      if (state[facet.key].length) params.set(facet.key, state[facet.key].join(","));
    });
    if (state.q) params.set("q", state.q);
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query.replace(/%2C/g, ",") : "");
    window.history.replaceState(window.history.state, "", url + window.location.hash);
  }

  function textMatches(entry, text) {
    if (!text) return true;
    var haystack = [entry.id, entry.name, entry.summary].concat(entry.aliases).join(" ").toLowerCase();
    return text.toLowerCase().split(/\s+/).filter(Boolean).every(function (word) {
      return haystack.indexOf(word) >= 0;
    });
  }

  function matches(entry, state, skip) {
    if (!textMatches(entry, state.q)) return false;
    return FACETS.every(function (facet) {
      var wanted = state[facet.key];
      if (facet.key === skip || !wanted.length) return true;
      var have = valuesOf(entry, facet.key);
      return wanted.some(function (value) { return have.indexOf(value) >= 0; });
    });
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function build(container, catalog) {
    var table = container.parentElement.querySelector("table");
    if (!table) return;
    var byId = {};
    catalog.entries.forEach(function (entry) { byId[entry.id] = entry; });
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr")).map(function (row) {
      var link = row.querySelector("a");
      var path = link ? link.getAttribute("href").replace(/(index\.html|\.html)$/, "") : "";
      var id = path.replace(/\/+$/, "").split("/").pop();
      return { row: row, entry: byId[id] };
    }).filter(function (item) { return item.entry; });

    var state = readState();
    var choices = options(catalog);
    container.textContent = "";

    var search = element("div", { class: "mlp-explorer__search" });
    var searchId = "mlp-explorer-q";
    search.appendChild(element("label", { for: searchId }, "Filter by words"));
    var input = element("input", {
      id: searchId, type: "search", placeholder: "e.g. imbalanced, drift, hashing",
      autocomplete: "off",
    });
    input.value = state.q;
    search.appendChild(input);
    var clear = element("button", { type: "button", class: "md-button mlp-explorer__clear" }, "Clear filters");
    search.appendChild(clear);
    container.appendChild(search);

    var facets = element("div", { class: "mlp-explorer__facets" });
    var boxes = {};
    FACETS.forEach(function (facet) {
      var fieldset = element("fieldset", { class: "mlp-facet", "data-facet": facet.key });
      fieldset.appendChild(element("legend", {}, facet.label));
      boxes[facet.key] = [];
      choices[facet.key].forEach(function (choice) {
        var id = "mlp-" + facet.key + "-" + choice[0];
        var label = element("label", { for: id, class: "mlp-facet__option" });
        var box = element("input", { id: id, type: "checkbox", value: choice[0] });
        box.checked = state[facet.key].indexOf(choice[0]) >= 0;
        label.appendChild(box);
        label.appendChild(element("span", { class: "mlp-facet__name" }, choice[1]));
        var count = element("span", { class: "mlp-facet__count" });
        label.appendChild(count);
        fieldset.appendChild(label);
        boxes[facet.key].push({ box: box, count: count, label: label, value: choice[0] });
      });
      facets.appendChild(fieldset);
    });
    container.appendChild(facets);
    var status = element("p", { class: "mlp-explorer__status", role: "status", "aria-live": "polite" });
    container.appendChild(status);

    function update() {
      var shown = 0;
      rows.forEach(function (item) {
        var visible = matches(item.entry, state, null);
        item.row.hidden = !visible;
        if (visible) shown += 1;
      });
      FACETS.forEach(function (facet) {
        boxes[facet.key].forEach(function (option) {
          var count = catalog.entries.filter(function (entry) {
            return matches(entry, state, facet.key) &&
              valuesOf(entry, facet.key).indexOf(option.value) >= 0;
          }).length;
          option.count.textContent = String(count);
          option.label.classList.toggle("mlp-facet__option--empty", count === 0 && !option.box.checked);
        });
      });
      status.textContent = shown === rows.length
        ? "Showing all " + rows.length + " entries."
        : "Showing " + shown + " of " + rows.length + " entries.";
      writeState(state);
    }

    facets.addEventListener("change", function (event) {
      var box = event.target;
      var key = box.closest("fieldset").getAttribute("data-facet");
      state[key] = boxes[key].filter(function (o) { return o.box.checked; }).map(function (o) { return o.value; });
      update();
    });
    input.addEventListener("input", function () { state.q = input.value.trim(); update(); });
    clear.addEventListener("click", function () {
      FACETS.forEach(function (facet) {
        state[facet.key] = [];
        boxes[facet.key].forEach(function (o) { o.box.checked = false; });
      });
      state.q = "";
      input.value = "";
      update();
    });
    container.hidden = false;
    update();
  }

  function init() {
    var container = document.getElementById("mlp-explorer");
    if (!container || container.getAttribute("data-ready")) return;
    container.setAttribute("data-ready", "true");
    fetch(container.getAttribute("data-catalog"))
      .then(function (response) {
        if (!response.ok) throw new Error("catalog.json: HTTP " + response.status);
        return response.json();
      })
      .then(function (catalog) { build(container, catalog); })
      .catch(function () { container.hidden = true; /* the plain table still works */ });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
