/* The catalog's search worker: the same messages as Material's worker, so the
 * theme's search box works unchanged, with the ranking of search-engine.js.
 *
 * Messages (Material 9): {type: 0, data: index} sets up and answers {type: 1};
 * {type: 2, data: query} answers {type: 3, data: {items, suggest}}.
 */
/* global importScripts, MlpSearch */
importScripts("../mlpatterns-search.js");

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var engine = null;

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    engine = new MlpSearch.Engine(message.data);
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var data = { items: [] };
    try {
      if (engine) data = engine.search(message.data);
    } catch (error) {
      console.warn("search failed for " + JSON.stringify(message.data), error);
    }
    postMessage({ type: RESULT, data: data });
  }
});
