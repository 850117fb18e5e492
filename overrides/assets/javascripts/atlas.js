/* Resolutions Atlas — progressive enhancement for the generated pages.
 *
 * Every page works without this script: tables are complete and in a sensible order, links
 * and permalinks are plain anchors. With it: copy-link buttons, table filters and sorting,
 * and timeline filters. No network, no dependencies; it works from file:// as well.
 */
(function () {
  "use strict";

  /* --- copy a paragraph's link ------------------------------------------------------------ */

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // file:// pages and old browsers: a hidden textarea and the legacy copy command.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try {
        document.execCommand("copy") ? resolve() : reject(new Error("copy refused"));
      } catch (error) {
        reject(error);
      } finally {
        document.body.removeChild(area);
      }
    });
  }

  // Shared with atlas-data.js (the Cite buttons).
  window.atlas = window.atlas || {};
  window.atlas.copyText = copyText;

  function initCopyButtons() {
    var buttons = document.querySelectorAll("button[data-atlas-copy]");
    buttons.forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var id = button.getAttribute("data-atlas-copy");
        var url = location.href.split("#")[0] + "#" + id;
        var label = button.textContent;
        copyText(url).then(
          function () {
            button.textContent = "Copied";
            button.setAttribute("data-copied", "");
            history.replaceState(null, "", "#" + id);
          },
          function () {
            button.textContent = "Press Ctrl+C";
            window.prompt("Copy this link:", url);
          }
        );
        window.setTimeout(function () {
          button.textContent = label;
          button.removeAttribute("data-copied");
        }, 1800);
      });
    });
  }

  /* --- filters ---------------------------------------------------------------------------- */

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  // Filters the rows of a table (select elements named after the rows' data-* attributes).
  function initTableFilter(form, table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var selects = form.querySelectorAll("select");
    var count = form.querySelector("output");
    var empty = table.closest(".atlas").querySelector(".atlas-empty");
    var params = new URLSearchParams(location.search);

    selects.forEach(function (select) {
      // ?body=cop&year=2010 preselects, so a filtered view can be linked to.
      var wanted = params.get(select.name);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
        select.value = wanted;
      }
    });

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = true;
        selects.forEach(function (select) {
          if (select.value && row.getAttribute("data-" + select.name) !== select.value) {
            ok = false;
          }
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown === rows.length ? plural(rows.length, "text", "texts") : shown + " of " + rows.length;
      if (empty) empty.hidden = shown !== 0;
    }

    form.addEventListener("change", apply);
    form.addEventListener("reset", function () {
      window.setTimeout(apply, 0);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.hidden = false;
    apply();
  }

  // Filters the documents of a timeline by body (checkboxes) and by "in the corpus or not".
  function initListFilter(form, list) {
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-body]"));
    var groups = Array.prototype.slice.call(list.querySelectorAll("[data-atlas-group]"));
    var count = form.querySelector("output");
    var empty = list.closest(".atlas").querySelector(".atlas-empty");

    function apply() {
      var bodies = {};
      form.querySelectorAll('input[name="body"]').forEach(function (box) {
        bodies[box.value] = box.checked;
      });
      var cited = form.querySelector('input[name="cited"]');
      var withCited = !cited || cited.checked;
      var shown = 0;
      items.forEach(function (item) {
        var body = item.getAttribute("data-body");
        var ok = bodies[body] !== false && (withCited || !item.classList.contains("atlas-doc-item--cited"));
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("li[data-body]:not([hidden])");
      });
      count.textContent = shown === items.length ? plural(items.length, "text", "texts") : shown + " of " + items.length;
      if (empty) empty.hidden = shown !== 0;
    }

    form.addEventListener("change", apply);
    form.hidden = false;
    apply();
  }

  function initFilters() {
    document.querySelectorAll("form[data-atlas-filter]").forEach(function (form) {
      var target = document.getElementById(form.getAttribute("data-atlas-filter"));
      if (!target) return;
      if (target.tagName === "TABLE") {
        initTableFilter(form, target);
      } else {
        initListFilter(form, target);
      }
    });
  }

  /* --- sortable tables -------------------------------------------------------------------- */

  function sortKey(cell, kind) {
    var value = cell.getAttribute("data-value");
    if (value === null) value = cell.textContent.trim();
    if (value === "") return null; // empty cells sort last, whatever the direction
    if (kind === "number") {
      // "5/1" sorts as session 5, number 1; "2012/12" as year 2012, number 12.
      var parts = value.split("/");
      var first = parseFloat(parts[0]);
      var second = parts.length > 1 ? parseFloat(parts[1]) : 0;
      return isNaN(first) ? value.toLowerCase() : first * 100000 + (isNaN(second) ? 0 : second);
    }
    return value.toLowerCase();
  }

  function initSortable(table) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var body = table.tBodies[0];
    headers.forEach(function (th, column) {
      var kind = th.getAttribute("data-sort");
      if (!kind) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "atlas-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var direction = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        headers.forEach(function (other) {
          other.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", direction);
        var sign = direction === "ascending" ? 1 : -1;
        var rows = Array.prototype.slice.call(body.rows).map(function (row, index) {
          return { row: row, key: sortKey(row.cells[column], kind), index: index };
        });
        rows.sort(function (a, b) {
          if (a.key === null || b.key === null) {
            if (a.key === b.key) return a.index - b.index;
            return a.key === null ? 1 : -1;
          }
          if (a.key < b.key) return -sign;
          if (a.key > b.key) return sign;
          return a.index - b.index; // stable: equal keys keep their order
        });
        var fragment = document.createDocumentFragment();
        rows.forEach(function (item) {
          fragment.appendChild(item.row);
        });
        body.appendChild(fragment);
      });
    });
  }

  /* --- contents of a long text: the current section marked; on a narrow screen one tap away --- */

  function initToc(nav) {
    var links = Array.prototype.slice.call(nav.querySelectorAll('a[href^="#"]'));
    var targets = links.map(function (a) {
      return document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
    });
    var list = nav.querySelector(".atlas-toc__list");
    var narrow = window.matchMedia("(max-width: 76.2344em)");

    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "atlas-toc__toggle";
    toggle.textContent = "Contents";
    toggle.setAttribute("aria-expanded", "false");
    if (list.id === "") list.id = "atlas-toc-list";
    toggle.setAttribute("aria-controls", list.id);
    nav.insertBefore(toggle, list);

    function setOpen(open) {
      nav.classList.toggle("is-open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
    function layout() {
      nav.classList.toggle("atlas-toc--floating", narrow.matches);
      if (!narrow.matches) setOpen(false);
    }
    toggle.addEventListener("click", function () {
      setOpen(!nav.classList.contains("is-open"));
    });
    links.forEach(function (a) {
      a.addEventListener("click", function () {
        if (narrow.matches) setOpen(false);
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("is-open")) {
        setOpen(false);
        toggle.focus();
      }
    });
    narrow.addEventListener("change", layout);
    layout();

    // The current section: the last one whose top has passed a line a third of the way down.
    var current = null;
    function mark() {
      var line = window.innerHeight / 3, found = -1;
      targets.forEach(function (el, i) {
        if (el && el.getBoundingClientRect().top <= line) found = i;
      });
      // At the very bottom, the last section is the current one even if its top is lower.
      if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) {
        for (var i = targets.length - 1; i >= 0; i--) {
          if (targets[i] && targets[i].getBoundingClientRect().top < window.innerHeight) {
            found = i;
            break;
          }
        }
      }
      var link = found >= 0 ? links[found] : null;
      if (link === current) return;
      if (current) current.removeAttribute("aria-current");
      if (link) link.setAttribute("aria-current", "location");
      current = link;
    }
    var queued = false;
    window.addEventListener("scroll", function () {
      if (queued) return;
      queued = true;
      window.requestAnimationFrame(function () {
        queued = false;
        mark();
      });
    }, { passive: true });
    window.addEventListener("resize", mark);
    mark();
  }

  /* --- wide tables: a cue when they scroll sideways ------------------------------------------ */

  function initScrollCue(wrap) {
    var frame = document.createElement("div");
    frame.className = "atlas-scroll-frame";
    wrap.parentNode.insertBefore(frame, wrap);
    frame.appendChild(wrap);
    var cue = document.createElement("p");
    cue.className = "atlas-scroll-cue";
    cue.setAttribute("aria-hidden", "true");
    cue.textContent = "Scroll sideways for every year →";
    frame.parentNode.insertBefore(cue, frame);
    function update() {
      var more = wrap.scrollWidth - wrap.clientWidth - wrap.scrollLeft > 2;
      cue.hidden = wrap.scrollWidth <= wrap.clientWidth + 2;
      if (more) frame.setAttribute("data-more-right", "");
      else frame.removeAttribute("data-more-right");
    }
    wrap.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", update);
    update();
  }

  /* --- the header's search box: a link to every result on the search page ------------------- */

  function initAllResults() {
    var input = document.querySelector(".md-search__input");
    var output = document.querySelector(".md-search__scrollwrap");
    var config = document.getElementById("__config");
    if (!input || !output || !config) return;
    var base = JSON.parse(config.textContent).base || ".";
    var offline = location.protocol === "file:";
    var page = new URL(base.replace(/\/?$/, "/") + (offline ? "search.html" : "search/"), location.href);
    var link = document.createElement("a");
    link.className = "atlas-all-results";
    link.hidden = true;
    output.parentNode.insertBefore(link, output);
    function update() {
      var q = input.value.trim();
      link.hidden = !q;
      page.search = "?q=" + encodeURIComponent(q);
      link.href = page.href;
      link.textContent = "All results for “" + q + "”, with filters →";
    }
    input.addEventListener("input", update);
    update();
  }

  function init() {
    initCopyButtons();
    initFilters();
    document.querySelectorAll("table[data-atlas-sortable]").forEach(initSortable);
    document.querySelectorAll("nav[data-atlas-toc]").forEach(initToc);
    document.querySelectorAll("[data-atlas-scroll]").forEach(initScrollCue);
    initAllResults();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
