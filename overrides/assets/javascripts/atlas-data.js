/* Resolutions Atlas — "Cite": copy a formatted citation and the permalink of a text or a paragraph.
 *
 * The page carries the citation of the text in two styles (UN Editorial Manual, OSCOLA), each also
 * as a template where a paragraph's pinpoint goes, and every paragraph its pinpoint in both styles
 * (generator/export/cite.py computes them). Without this script the citations are still shown as
 * text; with it, each paragraph gets a Cite button and the text a Copy citation button. The chosen
 * style is remembered. No network; it works from file:// as well.
 */
(function () {
  "use strict";

  var STORE = "atlas-cite-style";

  function copy(text) {
    // atlas.js' copy (the clipboard, or the legacy copy command where the clipboard is not offered).
    if (window.atlas && window.atlas.copyText) return window.atlas.copyText(text);
    return navigator.clipboard.writeText(text);
  }

  function permalink(id) {
    // The hosted address when the page names one (its canonical link), else where it was opened.
    var canonical = document.querySelector('link[rel="canonical"]');
    var base = canonical ? canonical.href : location.href;
    base = base.split("#")[0];
    return id ? base + "#" + id : base;
  }

  function chosenStyle(root) {
    var checked = root.querySelector('input[name="atlas-cite-style"]:checked');
    return checked ? checked.value : "un";
  }

  function formatted(root, style, pin, url) {
    var entry = root.querySelector('.atlas-data__citation[data-style="' + style + '"]');
    if (!entry) return null;
    var text = entry.getAttribute("data-cite-text");
    if (pin) {
      var marker = root.getAttribute("data-atlas-cite-pin");
      text = entry.getAttribute("data-cite-pinned").split(marker).join(pin);
    }
    // OSCOLA gives a web address in angle brackets; the UN form after "available at".
    return style === "oscola" ? text + " <" + url + ">" : text + ". Available at " + url;
  }

  function init() {
    var root = document.querySelector("[data-atlas-cite-root]");
    if (!root) return;
    var status = root.querySelector(".atlas-data__status");
    var styles = root.querySelector(".atlas-data__styles");
    var saved = null;
    try {
      saved = window.localStorage.getItem(STORE);
    } catch (error) {
      saved = null; // storage refused (some file:// settings): the first style stays chosen
    }
    if (saved) {
      var box = root.querySelector('input[name="atlas-cite-style"][value="' + saved + '"]');
      if (box) box.checked = true;
    }
    styles.hidden = false;
    styles.addEventListener("change", function () {
      try {
        window.localStorage.setItem(STORE, chosenStyle(root));
      } catch (error) {
        /* not remembered: nothing else to do */
      }
    });

    document.querySelectorAll("button[data-atlas-cite]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var id = button.getAttribute("data-atlas-cite");
        var style = chosenStyle(root);
        var pin = id ? button.getAttribute("data-pin-" + style) : "";
        var url = permalink(id);
        var text = formatted(root, style, pin, url);
        var label = button.textContent;
        copy(text).then(
          function () {
            button.textContent = "Copied";
            button.setAttribute("data-copied", "");
            status.textContent = "Copied: " + text;
          },
          function () {
            status.textContent = text;
            window.prompt("Copy this citation:", text);
          }
        );
        window.setTimeout(function () {
          button.textContent = label;
          button.removeAttribute("data-copied");
        }, 1800);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
