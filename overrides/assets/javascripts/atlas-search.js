/*
 * Resolutions Atlas: the search worker behind Material for MkDocs' search box.
 *
 * Material's own worker loads one index of the whole site (145 MB at 10,000 resolutions). This
 * one speaks the same protocol (SETUP → READY, QUERY → RESULT; see Material's
 * integrations/search/worker) and answers from the index that generator/search_index.py writes
 * into assets/search/: a small manifest, then per query only the vocabulary shards, postings and
 * document chunks it needs. Each piece is a script calling atlasSearch.add(kind, number, data).
 * Inside the iframe-worker shim of the offline bundle (file://), where fetch cannot read files,
 * pieces are loaded as <script> tags of the shim's frame, all of a step's at once (the shim's own
 * importScripts adds one tag after the other has loaded: from file://, 5–10 ms each, and a query
 * shows documents from dozens of chunks). In a real worker (a served site) they are fetched in
 * parallel and their JSON parsed, rather than imported one after the other. The manifest and the
 * stemmer are asked for as soon as this script runs, not when Material's SETUP arrives.
 *
 * Pages that the generator does not write (about.md) stay in Material's small index; SETUP hands
 * their documents over and they are searched here too.
 */
"use strict";

/* Material's message types (SearchMessageType). */
var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;

/* Most documents a query ranks and shows (the search page asks for more), and most completions
 * of one word it follows. */
var MAX_DOCUMENTS = 50;
var MAX_LIMIT = 500;
/* How many of the best documents holding every word are read to see whether they hold the
 * words as a phrase (their chunks are loaded for it; the rest keep their rank). */
var PHRASE_CHECK = 40;
var MAX_EXPANSIONS = 12;
/* A completion ("extrad" → "extradition") counts a little less than the word itself. */
var PREFIX_FACTOR = 0.7;
/* Words shorter than this are matched whole, never completed. */
var MIN_PREFIX = 2;
/* Characters of a text shown around its first match. */
var SNIPPET = 220;
/* Give up on a piece of the index that does not arrive (the shim never reports a failed load). */
var LOAD_TIMEOUT = 15000;

/* The same tokens as generator/search_index.py: a symbol or number ("55/25", "E/CN.15/2012/15")
 * whole, else a run of letters and digits. */
var TOKEN = /[\p{L}\p{N}]+(?:\.[\p{L}\p{N}]+)*(?:\/[\p{L}\p{N}]+(?:\.[\p{L}\p{N}]+)*)+|[\p{L}\p{N}]+/gu;
var LETTERS = /^\p{L}+$/u;

/* The index directory, from this script's own URL: inside the shim, relative URLs would resolve
 * against the page instead. */
var here = (typeof document !== "undefined" && document.currentScript && document.currentScript.src)
  || self.location.href;
