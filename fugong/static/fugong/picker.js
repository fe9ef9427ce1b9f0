/* Pickers and copy buttons (no library: government intranets are offline).
 *
 * select[data-picker]: data-picker is a scoped JSON endpoint answering ?q= with
 *   {"results": [{"id", "label", "hint"?}], "more": bool}; a hint (a region's code) is shown
 *   beside the label, and the browser matches the typed text against it too (1409 …).
 *   data-picker-mode="search": the server rendered only the chosen option, because the actor
 *     has too many to list; the select is hidden behind a search box with a datalist.
 *   data-picker-mode="select": an ordinary select.
 *   select[multiple] in search mode: each name picked in the search box is added to the
 *     (hidden) select's chosen options and listed under the box with a button that removes it.
 *   data-picker-depends="enterprise": the value of the form's "enterprise" field is sent along;
 *     when it changes, the choice is cleared and (select mode) the options are reloaded.
 * button[data-copy="#selector"]: copies the value of the element to the clipboard.
 */
(function () {
  "use strict";

  function pickerUrl(select, q) {
    var url = new URL(select.dataset.picker, window.location.origin);
    if (q) url.searchParams.set("q", q);
    (select.dataset.pickerDepends || "").split(" ").filter(Boolean).forEach(function (name) {
      var parent = select.form && select.form.elements[name];
      if (parent && parent.value) url.searchParams.set(name, parent.value);
    });
    return url;
  }

  function fetchResults(select, q) {
    return fetch(pickerUrl(select, q), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      return response.ok ? response.json() : { results: [] };
    });
  }

  function choose(select, id, label) {
    var option = Array.prototype.find.call(select.options, function (o) { return o.value === String(id); });
    if (!option) {
      option = new Option(label, id);
      select.add(option);
    }
    if (select.multiple) {
      if (option.selected) return;
      option.selected = true;  // among the chosen ones
    } else {
      if (select.value === String(id)) return;
      select.value = String(id);
    }
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function refill(select, results) {
    var keep = select.value;
    Array.prototype.slice.call(select.options).forEach(function (o) {
      if (o.value !== "") o.remove();
    });
    results.forEach(function (r) { select.add(new Option(r.label, r.id)); });
    select.value = results.some(function (r) { return String(r.id) === keep; }) ? keep : "";
  }

  // The search box in front of a hidden select: what is typed asks the endpoint (after 250 ms),
  // the answers fill a datalist, and accept(text, known) says whether the text names a choice
  // (known: label → id of every answer so far). A name typed or pasted in full is taken as
  // soon as the server confirms it.
  function searchBox(select, accept) {
    var input = document.createElement("input");
    var list = document.createElement("datalist");
    var timer = null;
    var known = {};
    input.type = "search";
    input.className = select.className.replace("form-select", "form-control");
    input.id = select.id + "_search";
    input.autocomplete = "off";
    input.placeholder = select.dataset.pickerPlaceholder || "…";
    input.disabled = select.disabled;  // a regulated field shown to one who may not change it
    list.id = select.id + "_results";
    input.setAttribute("list", list.id);
    var label = select.form && select.form.querySelector('label[for="' + select.id + '"]');
    if (label) label.htmlFor = input.id;
    select.classList.add("d-none");
    select.setAttribute("tabindex", "-1");
    select.parentNode.insertBefore(input, select);
    select.parentNode.insertBefore(list, select);

    function tryAccept() { return accept(input.value.trim(), known); }

    input.addEventListener("input", function () {
      if (tryAccept()) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (!q) return;
        fetchResults(select, q).then(function (data) {
          list.textContent = "";
          data.results.forEach(function (r) {
            known[r.label] = r.id;
            var option = document.createElement("option");
            option.value = r.label;
            if (r.hint) option.label = r.hint;
            list.appendChild(option);
          });
          if (input.value.trim() === q) tryAccept();
        });
      }, 250);
    });
    input.addEventListener("change", tryAccept);
    return { input: input, list: list, accept: tryAccept };
  }

  function has(known, text) { return Object.prototype.hasOwnProperty.call(known, text); }

  function initSearch(select) {
    var box = searchBox(select, pick);
    var chosen = select.options[select.selectedIndex];
    box.input.value = chosen && chosen.value ? chosen.text : "";

    function pick(text, known) {
      if (!text) {
        if (select.value !== "") {
          select.value = "";
          select.dispatchEvent(new Event("change", { bubbles: true }));
        }
        return true;
      }
      if (!has(known, text)) return false;
      choose(select, known[text], text);
      return true;
    }

    select.addEventListener("picker:clear", function () { box.input.value = ""; });
  }

  function initMulti(select) {
    var box = searchBox(select, add);
    var chosen = document.createElement("ul");
    chosen.id = select.id + "_chosen";
    chosen.className = "list-unstyled d-flex flex-wrap gap-1 mt-1 mb-0";
    select.parentNode.insertBefore(chosen, select);

    function show() {
      chosen.textContent = "";
      Array.prototype.forEach.call(select.selectedOptions, function (option) {
        var item = document.createElement("li");
        var remove = document.createElement("button");
        item.className = "badge text-bg-light border d-inline-flex align-items-center gap-1";
        item.textContent = option.text;
        remove.type = "button";
        remove.className = "btn-close";
        remove.style.fontSize = "0.6rem";
        remove.setAttribute("aria-label", (select.dataset.pickerRemove || "×") + " " + option.text);
        remove.addEventListener("click", function () {
          option.remove();
          show();
          select.dispatchEvent(new Event("change", { bubbles: true }));
        });
        item.appendChild(remove);
        chosen.appendChild(item);
      });
    }

    function add(text, known) {
      if (!text || !has(known, text)) return false;
      choose(select, known[text], text);
      box.input.value = "";
      box.list.textContent = "";  // the next name starts a search of its own
      show();
      return true;
    }

    // Enter picks what was typed rather than sending the form half-filled.
    box.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        box.accept();
      }
    });
    select.addEventListener("picker:clear", function () {
      Array.prototype.slice.call(select.selectedOptions).forEach(function (o) { o.remove(); });
      show();
    });
    show();
  }

  function initDepends(select) {
    (select.dataset.pickerDepends || "").split(" ").filter(Boolean).forEach(function (name) {
      var parent = select.form && select.form.elements[name];
      if (!parent || !parent.addEventListener) return;
      parent.addEventListener("change", function () {
        select.dispatchEvent(new Event("picker:clear"));
        if (select.dataset.pickerMode === "search") {
          select.value = "";
          return;
        }
        fetchResults(select, "").then(function (data) { refill(select, data.results); });
      });
    });
  }

  function initCopy(button) {
    button.addEventListener("click", function () {
      var target = document.querySelector(button.dataset.copy);
      if (!target) return;
      var done = function () { button.textContent = button.dataset.copied || button.textContent; };
      // Plain http on an intranet has no Clipboard API: select the text and copy it instead.
      var fallback = function () {
        target.select();
        document.execCommand("copy");
        done();
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(target.value).then(done, fallback);
      } else {
        fallback();
      }
    });
  }

  function init(root) {
    root.querySelectorAll("select[data-picker]:not([data-picker-ready])").forEach(function (select) {
      select.setAttribute("data-picker-ready", "");
      if (select.dataset.pickerMode === "search") {
        if (select.multiple) initMulti(select);
        else initSearch(select);
      }
      initDepends(select);
    });
    root.querySelectorAll("[data-copy]:not([data-copy-ready])").forEach(function (button) {
      button.setAttribute("data-copy-ready", "");
      initCopy(button);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.detail.elt); });
})();
