/* Resolutions Atlas — the search page (search/?q=…): every result of a query, with filters.
 *
 * It asks the same search worker as the header's box (atlas-search.js; from file:// through the
 * iframe-worker shim, which replaces window.Worker there) for up to 500 documents, groups them by
 * text, and filters them by body, kind, status, year and article cited. The query and the filters
 * live in the URL (?q=…&body=cop&year=2010), so a filtered view can be linked to and survives
 * reloading. Only on the page that has the form; no network.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-atlas-search-page]");
  if (!form) return;
  var config = JSON.parse(document.getElementById("__config").textContent);
  var input = form.querySelector('input[name="q"]');
  var page = document.querySelector(".atlas-search-page");
  var list = page.querySelector(".atlas-results__list");
  var count = page.querySelector(".atlas-results__count");
  var facetsBox = page.querySelector("[data-atlas-facets]");
  var clear = page.querySelector("[data-atlas-facets-clear]");
  var LIMIT = 500;
  var SHOWN = 3;  /* paragraphs shown under each text; the rest are counted */
  var STATUS = { adopted: "Adopted", draft: "Draft", "revised-draft": "Revised draft", cited: "Cited only" };
  var KIND = { resolution: "Resolution", decision: "Decision" };
  var TYPES = { text: "Texts of the corpus", cited: "Cited, not in the corpus", article: "Articles",
    instrument: "The Convention and its Protocols", body: "Bodies", page: "Other pages" };
  var FACETS = [
    { key: "body", legend: "Body" },
    { key: "kind", legend: "Kind" },
    { key: "status", legend: "Status" },
    { key: "year", legend: "Year" },
    { key: "article", legend: "Article cited" }
  ];
  var names = { bodies: {}, instruments: {} };
  var groups = [];
  var chosen = {};

  function escapeHTML(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  /* The facet values of a group (a page with its passages). */
  function values(group) {
    var f = group.facets;
    return {
      body: f.b ? [f.b] : [],
      kind: f.k ? [f.k] : [],
      status: f.s ? [f.s] : [],
      year: f.y ? [String(f.y)] : [],
      article: f.a || []
    };
  }

  function label(key, value) {
    if (key === "body") return names.bodies[value] || value.toUpperCase();
    if (key === "kind") return KIND[value] || value;
    if (key === "status") return STATUS[value] || value;
    if (key === "article") {
      var parts = value.split(":");
      return (names.instruments[parts[0]] || parts[0]) + ", art. " + parts[1];
    }
    return value;
  }

  function matches(group, except) {
    var v = values(group);
    return FACETS.every(function (facet) {
      if (facet.key === except || !chosen[facet.key] || !chosen[facet.key].length) return true;
      return chosen[facet.key].some(function (want) { return v[facet.key].indexOf(want) >= 0; });
    });
  }

  function renderFacets() {
    var html = "";
    FACETS.forEach(function (facet) {
      var counts = new Map();
      groups.forEach(function (g) {
        if (!matches(g, facet.key)) return;
        values(g)[facet.key].forEach(function (v) { counts.set(v, (counts.get(v) || 0) + 1); });
      });
      (chosen[facet.key] || []).forEach(function (v) { if (!counts.has(v)) counts.set(v, 0); });
      if (!counts.size) return;
      var keys = Array.from(counts.keys());
      keys.sort(function (a, b) {
        if (facet.key === "year") return b - a;
        if (facet.key === "article") {
          var x = a.split(":"), y = b.split(":");
          return x[0] === y[0] ? x[1] - y[1] : (x[0] === "untoc" ? -1 : y[0] === "untoc" ? 1 : x[0] < y[0] ? -1 : 1);
        }
        return counts.get(b) - counts.get(a) || (label(facet.key, a) < label(facet.key, b) ? -1 : 1);
      });
      html += '<fieldset><legend>' + facet.legend + "</legend>";
      keys.forEach(function (v) {
        var on = (chosen[facet.key] || []).indexOf(v) >= 0;
        html += '<label><input type="checkbox" name="' + facet.key + '" value="' + escapeHTML(v) + '"' +
          (on ? " checked" : "") + "> " + escapeHTML(label(facet.key, v)) +
          ' <span class="atlas-facets__n">' + counts.get(v) + "</span></label>";
      });
      html += "</fieldset>";
    });
    facetsBox.innerHTML = html || '<p class="atlas-muted">Nothing to filter.</p>';
    clear.hidden = !FACETS.some(function (f) { return chosen[f.key] && chosen[f.key].length; });
  }

  function renderResults() {
    var shown = groups.filter(function (g) { return matches(g); });
    var q = input.value.trim();
    if (!groups.length) {
      count.textContent = "No text holds “" + q + "”.";
    } else if (shown.length === groups.length) {
      count.textContent = groups.length + (groups.length === 1 ? " result" : " results") + " for “" + q + "”";
    } else {
      count.textContent = shown.length + " of " + groups.length + " results for “" + q + "”, filtered";
    }
    list.innerHTML = shown.map(function (g) {
      var passages = g.passages.slice(0, SHOWN).map(function (p) {
        return '<li><a class="atlas-result__where" href="' + escapeHTML(p.href) + '">' + escapeHTML(p.where) +
          "</a> " + p.text + "</li>";
      }).join("");
      var more = g.passages.length - SHOWN;
      if (more > 0)
        passages += '<li class="atlas-result__more">and ' + more + " more paragraph" + (more === 1 ? "" : "s") +
          ' of this text: <a href="' + escapeHTML(g.href) + "?h=" + encodeURIComponent(input.value.trim()) + '">open it</a></li>';
      return '<li class="atlas-result" data-type="' + escapeHTML(g.facets.t || "") + '">' +
        '<p class="atlas-result__label"><a href="' + escapeHTML(g.href) + '">' + escapeHTML(g.label) + "</a></p>" +
        (g.text ? '<p class="atlas-result__title">' + g.text + "</p>" : "") +
        (passages ? '<ol class="atlas-result__passages">' + passages + "</ol>" : "") + "</li>";
    }).join("");
  }

  function writeURL() {
    var params = new URLSearchParams();
    params.set("q", input.value.trim());
    FACETS.forEach(function (f) {
      (chosen[f.key] || []).forEach(function (v) { params.append(f.key, v); });
    });
    history.replaceState(null, "", "?" + params.toString());
  }

  /* A result's link, from the site's root (the worker's locations) to this page's place. */
  var root = new URL((config.base || ".").replace(/\/?$/, "/"), location.href);
  function href(location) {
    return new URL(location, root).href;
  }

  function collect(items) {
    return items.map(function (group) {
      var head = group.filter(function (i) { return i.location.indexOf("#") < 0; })[0] || group[0];
      var facets = head.atlas ? head.atlas.facets : {};
      return {
        href: href(head.location.split("#")[0]),
        label: head.atlas ? head.atlas.label : head.title.replace(/<[^>]*>/g, ""),
        text: head.text,
        facets: facets,
        passages: group.filter(function (i) { return i.location.indexOf("#") >= 0; }).map(function (i) {
          /* Under its text's label, a paragraph is named by itself: "op. 10". */
          var where = i.atlas && i.atlas.passage ? i.atlas.passage : (i.atlas ? i.atlas.label : i.title.replace(/<[^>]*>/g, ""));
          return { href: href(i.location), where: where, text: i.text };
        })
      };
    });
  }

  var worker = new Worker(config.search);
  var ready = new Promise(function (resolve) {
    worker.addEventListener("message", function first(ev) {
      if (ev.data.type === 1) {
        worker.removeEventListener("message", first);
        resolve();
      }
    });
  });
  worker.postMessage({ type: 0, data: { docs: [], options: {} } });
  var loadedNames = new Promise(function (resolve) {
    var script = document.createElement("script");
    self.atlasSearch = {
      add: function (kind, number, data) {
        if (kind === "n") names = data;
      }
    };
    script.src = new URL(config.search, location.href).href.replace(/javascripts\/atlas-search\.js$/, "search/names.js");
    script.onload = script.onerror = function () { resolve(); };
    document.head.appendChild(script);
  });

  function run() {
    var q = input.value.trim();
    page.hidden = !q;
    if (!q) {
      count.textContent = "";
      return;
    }
    count.textContent = "Searching…";
    Promise.all([ready, loadedNames]).then(function () {
      return new Promise(function (resolve) {
        worker.addEventListener("message", function answer(ev) {
          if (ev.data.type === 3) {
            worker.removeEventListener("message", answer);
            resolve(ev.data.data);
          }
        });
        worker.postMessage({ type: 2, data: { query: q, limit: LIMIT } });
      });
    }).then(function (result) {
      groups = collect(result.items || []);
      renderFacets();
      renderResults();
      page.setAttribute("data-ready", "");
    });
  }

  facetsBox.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.name) return;
    var set = chosen[box.name] || (chosen[box.name] = []);
    var at = set.indexOf(box.value);
    if (box.checked && at < 0) set.push(box.value);
    if (!box.checked && at >= 0) set.splice(at, 1);
    writeURL();
    renderFacets();
    renderResults();
  });
  clear.addEventListener("click", function () {
    chosen = {};
    writeURL();
    renderFacets();
    renderResults();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    chosen = {};
    writeURL();
    run();
  });

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  FACETS.forEach(function (f) {
    var v = params.getAll(f.key);
    if (v.length) chosen[f.key] = v;
  });

  /* Material opens its own search dialog for a ?q= in the address, and takes q out of the address
   * when that dialog closes. Here the page itself is the search: close the dialog, keep the query. */
  var toggle = document.getElementById("__search");
  function closeDialog() {
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    if (input.value.trim()) writeURL();
  }
  closeDialog();
  window.setTimeout(closeDialog, 0);
  window.addEventListener("load", function () { window.setTimeout(closeDialog, 50); });
  run();
})();
