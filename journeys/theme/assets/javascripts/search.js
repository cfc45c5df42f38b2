// The search page: asks the Pagefind index of this site (in /pagefind/, shipped with the site)
// and lists the results. Every piece of a result is inserted as text, except Pagefind's <mark>
// highlights, which are rebuilt as elements: nothing from the index is parsed as HTML.
(function () {
  "use strict";
  var form = document.querySelector("form.search-page");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !status || !list) return;

  // The search page is <site>/search/, so the site's root is one level up, wherever it is hosted.
  var root = new URL("../", window.location.href);

  function excerpt(html) {
    // Pagefind marks matches with <mark>; keep those, everything else becomes plain text.
    var fragment = document.createDocumentFragment();
    var parts = String(html).split(/(<mark>|<\/mark>)/);
    var marking = false;
    var scratch = document.createElement("textarea");
    parts.forEach(function (part) {
      if (part === "<mark>") { marking = true; return; }
      if (part === "</mark>") { marking = false; return; }
      scratch.innerHTML = part;            // a textarea decodes entities without running markup
      var text = document.createTextNode(scratch.value);
      if (marking) {
        var mark = document.createElement("mark");
        mark.appendChild(text);
        fragment.appendChild(mark);
      } else {
        fragment.appendChild(text);
      }
    });
    return fragment;
  }

  function sameSite(url) {
    // Result addresses come from the site's own file paths; refuse anything else.
    var resolved = new URL(String(url).replace(/^\//, ""), root);
    return resolved.origin === root.origin && resolved.pathname.indexOf(root.pathname) === 0 ? resolved : null;
  }

  function show(results, query) {
    list.textContent = "";
    results.forEach(function (data) {
      var target = sameSite(data.url);
      if (!target) return;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.className = "search-result-title";
      link.href = target.href;
      link.textContent = (data.meta && data.meta.title) || target.pathname;
      item.appendChild(link);
      // The page's key fact (an indicator's latest figure against its target), when it has one.
      var fact = data.meta && data.meta.fact;
      if (fact) {
        var said = document.createElement("p");
        said.className = "search-result-fact";
        said.textContent = fact;
        item.appendChild(said);
      }
      // The matched words in context: the best-matching section's excerpt when Pagefind found
      // the words under a heading, else the page's.
      var section = (data.sub_results || []).find(function (sub) { return sub.locations && sub.locations.length; });
      var summary = document.createElement("p");
      summary.className = "search-result-excerpt";
      summary.appendChild(excerpt((section && section.excerpt) || data.excerpt || ""));
      item.appendChild(summary);
      list.appendChild(item);
    });
    var count = list.children.length;
    status.textContent = count === 0 ? "No pages found for \u201c" + query + "\u201d."
      : count + (count === 1 ? " page" : " pages") + " found for \u201c" + query + "\u201d.";
  }

  async function search(query) {
    if (!query) { status.textContent = ""; list.textContent = ""; return; }
    status.textContent = "Searching\u2026";
    try {
      var pagefind = await import(new URL("pagefind/pagefind.js", root).href);
      await pagefind.options({ baseUrl: root.pathname });
      var found = await pagefind.search(query);
      var data = await Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); }));
      show(data, query);
    } catch (error) {
      status.textContent = "Search is not available: the search index could not be loaded.";
    }
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  search(query.trim());
})();
