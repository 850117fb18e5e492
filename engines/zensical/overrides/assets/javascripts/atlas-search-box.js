/* Resolutions Atlas — the header's search box of the Zensical build.
 *
 * Zensical's own search dialog renders only the documents of its own index (search.json, the whole
 * site in one file); the atlas' index is read in pieces by the atlas' worker (atlas-search.js,
 * which __config.search names: overrides/main.html). This box asks that worker, with the message
 * protocol it speaks for Material (SETUP → READY, QUERY → RESULT), and shows the first texts found
 * as one types; Enter, or "All results", opens the search page (search/?q=…) with every result and
 * its filters. Used only by the Zensical build (engines/zensical/overrides/partials/search.html).
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-atlas-search-box]");
  var configElement = document.getElementById("__config");
  if (!form || !configElement) return;
  var config = JSON.parse(configElement.textContent);
  var input = form.querySelector(".atlas-box__input");
  var output = form.querySelector(".atlas-box__output");
  var meta = form.querySelector(".atlas-box__meta");
  var list = form.querySelector(".atlas-box__list");
  var all = form.querySelector(".atlas-box__all");
  var SHOWN = 8;       /* texts listed under the box */
  var PASSAGES = 2;    /* paragraphs shown under each text */
  var LIMIT = 60;      /* documents asked for: enough to fill SHOWN texts */
  var DELAY = 80;      /* ms after the last key before a query goes out */

  /* The worker's locations are from the site's root; this page may be deeper. With Material's
   * search.highlight feature on (mkdocs.yml), a result carries the query as ?h=…, whose words
   * Zensical marks on the page it opens. */
  var root = new URL((config.base || ".").replace(/\/?$/, "/"), location.href);
  var highlight = (config.features || []).indexOf("search.highlight") >= 0;
  function href(where) {
    var url = new URL(where, root);
    if (highlight) url.searchParams.set("h", input.value.trim());
    return url.href;
  }

  function escapeHTML(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  /* One query at a time: the next goes out when the worker has answered, so each answer is known
   * to be for the query in flight, and one for an older text of the box is never shown. */
  var worker = null, ready = null, inFlight = null, timer = 0;

  function start() {
    if (worker) return ready;
    try {
      worker = new Worker(config.search);
    } catch (err) {
      /* No worker (a page opened from file://): the form still opens the search page. */
      meta.textContent = "Press Enter to search.";
      return null;
    }
    ready = new Promise(function (resolve) {
      worker.addEventListener("message", function first(ev) {
        if (ev.data.type === 1) {
          worker.removeEventListener("message", first);
          resolve();
        }
      });
    });
    worker.addEventListener("message", function (ev) {
      if (ev.data.type !== 3) return;
      var answered = inFlight;
      inFlight = null;
      if (answered === input.value.trim()) show(ev.data.data, answered);
      else send();
    });
    worker.postMessage({ type: 0, data: { docs: [], options: {} } });
    return ready;
  }

  function open(on) {
    output.hidden = !on;
  }

  function query() {
    var q = input.value.trim();
    var page = new URL(form.action);
    page.search = "?q=" + encodeURIComponent(q);
    all.href = page.href;
    all.textContent = "All results for “" + q + "”, with filters →";
    if (!q) {
      list.innerHTML = "";
      open(false);
      return;
    }
    open(true);
    meta.textContent = "Searching…";
    var waiting = start();
    if (waiting) waiting.then(send);
  }

  function send() {
    var q = input.value.trim();
    if (inFlight !== null || !q) return;
    inFlight = q;
    worker.postMessage({ type: 2, data: { query: q, limit: LIMIT } });
  }

  function passage(item) {
    var where = item.atlas && item.atlas.passage ? item.atlas.passage : "";
    return '<li><a class="atlas-box__passage" href="' + escapeHTML(href(item.location)) + '">' +
      (where ? '<span class="atlas-box__where">' + escapeHTML(where) + "</span> " : "") +
      '<span class="atlas-box__text">' + item.text + "</span></a></li>";
  }

  /* The worker's items come grouped by page; its title and text are HTML it escaped and marked. */
  function show(result, answered) {
    var groups = (result && result.items) || [];
    output.setAttribute("data-answered", answered);
    if (!groups.length) {
      meta.textContent = "No text holds “" + input.value.trim() + "”.";
      list.innerHTML = "";
      return;
    }
    meta.textContent = groups.length > SHOWN ? "The first " + SHOWN + " of " + groups.length + " results" :
      groups.length + (groups.length === 1 ? " result" : " results");
    list.innerHTML = groups.slice(0, SHOWN).map(function (group) {
      var head = group.filter(function (i) { return i.location.indexOf("#") < 0; })[0] || group[0];
      var label = head.atlas && head.atlas.label ? escapeHTML(head.atlas.label) : head.title;
      var passages = group.filter(function (i) { return i !== head && i.text; }).slice(0, PASSAGES);
      return '<li class="atlas-box__item">' +
        '<a class="atlas-box__link" href="' + escapeHTML(href(head.location.split("#")[0])) + '">' +
        '<span class="atlas-box__label">' + label + "</span>" +
        (head.text ? '<span class="atlas-box__text">' + head.text + "</span>" : "") + "</a>" +
        (passages.length ? '<ol class="atlas-box__passages">' + passages.map(passage).join("") + "</ol>" : "") +
        "</li>";
    }).join("");
  }

  function links() {
    return Array.prototype.slice.call(output.querySelectorAll("a"));
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(query, DELAY);
  });
  input.addEventListener("focus", function () {
    start();
    if (input.value.trim()) open(true);
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      open(false);
      input.focus();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var found = links();
      if (!found.length || output.hidden) return;
      event.preventDefault();
      var at = found.indexOf(document.activeElement);
      var next = event.key === "ArrowDown" ? Math.min(at + 1, found.length - 1) : at - 1;
      if (next < 0) input.focus(); else found[next].focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) open(false);
  });
  /* The header's search button (the magnifier of narrow screens) opens the box. */
  var toggle = document.getElementById("__search");
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) window.setTimeout(function () { input.focus(); }, 0);
    });
  }
})();