/* (A page that loads this file itself, as the tests do, may have no base to resolve against.) */
function resolved(path) {
  try { return new URL(path, here).href; } catch (err) { return path; }
}
var INDEX = resolved("../search/");
/* Inside the iframe-worker shim (file://) there is a document; in a real worker there is none. */
var SHIM = typeof document !== "undefined";
var PIECE = /^atlasSearch\.add\("([mvpdn])",(\d+),/;
/* Snowball's English stemmer, the algorithm the index was built with (vendored, see its SOURCE.txt). */
var STEMMER = resolved("../vendor/snowball/english.js");

var manifest = null;      /* the manifest: vocabulary starts, page starts, stop words */
var pageStarts = [];      /* id of each page's first document, increasing */
var stopWords = new Set();
var parts = { v: new Map(), p: new Map(), d: new Map() };
var pending = new Map();  /* "v3" → { promise, resolve } of a piece on its way */
var local = null;         /* Material's documents (hand-written pages), tokenized at the first query */
var localSource = [];     /* … as SETUP handed them over */

var pageTitles = new Map(); /* page document id → [location, title, text, facets], from the chunks loaded */
var emptyFlags = new Uint8Array(0); /* 1 for a page with nothing on it yet: ranked after every other result */
var names = null;           /* facet keys → names (bodies, instruments), for the search page */
var stemCache = new Map();
var typedWords = [];        /* the current query's words as typed, with their terms' indexes */

var STATUS = { adopted: "adopted", draft: "draft", "revised-draft": "revised draft", cited: "cited only" };

/* Every index file calls this. */
self.atlasSearch = {
  add: function (kind, number, data) {
    if (kind === "m") {
      manifest = data;
    } else if (kind === "n") {
      names = data;
    } else if (kind === "d") {
      parts.d.set(number, data[0]);
      if (data[1])
        pageTitles.set(data[1][0], data[1].slice(1));
    } else {
      parts[kind].set(number, data);
    }
    var key = kind + number;
    var done = pending.get(key);
    if (done) {
      pending.delete(key);
      done.resolve();
    }
  }
};

function normalize(text) {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

function tokens(text) {
  return normalize(text).match(TOKEN) || [];
}

/* A token's index term: a word of letters by its Snowball stem, a number or symbol as it is. */
function stem(token) {
  if (!LETTERS.test(token))
    return token;
  var known = stemCache.get(token);
  if (known === undefined) {
    known = self.snowballFactory.stemEnglish(token);
    stemCache.set(token, known);
  }
  return known;
}

/* The index terms of a text, in order, stop words left out (as search_index.terms). */
function terms(text) {
  return tokens(text).filter(function (t) { return !stopWords.has(t); }).map(stem);
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
  });
}
/* Load index files (["v", 3], …) not loaded yet; resolves when all of them have arrived. */
async function load(wanted) {
  var urls = [], keys = [], waits = [];
  for (var i = 0; i < wanted.length; i++) {
    var kind = wanted[i][0], number = wanted[i][1], key = kind + number;
    if (kind === "m" ? manifest : parts[kind].has(number))
      continue;
    var wait = pending.get(key);
    if (!wait) {
      wait = {};
      wait.promise = new Promise(function (resolve) { wait.resolve = resolve; });
      pending.set(key, wait);
      keys.push(key);
      urls.push(INDEX + (kind === "m" ? "manifest" : key) + ".js");
    }
    waits.push(wait.promise);
  }
  if (!waits.length)
    return;
  var timer, timeout = new Promise(function (_, reject) {
    timer = setTimeout(function () { reject(new Error("search index not loaded: " + urls.join(", "))); }, LOAD_TIMEOUT);
  });
  var loading = !urls.length ? null : SHIM ? insertScripts(urls) : Promise.all(urls.map(fetchPiece));
  try {
    await Promise.race([Promise.all([loading].concat(waits)), timeout]);
  } catch (err) {
    /* Asked for again by the next query, rather than waited for in vain. */
    keys.forEach(function (key) { pending.delete(key); });
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/* Scripts, from the shim's frame: all inserted at once, run as each arrives. */
function insertScripts(urls) {
  return Promise.all(urls.map(function (url) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url;
      script.onload = function () {
        script.remove();
        resolve();
      };
      script.onerror = function () {
        script.remove();
        reject(new Error("search index not loaded: " + url));
      };
      document.body.appendChild(script);
    });
  }));
}

/* A piece of the index over HTTP: the script's data is JSON, parsed as such. */
async function fetchPiece(url) {
  var response = await fetch(url);
  if (!response.ok)
    throw new Error(url + ": " + response.status);
  var text = (await response.text()).trimEnd();
  var m = PIECE.exec(text);
  if (!m || !text.endsWith(");"))
    throw new Error(url + ": not a piece of the search index");
  self.atlasSearch.add(m[1], +m[2], JSON.parse(text.slice(m[0].length, -2)));
}

