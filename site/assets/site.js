// tsnb site client script (plain browser JavaScript, no build step). Two main jobs:
// 1. Charts: each <figure class="plot"> holds a build-time SVG and the JSON spec it was
//    drawn from; redraw it with the bundled Observable Plot, adding pointer tooltips (tip).
//    Without JavaScript, or if the redraw fails, the static SVG stays.
// 2. Search: on first use load MiniSearch and the prebuilt index (as scripts, so it works
//    from file://) and list matching pages/sections as relative links.
(function () {
  "use strict";
  var root = document.documentElement.getAttribute("data-root") || ".";

  // Marks whose points a reader may want to inspect; rules, grids, frames and text get no tip.
  var TIP_MARKS =
    /^(line|dot|bar|area|rect|cell|tick|link|arrow|hexagon|circle|spike|vector|waffle)/;

  function isPlain(value) {
    return (
      value !== null &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      !("$plot" in value) &&
      !("$date" in value) &&
      !("$object" in value)
    );
  }

  function eachMark(marks, visit) {
    (Array.isArray(marks) ? marks : []).forEach(function (mark) {
      if (Array.isArray(mark)) eachMark(mark, visit);
      else if (
        mark &&
        typeof mark === "object" &&
        typeof mark.$plot === "string" &&
        Array.isArray(mark.args)
      )
        visit(mark);
    });
  }

  // Edits the JSON spec before it is revived (plot-spec.ts format, version 1): unless the author already placed a tip, the first data mark gets `tip: true` (one tip per
  // chart; two marks over the same points would show two boxes). Faceting needs nothing here:
  // the encoder marks the marks that share the facet data (plot-record.ts).
  function prepareSpec(spec) {
    var options = spec.options || {};
    var hasTip = false;
    var candidates = [];
    eachMark(options.marks, function (mark) {
      var markOptions = mark.args[1];
      // `Plot.lineY(data)`: give it an options object (only for data marks: `gridX(options)`
      // must keep a single argument, Plot reads the argument count)
      if (mark.args.length === 1 && Array.isArray(mark.args[0]) && TIP_MARKS.test(mark.$plot))
        markOptions = mark.args[1] = {};
      if (isPlain(markOptions) && markOptions.tip !== undefined) hasTip = true;
      if (isPlain(markOptions) && TIP_MARKS.test(mark.$plot)) candidates.push(markOptions);
    });
    if (!hasTip && candidates.length > 0) candidates[0].tip = true;
    return spec;
  }

  function hydrateCharts() {
    var Plot = window.Plot;
    var codec = window.tsnbPlotSpec;
    if (!Plot || typeof Plot.plot !== "function" || !codec) return;
    var figures = document.querySelectorAll("figure.plot");
    for (var i = 0; i < figures.length; i++) {
      var figure = figures[i];
      var script = figure.querySelector("script.plot-spec");
      var target = figure.querySelector(".plot-static");
      if (!script || !target) continue;
      try {
        var spec = JSON.parse(script.textContent);
        // a spec with omitted parts (user functions, huge data) cannot be redrawn faithfully
        if (!spec || spec.version !== 1 || !spec.redrawable) continue;
        var chart = codec.redrawPlot(spec.call === "plot" ? prepareSpec(spec) : spec, Plot);
        var label = figure.getAttribute("aria-label");
        var svg =
          chart.tagName.toLowerCase() === "svg"
            ? chart
            : chart.querySelector(":scope > svg:last-of-type") || chart.querySelector("svg");
        if (svg && label && !svg.getAttribute("aria-label")) {
          svg.setAttribute("role", "img");
          svg.setAttribute("aria-label", label);
        }
        target.replaceChildren(chart);
        figure.setAttribute("data-interactive", "true");
      } catch (error) {
        // keep the static figure; say why in the console for the author
        console.warn("tsnb: chart " + (i + 1) + " kept static: " + error.message);
      }
    }
  }

  // --- search -------------------------------------------------------------------------
  var search = null;
  var loading = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement("script");
      el.src = src;
      el.onload = resolve;
      el.onerror = function () {
        reject(new Error("cannot load " + src));
      };
      document.head.appendChild(el);
    });
  }

  function loadSearch() {
    if (!loading) {
      loading = loadScript(root + "/assets/minisearch.js")
        .then(function () {
          return loadScript(root + "/assets/search-index.js");
        })
        .then(function () {
          search = window.MiniSearch.loadJSON(window.tsnbSearchIndex, window.tsnbSearchOptions);
          return search;
        });
    }
    return loading;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function showResults(box, query) {
    if (!query.trim()) {
      box.innerHTML = "";
      return;
    }
    var hits = search.search(query, { prefix: true, fuzzy: 0.2, boost: { title: 2 } }).slice(0, 8);
    if (hits.length === 0) {
      box.innerHTML = "<p>No results for “" + escapeHtml(query) + "”.</p>";
      return;
    }
    box.innerHTML =
      "<ol>" +
      hits
        .map(function (hit) {
          return (
            '<li><a href="' +
            escapeHtml(root + "/" + hit.url) +
            '"><span class="result-title">' +
            escapeHtml(hit.title) +
            '</span><span class="result-excerpt">' +
            escapeHtml(hit.excerpt || "") +
            "</span></a></li>"
          );
        })
        .join("") +
      "</ol>";
  }

  function setUpSearch() {
    var input = document.getElementById("search-input");
    var box = document.getElementById("search-results");
    if (!input || !box) return;
    var update = function () {
      loadSearch().then(
        function () {
          showResults(box, input.value);
        },
        function (error) {
          box.innerHTML = "<p>Search is unavailable: " + escapeHtml(error.message) + "</p>";
        },
      );
    };
    input.addEventListener("focus", function () {
      loadSearch().catch(function () {});
    });
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        input.value = "";
        box.innerHTML = "";
      }
      if (event.key === "Enter") {
        var first = box.querySelector("a");
        if (first) first.click();
      }
    });
    document.addEventListener("click", function (event) {
      if (!box.contains(event.target) && event.target !== input) box.innerHTML = "";
    });
  }

  // The contents list is open in the HTML; on a phone it would fill the first screen.
  function foldTocOnNarrowScreens() {
    var toc = document.querySelector("details.toc-details");
    if (toc && window.matchMedia && window.matchMedia("(max-width: 63.99rem)").matches)
      toc.open = false;
  }

  function start() {
    foldTocOnNarrowScreens();
    hydrateCharts();
    setUpSearch();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
