/* Catalog explorer: facet filters and a word filter over the catalog table, with the
 * state in the URL.
 *
 * The page holds the form and a plain table that lists every entry. This script
 * reads facets.json (each entry's values, computed by the same code as the CLI and
 * the taxonomy pages), hides the rows that do not match, keeps the counts and the
 * address bar up to date, and, for the word filter, loads the site's search engine
 * and index on first use, so the filter matches like search does (stems, synonyms,
 * symptoms, the problem text).
 */
(function () {
  "use strict";

  var WORDS = "words";  // the address parameter of the word filter

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      if (window.MlpSearch) return resolve();
      var script = element("script", { src: url });
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("cannot load " + url)); };
      document.head.appendChild(script);
    });
  }

  function fetchJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.json();
    });
  }

  function build(form, data) {
    var site = new URL(form.getAttribute("data-site"), window.location.href);
    var table = form.parentElement.querySelector("table");
    if (!table) return;
    var byUrl = {};
    data.entries.forEach(function (entry) { byUrl[new URL(entry.url, site).href] = entry; });
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr")).map(function (row) {
      var link = row.querySelector("a");
      return { row: row, entry: link ? byUrl[link.href.split("#")[0]] : undefined };
    }).filter(function (item) { return item.entry; });
    var keys = data.facets.map(function (facet) { return facet.key; });
    var input = form.querySelector("#mlp-explorer-q");
    var status = form.querySelector(".mlp-explorer__status");
    var boxes = {};
    keys.forEach(function (key) {
      boxes[key] = Array.prototype.slice.call(
        form.querySelectorAll("fieldset[data-facet='" + key + "'] input[type=checkbox]")
      ).map(function (box) {
        var label = box.closest("label");
        return { box: box, value: box.value, label: label, count: label.querySelector(".mlp-facet__count") };
      });
    });
    var empty = element("p", { class: "mlp-explorer__empty", hidden: "" });
    table.parentElement.insertBefore(empty, table);

    var state = readState(keys);
    var textMatches = null;  // entry url -> true, for the current words (null: no words)
    var engine = null;
    var loading = null;

    function readState() {
      var params = new URLSearchParams(window.location.search);
      // Not `q`: Material opens its search dialog for a `q` in the address.
      var result = { q: params.get(WORDS) || "" };
      keys.forEach(function (key) {
        var raw = params.get(key);
        result[key] = raw ? raw.split(",").filter(Boolean) : [];
      });
      return result;
    }

    function writeState() {
      var params = new URLSearchParams();
      keys.forEach(function (key) {
        if (state[key].length) params.set(key, state[key].join(","));
      });
      if (state.q) params.set(WORDS, state.q);
      var query = params.toString().replace(/%2C/g, ",");
      var url = window.location.pathname + (query ? "?" + query : "");
      window.history.replaceState(window.history.state, "", url + window.location.hash);
    }

    function matches(entry, skip) {
      if (textMatches && !textMatches[new URL(entry.url, site).href]) return false;
      return keys.every(function (key) {
        var wanted = state[key];
        if (key === skip || !wanted.length) return true;
        return wanted.some(function (value) { return entry.values[key].indexOf(value) >= 0; });
      });
    }

    function showEmpty(shown) {
      empty.hidden = shown > 0;
      if (shown > 0) return;
      empty.textContent = "";
      if (state.q) {
        empty.appendChild(document.createTextNode("No entries match \u201c" + state.q + "\u201d" +
          (keys.some(function (key) { return state[key].length; }) ? " with these filters" : "") +
          ". "));
        var search = new URL(site.href);
        search.searchParams.set("q", state.q);
        empty.appendChild(element("a", { href: search.href, class: "mlp-explorer__site-search" },
          "Search the whole site for \u201c" + state.q + "\u201d"));
        empty.appendChild(document.createTextNode(", or clear the filters."));
      } else {
        empty.textContent = "No entries match these filters; clear one of them to see more.";
      }
    }

    function update() {
      var shown = 0;
      rows.forEach(function (item) {
        var visible = matches(item.entry, null);
        item.row.hidden = !visible;
        if (visible) shown += 1;
      });
      keys.forEach(function (key) {
        boxes[key].forEach(function (option) {
          var count = data.entries.filter(function (entry) {
            return matches(entry, key) && entry.values[key].indexOf(option.value) >= 0;
          }).length;
          option.count.textContent = String(count);
          option.label.classList.toggle("mlp-facet__option--empty", count === 0 && !option.box.checked);
        });
      });
      status.textContent = shown === rows.length
        ? "Showing all " + rows.length + " entries."
        : "Showing " + shown + " of " + rows.length + " entries.";
      showEmpty(shown);
      table.hidden = shown === 0;
      writeState();
    }

    function ensureEngine() {
      if (engine) return Promise.resolve(engine);
      if (!loading) {
        var script = new URL("assets/javascripts/mlpatterns-search.js", site).href;
        loading = Promise.all([loadScript(script), fetchJson(form.getAttribute("data-search"))])
          .then(function (results) {
            engine = new window.MlpSearch.Engine(results[1]);
            return engine;
          });
      }
      return loading;
    }

    function applyWords() {
      var words = state.q;
      if (!words) {
        textMatches = null;
        update();
        return;
      }
      form.setAttribute("data-busy", "");
      ensureEngine().then(function (ready) {
        if (words !== state.q) return;  // the reader typed on meanwhile
        form.removeAttribute("data-busy");
        textMatches = {};
        ready.rank(words).pages.forEach(function (hit) {
          if (hit.matchedAll) {
            textMatches[new URL(ready.pages[hit.page].location, site).href] = true;
          }
        });
        update();
      }).catch(function () {
        // Without the index, fall back to the names and summaries in the table.
        form.removeAttribute("data-busy");
        textMatches = {};
        var lowered = words.toLowerCase();
        rows.forEach(function (item) {
          if (item.row.textContent.toLowerCase().indexOf(lowered) >= 0) {
            textMatches[new URL(item.entry.url, site).href] = true;
          }
        });
        update();
      });
    }

    keys.forEach(function (key) {
      boxes[key].forEach(function (option) { option.box.checked = state[key].indexOf(option.value) >= 0; });
    });
    // Words typed before the script was ready (or restored by the browser) are kept.
    if (!state.q && input.value.trim()) state.q = input.value.trim();
    input.value = state.q;
    form.addEventListener("change", function (event) {
      var box = event.target;
      if (box.type !== "checkbox") return;
      var key = box.name;
      state[key] = boxes[key].filter(function (o) { return o.box.checked; }).map(function (o) { return o.value; });
      update();
    });
    input.addEventListener("input", function () { state.q = input.value.trim(); applyWords(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      keys.forEach(function (key) {
        state[key] = [];
        boxes[key].forEach(function (o) { o.box.checked = false; });
      });
      state.q = "";
      input.value = "";
      applyWords();
    });
    form.classList.add("mlp-explorer--ready");
    if (state.q) applyWords(); else update();
  }

  function init() {
    var form = document.getElementById("mlp-explorer");
    if (!form || form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "true");
    fetchJson(form.getAttribute("data-facets"))
      .then(function (data) { build(form, data); })
      .catch(function () { /* the plain table still lists every entry */ });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