/* The vocabulary shards whose terms may start with `word` (one, or a few for a short prefix). */
function vocabularyShards(word, prefix) {
  var starts = manifest.vocabulary, out = [];
  var first = Math.max(0, upperBound(starts, word) - 1);
  out.push(first);
  if (prefix)
    for (var n = first + 1; n < starts.length && starts[n].startsWith(word); n++)
      out.push(n);
  return out;
}

/* The postings shard that would hold `word` and, for a prefix, the next one if it starts with
 * it (from the manifest's first terms of the shards; none in an index without them). */
function postingsShards(word, prefix) {
  var starts = manifest.postings;
  if (!starts || !starts.length)
    return [];
  var first = Math.max(0, upperBound(starts, word) - 1), out = [first];
  if (prefix && first + 1 < starts.length && starts[first + 1].startsWith(word))
    out.push(first + 1);
  return out;
}

/* Index of the first element of the sorted array greater than `value`. */
function upperBound(sorted, value) {
  var lo = 0, hi = sorted.length;
  while (lo < hi) {
    var mid = (lo + hi) >> 1;
    if (sorted[mid] <= value) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/* The terms a query word matches: itself, and for a prefix its most frequent completions. */
function expansions(word, prefix) {
  var found = [];
  vocabularyShards(word, prefix).forEach(function (n) {
    var shard = parts.v.get(n), terms = shard[0];
    for (var i = lowerBound(terms, word); i < terms.length; i++) {
      var term = terms[i];
      if (term === word)
        found.push({ term: term, df: shard[1][i], shard: shard[2][i], exact: true });
      else if (prefix && term.startsWith(word))
        found.push({ term: term, df: shard[1][i], shard: shard[2][i], exact: false });
      else
        break;
    }
  });
  var exact = found.filter(function (t) { return t.exact; });
  var others = found.filter(function (t) { return !t.exact; })
    .sort(function (a, b) { return b.df - a.df || (a.term < b.term ? -1 : 1); })
    .slice(0, MAX_EXPANSIONS - exact.length);
  return exact.concat(others);
}

function lowerBound(sorted, value) {
  var lo = 0, hi = sorted.length;
  while (lo < hi) {
    var mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1; else hi = mid;
  }
  return lo;
}

function idf(df) {
  var n = manifest.documents;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/* The page document a document belongs to. */
function pageOf(doc) {
  return pageStarts[upperBound(pageStarts, doc) - 1];
}

/* [location, title, text, facets?] of a document whose chunk is loaded (or a page a later chunk names). */
function documentOf(id) {
  var chunk = parts.d.get(Math.floor(id / manifest.chunk));
  if (chunk)
    return chunk[id % manifest.chunk];
  return pageTitles.get(id);
}

/* A query: its terms (stop words left out unless nothing else is left, each once), the phrases
 * it quotes ("…" or “…”), each as a list of terms, and whether it quoted any. Unquoted words of
 * a query of several words count as a phrase too, for ranking only. */
function parseQuery(query) {
  var quoted = [];
  query.replace(/["“”]([^"“”]*)["“”]?/g, function (_, inner) {
    quoted.push(inner);
    return " ";
  });
  var all = tokens(query), kept = all.filter(function (w) { return !stopWords.has(w); });
  kept = (kept.length ? kept : all).map(stem);
  var words = kept.filter(function (w, i) { return kept.indexOf(w) === i; });
  /* The words as typed, each with its term: Material carries them to the page it opens (?h=). */
  var typed = (all.filter(function (w) { return !stopWords.has(w); }).length ? all.filter(function (w) {
    return !stopWords.has(w);
  }) : all).map(function (w) { return [w, words.indexOf(stem(w))]; });
  var phrases = quoted.map(terms).filter(function (p) { return p.length > 1; });
  var required = phrases.length > 0;
  if (!required && kept.length > 1)
    phrases = [kept];
  return { words: words, phrases: phrases, required: required, typed: typed };
}

/* Whether `text`'s terms hold every phrase, each as consecutive terms. */
function holdsPhrases(text, phrases) {
  var have = terms(text);
  return phrases.every(function (phrase) {
    outer: for (var i = 0; i + phrase.length <= have.length; i++) {
      for (var j = 0; j < phrase.length; j++)
        if (have[i + j] !== phrase[j])
          continue outer;
      return true;
    }
    return false;
  });
}

/* A text with the query's words marked (a word whose stem is, or for the last word begins with,
 * a query term): a window around the first match if `snippet`. */
function highlight(text, words, snippet) {
  var plain = normalize(text), spans = [];
  TOKEN.lastIndex = 0;
  var m;
  while ((m = TOKEN.exec(plain)) !== null) {
    var term = stem(m[0]);
    for (var i = 0; i < words.length; i++)
      if (term === words[i] || (LETTERS.test(words[i]) && (term.startsWith(words[i]) || m[0].startsWith(words[i])))) {
        spans.push([m.index, m.index + m[0].length]);
        break;
      }
  }
  /* Normalizing may change lengths (rare letters): then mark nothing rather than the wrong words. */
  if (plain.length !== text.length)
    spans = [];
  var start = 0, end = text.length;
  if (snippet && text.length > SNIPPET) {
    var at = spans.length ? spans[0][0] : 0;
    start = Math.max(0, at - SNIPPET / 3);
    if (start > 0)
      start = text.indexOf(" ", start) + 1 || start;
    end = Math.min(text.length, start + SNIPPET);
    if (end < text.length)
      end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
  }
  var html = start > 0 ? "… " : "", pos = start;
  spans.forEach(function (s) {
    if (s[0] < pos || s[1] > end)
      return;
    html += escapeHTML(text.slice(pos, s[0])) + "<mark>" + escapeHTML(text.slice(s[0], s[1])) + "</mark>";
    pos = s[1];
  });
  html += escapeHTML(text.slice(pos, end)) + (end < text.length ? " …" : "");
  return html;
}

/* Score Material's own documents (hand-written pages) as the index scores its documents: BM25
 * with the manifest's constants, each word by its best matching term. */
function searchLocal(words, matches, hits) {
  var k = manifest.weights;
  function tf(n, length, average) {
    return n ? n * (k.k1 + 1) / (n + k.k1 * (1 - k.b + k.b * length / average)) : 0;
  }
  localDocs().forEach(function (doc) {
    var score = 0, matched = 0, inText = 0, found = [];
    words.forEach(function (w, i) {
      var best = 0, text = false;
      var known = new Map(matches[i].map(function (t) { return [t.term, t.df]; }));
      var candidates = new Set(doc.title.concat(doc.text).filter(function (t) {
        return t === w || (known.has(t) && t.startsWith(w));
      }));
      candidates.forEach(function (term) {
        var inTitle = doc.title.filter(function (t) { return t === term; }).length;
        var inBody = doc.text.filter(function (t) { return t === term; }).length;
        var weight = k.title * tf(inTitle, doc.title.length, k.titleLength) + tf(inBody, doc.text.length, k.textLength);
        weight *= k.scale * (doc.location.indexOf("#") < 0 ? k.page : 1);
        var s = weight * idf(known.get(term) || 1) * (term === w ? 1 : PREFIX_FACTOR);
        if (s > best) {
          best = s;
          text = inBody > 0;
        }
      });
      if (best > 0) {
        matched += 1;
        inText += text ? 1 : 0;
        score += best;
        found[i] = true;
      }
    });
    var titleAll = words.every(function (w) {
      return doc.title.some(function (t) { return t === w || (LETTERS.test(w) && t.startsWith(w)); });
    });
    if (matched)
      hits.push({ local: doc, score: score, matched: matched, inText: inText, words: found, identity: false, titleAll: titleAll });
  });
}

/* The rank of a hit, lower first: a text named by its number or symbol; then documents whose text
 * holds the phrase; then every word; then every word but some only in a title; then fewer words.
 * A page with nothing on it comes after all of these. */
function tier(hit, count) {
  var t;
  if (hit.identity)
    t = 0;
  else if (hit.matched === count && hit.inText === count)
    t = hit.phrase === false ? 2 : 1;
  else if (hit.matched === count)
    t = 3;
  else
    t = 4 + count - hit.matched;
  /* A hand-written page (About) that names the words only in passing comes after the texts. */
  if (hit.local && !hit.titleAll)
    t += 0.5;
  return t + (hit.empty ? 20 : 0);
}

/* The arrays a query scores documents in, as long as the index; what the query before touched
 * is cleared first (so that a query that failed half-way leaves nothing behind). */
var scratchArrays = null;
function scratch() {
  var n = manifest.documents, a = scratchArrays;
  if (!a || a.score.length !== n) {
    a = scratchArrays = {
      score: new Float64Array(n), matched: new Uint16Array(n), inText: new Uint16Array(n),
      identity: new Uint8Array(n), seen: new Uint8Array(n), bits: new Uint32Array(n),
      tiers: new Uint16Array(n), bestScore: new Float64Array(n), bestText: new Uint8Array(n), touched: []
    };
  }
  a.touched.forEach(function (doc) {
    a.score[doc] = 0;
    a.matched[doc] = a.inText[doc] = a.identity[doc] = a.seen[doc] = a.bits[doc] = a.tiers[doc] = 0;
  });
  a.touched = [];
  a.bestScore.fill(0);
  a.bestText.fill(0);
  return a;
}

/* Whether hit `a` ranks before hit `b` (their tiers worked out before). */
function before(a, b) {
  return (a.tier - b.tier || b.score - a.score || (a.doc || 0) - (b.doc || 0) ||
    (a.tierBefore || 0) - (b.tierBefore || 0)) < 0;
}

/* The first `k` of `list` in the order of `less`, ties in the list's order: what a stable sort
 * and a slice would give, without putting all of a large list in order. */
function firstOf(list, k, less) {
  var out = [];
  for (var i = 0; i < list.length; i++) {
    var x = list[i];
    if (out.length >= k && !less(x, out[out.length - 1]))
      continue;
    var lo = 0, hi = out.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (less(x, out[mid])) hi = mid; else lo = mid + 1;
    }
    out.splice(lo, 0, x);
    if (out.length > k)
      out.pop();
  }
  return out;
}

async function search(request, suggest) {
  var query = typeof request === "string" ? request : request.query;
  var limit = typeof request === "string" ? MAX_DOCUMENTS : Math.min(MAX_LIMIT, request.limit || MAX_DOCUMENTS);
  var q = parseQuery(query);
  var words = q.words;
  typedWords = q.typed;
  if (!words.length)
    return { items: [] };
  /* A word of letters also finds the words it begins ("extrad" → extradition); a number or a
   * symbol only itself. */
  function prefixed(w) {
    return LETTERS.test(w) && w.length >= MIN_PREFIX;
  }

  /* 1. The vocabulary shards of every word (and of "=" + a number or symbol, a text's identity),
   * and with them the postings shards where the word itself (and its first completions) would be:
   * most queries need no other postings, which then arrive with the vocabulary, not after it. */
  var vocab = [], named = words.filter(function (w) { return !LETTERS.test(w); });
  words.forEach(function (w) {
    vocabularyShards(w, prefixed(w)).forEach(function (n) { vocab.push(["v", n]); });
    postingsShards(w, prefixed(w)).forEach(function (n) { vocab.push(["p", n]); });
  });
  named.forEach(function (w) {
    vocabularyShards("=" + w, false).forEach(function (n) { vocab.push(["v", n]); });
    postingsShards("=" + w, false).forEach(function (n) { vocab.push(["p", n]); });
  });
  var vocabulary = load(vocab);
  /* Material's documents are tokenized the first time while the vocabulary loads (from file://,
   * the page's thread would otherwise do it between the page's load event and the query). */
  localDocs();
  await vocabulary;
  var matches = words.map(function (w, i) { return expansions(w, prefixed(w, i)); });
  var identities = named.map(function (w) {
    return expansions("=" + w, false).filter(function (t) { return t.exact; });
  });

  /* 2. Their postings; each word scores a document by its best matching term. A negative weight
   * is a term found only in the document's title. */
  var shards = [];
  matches.concat(identities).forEach(function (list) {
    list.forEach(function (t) { shards.push(["p", t.shard]); });
  });
  await load(shards);
  /* Per document, in arrays as long as the index (made once, cleared after each query): a query
   * of common words matches tens of thousands of documents, and an object per document (a Map of
   * them, sorted) cost most of its time. Objects are made for the documents shown only. */
  var count = words.length, a = scratch(), score = a.score, matched = a.matched, inText = a.inText;
  var identity = a.identity, bits = a.bits, tiers = a.tiers, bestScore = a.bestScore, bestText = a.bestText;
  var touched = a.touched, later = new Map(); /* the words a document matched (the 33rd on: in `later`) */
  function touch(doc) {
    if (!a.seen[doc]) {
      a.seen[doc] = 1;
      touched.push(doc);
    }
  }
  matches.forEach(function (list, w) {
    var best = [];
    list.forEach(function (t) {
      var postings = parts.p.get(t.shard)[t.term], weight = idf(t.df) * (t.exact ? 1 : PREFIX_FACTOR);
      for (var i = 0, doc = 0; i < postings.length; i += 2) {
        doc += postings[i];
        var raw = postings[i + 1], s = weight * Math.abs(raw), was = bestScore[doc];
        if (was === 0)
          best.push(doc);
        if (was < s || (was === s && raw > 0)) {
          bestScore[doc] = s;
          bestText[doc] = raw > 0 || bestText[doc] ? 1 : 0;
        } else if (raw > 0) {
          bestText[doc] = 1;
        }
      }
    });
    for (var i = 0; i < best.length; i++) {
      var doc = best[i];
      touch(doc);
      score[doc] += bestScore[doc];
      matched[doc] += 1;
      inText[doc] += bestText[doc];
      if (w < 32) {
        bits[doc] |= 1 << w;
      } else {
        if (!later.has(doc))
          later.set(doc, []);
        later.get(doc)[w] = true;
      }
      bestScore[doc] = 0;
      bestText[doc] = 0;
    }
  });
  identities.forEach(function (list) {
    list.forEach(function (t) {
      var postings = parts.p.get(t.shard)[t.term];
      for (var i = 0, doc = 0; i < postings.length; i += 2) {
        doc += postings[i];
        touch(doc);
        identity[doc] = 1;
        score[doc] += postings[i + 1];
      }
    });
  });

  /* 3. Rank (as tier() does, from the arrays); then read the best documents holding every word to
   * see which hold the phrase. Only the first ones are put in order (firstOf). */
  var full = [];
  touched.forEach(function (doc) {
    var t = identity[doc] ? 0 : matched[doc] === count ? (inText[doc] === count ? 1 : 3) : 4 + count - matched[doc];
    if (t === 1)
      full.push(doc);
    tiers[doc] = t + (emptyFlags[doc] ? 20 : 0);
  });
  function ahead(x, y) {
    return (tiers[x] - tiers[y] || score[y] - score[x] || x - y) < 0;
  }
  var locals = [];
  searchLocal(words, matches, locals);
  locals.forEach(function (h) { h.tier = tier(h, count); });
  var holders = null, ranked;
  if (q.phrases.length) {
    var candidates = firstOf(full, q.required ? MAX_LIMIT : PHRASE_CHECK, ahead);
    /* With the documents shown if no phrase moves them: most of them are shown, in one load. */
    var likely = q.required ? [] : firstOf(touched, limit, ahead);
    await load(candidates.concat(likely).map(function (doc) { return ["d", Math.floor(doc / manifest.chunk)]; }));
    holders = new Set(candidates.filter(function (doc) {
      return holdsPhrases(documentOf(doc)[2] || "", q.phrases);
    }));
    /* Every other document holding every word does not hold the phrase (or was not read). Ties
     * keep the order before the phrase check (the rank a sort before it gave). */
    full.forEach(function (doc) {
      if (!holders.has(doc))
        tiers[doc] += 1;
    });
    locals.forEach(function (h) {
      h.phrase = holdsPhrases(h.local.plainText, q.phrases);
      h.tierBefore = h.tier;
      h.tier = tier(h, count);
    });
    if (q.required) {
      ranked = firstOf(touched.filter(function (doc) { return holders.has(doc) || identity[doc]; }), limit, ahead);
      locals = locals.filter(function (h) { return h.phrase; });
    }
  }
  ranked = ranked || firstOf(touched, limit, ahead);
  var hits = firstOf(ranked.map(function (doc) {
    var mask = bits[doc], extra = later.get(doc), found = [];
    for (var w = 0; w < count; w++)
      if (w < 32 ? (mask >>> w) & 1 : extra && extra[w])
        found[w] = true;
    var t = tiers[doc] - (emptyFlags[doc] ? 20 : 0);
    return {
      doc: doc, score: score[doc], matched: matched[doc], inText: inText[doc], identity: identity[doc] === 1,
      empty: emptyFlags[doc] === 1, tier: tiers[doc], tierBefore: !holders ? undefined : t === 1 || t === 2 ? tiers[doc] - t + 1 : tiers[doc],
      words: found, phrase: holders ? holders.has(doc) : undefined
    };
  }).concat(locals), limit, before);
  var total = touched.length;

  /* 4. Group by page, in order of each page's best document, and load the documents shown. */
  var groups = new Map(), chunks = [];
  hits.forEach(function (hit) {
    var key = hit.local ? "local:" + hit.local.page : pageOf(hit.doc);
    if (!groups.has(key))
      groups.set(key, { page: hit.local ? null : key, hits: [] });
    groups.get(key).hits.push(hit);
  });
  groups.forEach(function (group) {
    group.hits.forEach(function (hit) {
      if (!hit.local)
        chunks.push(["d", Math.floor(hit.doc / manifest.chunk)]);
    });
  });
  await load(chunks);

  /* 5. Material's result items: each group a list with its page among them. */
  var items = [];
  groups.forEach(function (group) {
    var list = group.hits.map(function (hit) { return item(hit, words, false, group.page); });
    var hasPage = group.hits.some(function (hit) {
      return hit.local ? hit.local.location.indexOf("#") < 0 : hit.doc === group.page;
    });
    /* The page itself, for Material to show above its passages; its link highlights what they matched. */
    var found = [];
    group.hits.forEach(function (hit) { hit.words.forEach(function (m, i) { if (m) found[i] = true; }); });
    if (!hasPage && group.page === null) {
      var page = localDocs().filter(function (doc) { return doc.location === group.hits[0].local.page; })[0];
      if (page)
        list.push(item({ local: page, score: 0, matched: 0, words: found }, words));
    }
    if (!hasPage && group.page !== null)
      list.push(item({ doc: group.page, score: 0, matched: 0, words: found }, words, true, group.page));
    items.push(list);
  });
  var result = { items: items, total: total };
  if (suggest) {
    var lastMatches = matches[matches.length - 1];
    var completion = lastMatches.filter(function (t) { return !t.exact; })[0];
    result.suggest = completion ? [completion.term] : [];
  }
  return result;
}

/* How a result is labelled: "COP resolution 5/1 · op. 10 · 2010 · adopted". */
function label(facets, passage) {
  var parts = [facets.l];
  if (passage)
    parts.push(passage);
  if (facets.y)
    parts.push(String(facets.y));
  if (facets.s && STATUS[facets.s])
    parts.push(STATUS[facets.s]);
  return parts.join(" · ");
}

function item(hit, words, bare, pageId) {
  var terms = {};
  typedWords.forEach(function (t) { terms[t[0]] = !!(hit.words && hit.words[t[1]]); });
  if (hit.local) {
    return {
      location: hit.local.location,
      title: highlight(hit.local.titleText, words, false),
      text: highlight(hit.local.plainText, words, true),
      score: hit.score,
      terms: terms,
      atlas: { page: hit.local.page, label: hit.local.titleText, facets: { t: "page" } }
    };
  }
  var doc = documentOf(hit.doc), page = pageId === undefined ? null : documentOf(pageId);
  var facets = (doc[3]) || (page && page[3]) || null;
  var isPage = hit.doc === pageId;
  var title;
  if (facets && (facets.t === "text" || facets.t === "cited"))
    title = escapeHTML(label(facets, isPage ? "" : doc[1]));
  else
    title = highlight(doc[1], bare ? [] : words, false);
  return {
    location: doc[0],
    title: title,
    text: bare ? "" : highlight(doc[2], words, true),
    score: hit.score,
    terms: terms,
    atlas: {
      page: page ? page[0] : doc[0],
      label: facets ? label(facets, isPage ? "" : doc[1]) : doc[1],
      passage: isPage ? "" : doc[1],
      facets: facets || {}
    }
  };
}

function stripHTML(html) {
  return html.replace(/<[^>]*>/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
    .replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();
}

async function loadStemmer() {
  if (self.snowballFactory)
    return;
  await (SHIM ? insertScripts([STEMMER]) : importScripts(STEMMER));
}

/* The manifest and the stemmer, asked for as soon as this script runs; SETUP waits for them. */
var preloaded = Promise.all([load([["m", 0]]), loadStemmer()]);
preloaded.catch(function () { /* reported by setup */ });

function localDocs() {
  if (local === null) {
    local = localSource.map(function (doc) {
      var title = stripHTML(doc.title || ""), text = stripHTML(doc.text || "");
      return {
        location: doc.location,
        page: doc.location.split("#")[0],
        titleText: title,
        plainText: text,
        title: terms(title),
        text: terms(text)
      };
    });
  }
  return local;
}

async function setup(data) {
  await preloaded.catch(function () {
    return Promise.all([load([["m", 0]]), loadStemmer()]);
  });
  var id = 0;
  pageStarts = manifest.pages.map(function (delta) { return id += delta; });
  stopWords = new Set(manifest.stopWords);
  emptyFlags = new Uint8Array(manifest.documents);
  (manifest.empty || []).forEach(function (doc) { emptyFlags[doc] = 1; });
  localSource = data && data.docs || [];
  local = null;
  suggestions = !!(data && data.options && data.options.suggest);
}

var suggestions = false;
var latest = 0;           /* the newest query received: older ones still queued are skipped */
var queue = Promise.resolve();

async function handle(message) {
  switch (message.type) {
    case SETUP:
      await setup(message.data);
      return { type: READY };
    case QUERY:
      try {
        return { type: RESULT, data: await search(message.data, suggestions) };
      } catch (err) {
        console.warn("Search failed for «" + JSON.stringify(message.data) + "»:", err);
        return { type: RESULT, data: { items: [] } };
      }
    default:
      throw new TypeError("Invalid message type");
  }
}

addEventListener("message", function (ev) {
  var message = ev.data, number = ++latest;
  /* One message at a time, in order; a query overtaken by a newer one is not answered. */
  queue = queue.then(async function () {
    if (message.type === QUERY && number !== latest)
      return;
    var answer = await handle(message);
    if (message.type !== QUERY || number === latest)
      postMessage(answer);
  }).catch(function (err) { console.error(err); });
});
