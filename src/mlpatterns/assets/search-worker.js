/* The catalog's search worker: the same messages as Material's worker, so the
 * theme's search box works unchanged, with the ranking of search-engine.js.
 *
 * Messages (Material 9): {type: 0, data: index} sets up and answers {type: 1};
 * {type: 2, data: query} answers {type: 3, data: {items, suggest}}.
 *
 * The index Material hands over holds only the config; it names the catalog's
 * full index, which is fetched on the first query, so reading a page never
 * downloads it.
 */
/* global importScripts, MlpSearch */
importScripts("../mlpatterns-search.js");

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var setup = null;
var engine = null;

function load() {
  if (!engine) {
    var config = setup.config || {};
    // The worker sits in assets/javascripts/workers/; the index path is from the site root.
    engine = !config.catalog_index
      ? Promise.resolve(new MlpSearch.Engine(setup))
      : fetch(new URL("../../../" + config.catalog_index, self.location.href))
        .then(function (response) {
          if (!response.ok) throw new Error("search index: HTTP " + response.status);
          return response.json();
        })
        .then(function (index) { return new MlpSearch.Engine(index); });
  }
  return engine;
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    setup = message.data;
    engine = null;
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    if (!String(message.data || "").trim()) {
      // The theme asks once at start, with an empty box: no reason to download.
      postMessage({ type: RESULT, data: { items: [] } });
      return;
    }
    load().then(function (ready) {
      return ready.search(message.data);
    }).catch(function (error) {
      console.warn("search failed for " + JSON.stringify(message.data), error);
      engine = null;  // try the download again with the next query
      return { items: [] };
    }).then(function (data) {
      postMessage({ type: RESULT, data: data });
    });
  }
});
