/* The catalog's search engine, shared by the search worker and the explorer's filter.
 *
 * It reads Material's search index (search/search_index.json, rewritten by the
 * mlpatterns plugin) and ranks whole pages:
 *   - words are stemmed (Porter), so "imbalance", "imbalanced" and "imbalancing" match;
 *   - synonym groups from the taxonomy map "unbalanced" to "imbalanced", "train serve
 *     skew" to "training-serving skew", and so on;
 *   - a near miss of a word in the index ("hyperparamter") still matches, at a cost;
 *   - a page that matches every query word ranks above one that matches one word in
 *     its title or aliases (coverage is weighted by how rare each word is, flattened);
 *   - page boosts from front matter (entries up, support pages down) apply last, and a
 *     query that is exactly a page's name weighs that page double;
 *   - a decision guide compares patterns, so it holds their words: it ranks first when
 *     the query asks to compare or choose ("X or Y", "which", "vs"), below the pattern
 *     itself when the query names one technique.
 * No network, no dependency: plain ES5 so it runs in every browser Material supports.
 */
(function (root) {
  "use strict";

  var STOP_WORDS = {};
  ("a about an and are as at be been but by can do does for from had has have how i if in " +
    "into is it its my of on or our so than that the their them then there these this to " +
    "too us was we were what when where which while who why will with you your " +
    "should would could need needs want wants get gets got make makes me all any very just " +
    "also like really still did way").split(" ")
    .forEach(function (word) { STOP_WORDS[word] = true; });

  var FIELDS = { title: 8, tags: 6, keywords: 4, text: 1 };
  var LENGTH_NORMALIZED = { text: 0.6, keywords: 0.3 };
  var SATURATION = 1.2;
  var FUZZY_COST = 0.6;
  var PREFIX_COST = 0.8;
  var PAIR_WEIGHT = 1;      // two query words side by side in a page, as in the query
  var COMPARING = new RegExp("\\b(or|vs|versus|which|compare|comparing|comparison|choose|" +
    "choosing|between|better|best|instead|options?|alternatives?)\\b", "i");
  var KIND_WEIGHT = { guide: { comparing: 1.3, otherwise: 0.6 } };
  var NAME_WEIGHT = 2;      // the query is exactly a page's name
  var MAX_RESULTS = 40;     // pages returned; nobody scrolls further
  var MIN_COVERAGE = 0.34;  // share of the query (by weight) a page must match
  // A word's weight in that share: its rarity, flattened, so a rare word met once in
  // passing on another page does not outweigh the word the query is about.
  var COVERAGE_IDF = 0.25;

  /* ----- Porter stemmer (M. F. Porter, "An algorithm for suffix stripping", 1980) ----- */

  function isConsonant(word, i) {
    var c = word.charAt(i);
    if ("aeiou".indexOf(c) >= 0) return false;
    if (c === "y") return i === 0 ? true : !isConsonant(word, i - 1);
    return true;
  }

  /* The measure m of a stem: the number of vowel-consonant sequences. */
  function measure(stem) {
    var m = 0, i = 0, n = stem.length;
    while (i < n && isConsonant(stem, i)) i++;
    while (i < n) {
      while (i < n && !isConsonant(stem, i)) i++;
      if (i >= n) break;
      while (i < n && isConsonant(stem, i)) i++;
      m++;
    }
    return m;
  }

  function hasVowel(stem) {
    for (var i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
    return false;
  }

  function doubleConsonant(word) {
    var n = word.length;
    return n >= 2 && word.charAt(n - 1) === word.charAt(n - 2) && isConsonant(word, n - 1);
  }

  /* consonant-vowel-consonant at the end, the last not w, x or y */
  function cvc(word) {
    var n = word.length;
    if (n < 3) return false;
    if (!isConsonant(word, n - 1) || isConsonant(word, n - 2) || !isConsonant(word, n - 3)) {
      return false;
    }
    return "wxy".indexOf(word.charAt(n - 1)) < 0;
  }

  function endsWith(word, suffix) {
    return word.length >= suffix.length && word.slice(-suffix.length) === suffix;
  }

  /* Replace the first matching suffix whose stem has measure > min. */
  function replaceSuffix(word, rules, min) {
    for (var i = 0; i < rules.length; i++) {
      var suffix = rules[i][0];
      if (endsWith(word, suffix)) {
        var stem = word.slice(0, -suffix.length);
        return measure(stem) > min ? stem + rules[i][1] : word;
      }
    }
    return word;
  }

  var STEP2 = [["ational", "ate"], ["tional", "tion"], ["enci", "ence"], ["anci", "ance"],
    ["izer", "ize"], ["bli", "ble"], ["alli", "al"], ["entli", "ent"], ["eli", "e"],
    ["ousli", "ous"], ["ization", "ize"], ["ation", "ate"], ["ator", "ate"], ["alism", "al"],
    ["iveness", "ive"], ["fulness", "ful"], ["ousness", "ous"], ["aliti", "al"],
    ["iviti", "ive"], ["biliti", "ble"], ["logi", "log"]];
  var STEP3 = [["icate", "ic"], ["ative", ""], ["alize", "al"], ["iciti", "ic"], ["ical", "ic"],
    ["ful", ""], ["ness", ""]];
  var STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
    "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize"];

  var stemmed = Object.create(null);

  /* Stems are asked for the same words again and again: remember them. */
  function stem(word) {
    var known = stemmed[word];
    if (known === undefined) known = stemmed[word] = porter(word);
    return known;
  }

  function porter(word) {
    if (word.length < 3 || /[^a-z]/.test(word)) return word;
    var w = word.charAt(0) === "y" ? "Y" + word.slice(1) : word;
    // Step 1a: plurals
    if (endsWith(w, "sses")) w = w.slice(0, -2);
    else if (endsWith(w, "ies")) w = w.slice(0, -2);
    else if (!endsWith(w, "ss") && endsWith(w, "s")) w = w.slice(0, -1);
    // Step 1b: -ed, -ing
    var again = false;
    if (endsWith(w, "eed")) {
      if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
    } else if (endsWith(w, "ed") && hasVowel(w.slice(0, -2))) {
      w = w.slice(0, -2); again = true;
    } else if (endsWith(w, "ing") && hasVowel(w.slice(0, -3))) {
      w = w.slice(0, -3); again = true;
    }
    if (again) {
      if (endsWith(w, "at") || endsWith(w, "bl") || endsWith(w, "iz")) w += "e";
      else if (doubleConsonant(w) && "lsz".indexOf(w.charAt(w.length - 1)) < 0) w = w.slice(0, -1);
      else if (measure(w) === 1 && cvc(w)) w += "e";
    }
    // Step 1c: y -> i
    if (endsWith(w, "y") && hasVowel(w.slice(0, -1))) w = w.slice(0, -1) + "i";
    // Steps 2 and 3: double and single suffixes
    w = replaceSuffix(w, STEP2, 0);
    w = replaceSuffix(w, STEP3, 0);
    // Step 4: strip a suffix when the stem is long enough
    for (var i = 0; i < STEP4.length; i++) {
      var suffix = STEP4[i];
      if (endsWith(w, suffix)) {
        var rest = w.slice(0, -suffix.length);
        if (measure(rest) > 1 && (suffix !== "ion" || /[st]$/.test(rest))) w = rest;
        break;
      }
    }
    // Step 5: a final e, and a double l
    if (endsWith(w, "e")) {
      var base = w.slice(0, -1), m = measure(base);
      if (m > 1 || (m === 1 && !cvc(base))) w = base;
    }
    if (measure(w) > 1 && doubleConsonant(w) && endsWith(w, "l")) w = w.slice(0, -1);
    return w.charAt(0) === "Y" ? "y" + w.slice(1) : w;
  }

  /* ----- Text to terms ----- */

  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'", nbsp: " " };

  function plainText(html) {
    return String(html || "")
      .replace(/<[^>]*>/g, " ")
      .replace(/&(#?\w+);/g, function (all, name) {
        if (ENTITIES[name] !== undefined) return ENTITIES[name];
        if (name.charAt(0) === "#") return String.fromCharCode(parseInt(name.slice(1), 10));
        return all;
      });
  }

  /* Words of a text, lowercased; CamelCase names also give their parts
     ("FeatureHasher" -> featurehasher, feature, hasher). */
  function words(text) {
    var found = [];
    var raw = String(text || "").match(/[A-Za-z0-9]+/g) || [];
    raw.forEach(function (token) {
      var lower = token.toLowerCase();
      found.push(lower);
      var parts = token.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g);
      if (parts && parts.length > 1) {
        parts.forEach(function (part) { found.push(part.toLowerCase()); });
      }
    });
    return found;
  }

  function terms(text) {
    return words(text).filter(function (word) { return !STOP_WORDS[word]; }).map(stem);
  }

  /* Optimal string alignment distance (edits, with adjacent swaps), capped. */
  function distance(a, b, cap) {
    if (Math.abs(a.length - b.length) > cap) return cap + 1;
    var previous2 = null, previous = [], current, i, j;
    for (j = 0; j <= b.length; j++) previous.push(j);
    for (i = 1; i <= a.length; i++) {
      current = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (previous2 && i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) &&
            a.charAt(i - 2) === b.charAt(j - 1)) {
          value = Math.min(value, previous2[j - 2] + 1);
        }
        current.push(value);
        if (value < best) best = value;
      }
      if (best > cap) return cap + 1;
      previous2 = previous;
      previous = current;
    }
    return previous[b.length];
  }

  /* ----- The index ----- */

  function Engine(index) {
    var config = index.config || {};
    var docs = index.docs || [];
    var self = this;
    this.docs = docs;
    this.pages = [];          // [{location, article, docs: [doc index], boost, kind}]
    this.pageOf = [];         // doc index -> page index
    this.postings = {};       // term -> {doc index: {field: tf}}
    this.pairs = {};          // "term term" -> {doc index: field-weighted count}
    this.pageFrequency = {};  // term -> number of pages that hold it
    this.surface = {};        // word as written -> its stem
    this.lengths = [];        // doc index -> {field: number of terms}
    this.average = {};        // field -> average length
    this.synonyms = [];       // [{concept, phrases: [[stems]]}]
    (config.synonyms || []).forEach(function (group, number) {
      self.synonyms.push({
        concept: "~" + number,
        phrases: group.map(terms).filter(function (phrase) { return phrase.length; })
      });
    });
    var pageIndex = {};
    docs.forEach(function (doc, d) {
      var location = String(doc.location || "");
      var path = location.split("#")[0];
      if (pageIndex[path] === undefined) {
        pageIndex[path] = self.pages.length;
        self.pages.push({
          location: path, article: d, docs: [], boost: doc.boost || 1, kind: doc.kind || "",
          name: terms(plainText(doc.title || "")).join(" ")
        });
      }
      var page = pageIndex[path];
      self.pageOf.push(page);
      self.pages[page].docs.push(d);
      self.lengths.push({});
      Object.keys(FIELDS).forEach(function (field) {
        var value = doc[field];
        if (value === undefined || value === null) return;
        if (field === "title" && doc.index_title === false) return;
        var text = Array.isArray(value) ? value.join(" ") : plainText(value);
        words(text).forEach(function (word) {
          if (!STOP_WORDS[word] && self.surface[word] === undefined) self.surface[word] = stem(word);
        });
        var plain = terms(text);
        for (var i = 0; i + 1 < plain.length; i++) {
          var pair = plain[i] + " " + plain[i + 1];
          var byDoc = self.pairs[pair] || (self.pairs[pair] = {});
          byDoc[d] = (byDoc[d] || 0) + FIELDS[field];
        }
        var list = self.withConcepts(plain);
        self.lengths[d][field] = list.length;
        self.average[field] = (self.average[field] || 0) + list.length;
        list.forEach(function (term) {
          var byDoc = self.postings[term] || (self.postings[term] = {});
          var byField = byDoc[d] || (byDoc[d] = {});
          byField[field] = (byField[field] || 0) + 1;
        });
      });
    });
    Object.keys(this.average).forEach(function (field) {
      self.average[field] = self.average[field] / Math.max(docs.length, 1) || 1;
    });
    Object.keys(this.postings).forEach(function (term) {
      var seen = {};
      Object.keys(self.postings[term]).forEach(function (d) { seen[self.pageOf[d]] = true; });
      self.pageFrequency[term] = Object.keys(seen).length;
    });
    this.words = Object.keys(this.surface);
  }

  /* Add a synonym group's concept wherever one of its phrases occurs. */
  Engine.prototype.withConcepts = function (list) {
    var out = list.slice();
    this.synonyms.forEach(function (group) {
      group.phrases.forEach(function (phrase) {
        for (var i = 0; i + phrase.length <= list.length; i++) {
          var hit = true;
          for (var k = 0; k < phrase.length && hit; k++) hit = list[i + k] === phrase[k];
          if (hit) out.push(group.concept);
        }
      });
    });
    return out;
  };

  /* The query as clauses: each a list of [term, weight] alternatives, with the
     words it came from. Synonym phrases become one clause each. */
  Engine.prototype.clauses = function (query) {
    var self = this;
    var tokens = [];
    words(query).forEach(function (word) {
      if (!STOP_WORDS[word]) tokens.push({ word: word, term: stem(word) });
    });
    var clauses = [];
    var last = tokens.length - 1;
    for (var i = 0; i < tokens.length; i++) {
      var matched = null;
      self.synonyms.forEach(function (group) {
        group.phrases.forEach(function (phrase) {
          if (matched && matched.length >= phrase.length) return;
          if (i + phrase.length > tokens.length) return;
          for (var k = 0; k < phrase.length; k++) if (tokens[i + k].term !== phrase[k]) return;
          matched = { length: phrase.length, concept: group.concept };
        });
      });
      if (matched && self.postings[matched.concept]) {
        var span = tokens.slice(i, i + matched.length);
        clauses.push({
          words: span.map(function (t) { return t.word; }),
          options: [[matched.concept, 1]].concat(span.length === 1 ? [[span[0].term, 1]] : [])
        });
        i += matched.length - 1;
        continue;
      }
      clauses.push({ words: [tokens[i].word], options: self.expand(tokens[i], i === last) });
    }
    return clauses;
  };

  /* A query word's terms: itself, else near misses and (for the word being typed)
     completions, each at a cost. */
  Engine.prototype.expand = function (token, typing) {
    if (this.postings[token.term]) return [[token.term, 1]];
    var options = [];
    var seen = {};
    var word = token.word;
    var cap = word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
    var self = this;
    this.words.forEach(function (candidate) {
      var term = self.surface[candidate];
      if (seen[term] || !self.postings[term]) return;
      if (typing && word.length >= 3 && candidate.indexOf(word) === 0) {
        seen[term] = true;
        options.push([term, PREFIX_COST]);
      } else if (cap && distance(word, candidate, cap) <= cap) {
        seen[term] = true;
        options.push([term, FUZZY_COST]);
      }
    });
    // The rarest few completions would drown the rest: keep the most common ones.
    options.sort(function (a, b) {
      return b[1] - a[1] || self.pageFrequency[b[0]] - self.pageFrequency[a[0]];
    });
    return options.slice(0, 8);
  };

  Engine.prototype.idf = function (term) {
    var n = this.pages.length, df = this.pageFrequency[term] || 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };

  /* How well one document matches one term: saturated, field-weighted frequency. */
  Engine.prototype.docScore = function (d, term) {
    var byField = (this.postings[term] || {})[d];
    if (!byField) return 0;
    var score = 0, self = this;
    Object.keys(byField).forEach(function (field) {
      var tf = byField[field];
      var b = LENGTH_NORMALIZED[field] || 0;
      var norm = 1 - b + b * (self.lengths[d][field] || 0) / (self.average[field] || 1);
      score += FIELDS[field] * tf * (SATURATION + 1) / (tf + SATURATION * norm);
    });
    return score;
  };

  /* Pages ranked for the query: [{page, score, clauses matched, doc scores}]. */
  Engine.prototype.rank = function (query) {
    var self = this;
    var all = this.clauses(query);
    var intent = COMPARING.test(query) ? "comparing" : "otherwise";
    var asked = terms(query).join(" ");
    var clauses = all.filter(function (clause) { return clause.options.length; });
    if (!all.length) return { clauses: all, pages: [] };
    var totalWeight = 0;
    var weights = all.map(function (clause) {
      var best = 0;
      clause.options.forEach(function (option) {
        best = Math.max(best, Math.pow(self.idf(option[0]), COVERAGE_IDF));
      });
      // A word found on no page at all cannot tell pages apart: it is shown as
      // missing, and left out of the coverage every page is ranked by.
      totalWeight += best;
      return best;
    });
    if (!totalWeight) return { clauses: all, pages: [] };
    var found = {};
    clauses.forEach(function (clause) {
      var c = all.indexOf(clause);
      clause.options.forEach(function (option) {
        var term = option[0], cost = option[1], idf = self.idf(term);
        Object.keys(self.postings[term] || {}).forEach(function (d) {
          var p = self.pageOf[d];
          var hit = found[p] || (found[p] = { page: p, clauses: {}, docs: {} });
          var score = self.docScore(d, term) * idf * cost;
          var previous = hit.clauses[c] || { best: 0, sum: 0 };
          previous.best = Math.max(previous.best, score);
          previous.sum += score;
          hit.clauses[c] = previous;
          hit.docs[d] = (hit.docs[d] || 0) + score;
        });
      });
    });
    // Words that stand side by side in the query and in a page count once more.
    var single = all.map(function (clause) {
      return clause.words.length === 1 && clause.options.length ? stem(clause.words[0]) : null;
    });
    for (var w = 0; w + 1 < single.length; w++) {
      var postings = single[w] && single[w + 1] ? self.pairs[single[w] + " " + single[w + 1]] : null;
      if (!postings) continue;
      var seen = {};
      Object.keys(postings).forEach(function (d) { seen[self.pageOf[d]] = true; });
      var pairIdf = Math.log(1 + (self.pages.length - Object.keys(seen).length + 0.5) /
        (Object.keys(seen).length + 0.5));
      Object.keys(postings).forEach(function (d) {
        var hit = found[self.pageOf[d]];
        if (!hit) return;
        var weight = postings[d];
        var bonus = PAIR_WEIGHT * pairIdf * weight * (SATURATION + 1) / (weight + SATURATION);
        hit.bonus = Math.max(hit.bonus || 0, bonus);
      });
    }
    var pages = Object.keys(found).map(function (key) {
      var hit = found[key];
      var matchedWeight = 0, score = 0;
      Object.keys(hit.clauses).forEach(function (c) {
        var clause = hit.clauses[c];
        matchedWeight += weights[c];
        // The best document of the page counts in full, its other sections a little.
        score += clause.best + 0.15 * (clause.sum - clause.best);
      });
      score += hit.bonus || 0;
      var coverage = matchedWeight / totalWeight;
      hit.coverage = coverage;
      hit.matchedAll = Object.keys(hit.clauses).length === all.length;
      var page = self.pages[hit.page];
      var kindWeight = (KIND_WEIGHT[page.kind] || {})[intent] || 1;
      hit.score = score * Math.pow(coverage, 2) * page.boost * kindWeight;
      if (asked && page.name === asked) hit.score *= NAME_WEIGHT;
      return hit;
    });
    pages = pages.filter(function (hit) { return hit.coverage >= MIN_COVERAGE; });
    pages.sort(function (a, b) { return b.score - a.score; });
    return { clauses: all, pages: pages };
  };

  /* Wrap the words of `html` whose stems were matched in <mark>, outside tags. */
  function highlight(html, matched) {
    return String(html || "").split(/(<[^>]*>)/).map(function (part) {
      if (part.charAt(0) === "<") return part;
      return part.replace(/[A-Za-z0-9]+/g, function (word) {
        var lower = word.toLowerCase();
        return matched[stem(lower)] || matched[lower] ? "<mark>" + word + "</mark>" : word;
      });
    }).join("");
  }

  /* The result in the shape Material's search interface renders. */
  Engine.prototype.search = function (query) {
    var self = this;
    var ranked = this.rank(query);
    var matchedTerms = {};
    var termsShown = {};
    ranked.clauses.forEach(function (clause) {
      clause.options.forEach(function (option) { matchedTerms[option[0]] = true; });
      clause.words.forEach(function (word) { matchedTerms[stem(word)] = true; });
    });
    // Synonyms: highlight the words of every phrase of a matched concept.
    this.synonyms.forEach(function (group) {
      if (!matchedTerms[group.concept]) return;
      group.phrases.forEach(function (phrase) {
        phrase.forEach(function (term) { matchedTerms[term] = true; });
      });
    });
    var items = ranked.pages.slice(0, MAX_RESULTS).map(function (hit) {
      ranked.clauses.forEach(function (clause, c) {
        termsShown[clause.words.join(" ")] = hit.clauses[c] !== undefined;
      });
      var terms = {};
      Object.keys(termsShown).forEach(function (key) { terms[key] = termsShown[key]; });
      var page = self.pages[hit.page];
      var article = self.docs[page.article];
      var group = [{
        location: article.location,
        title: highlight(article.title, matchedTerms),
        text: highlight(article.text, matchedTerms),
        tags: article.tags,
        score: hit.score,
        terms: terms
      }];
      var best = 0;
      Object.keys(hit.docs).forEach(function (d) { best = Math.max(best, hit.docs[d]); });
      Object.keys(hit.docs).map(Number).filter(function (d) { return d !== page.article; })
        .sort(function (a, b) { return hit.docs[b] - hit.docs[a]; })
        .forEach(function (d) {
          var doc = self.docs[d];
          group.push({
            location: doc.location,
            title: highlight(doc.title, matchedTerms),
            text: highlight(doc.text, matchedTerms),
            score: hit.score * 0.9 * hit.docs[d] / (best || 1),
            terms: terms
          });
        });
      return group;
    });
    return { items: items, suggest: this.suggest(query, ranked) };
  };

  /* A completion of the word being typed, from the best page's title. */
  Engine.prototype.suggest = function (query, ranked) {
    var typed = (String(query).match(/[A-Za-z0-9]+$/) || [""])[0].toLowerCase();
    if (typed.length < 2 || !ranked.pages.length) return [];
    var title = plainText(this.docs[this.pages[ranked.pages[0].page].article].title);
    var completion = (title.toLowerCase().match(/[a-z0-9]+/g) || []).filter(function (word) {
      return word.length > typed.length && word.indexOf(typed) === 0;
    })[0];
    return completion ? [completion] : [];
  };

  var api = { Engine: Engine, stem: stem, terms: terms, words: words, distance: distance };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.MlpSearch = api;
})(typeof self !== "undefined" ? self : this);
