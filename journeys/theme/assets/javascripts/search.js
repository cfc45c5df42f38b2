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

  // Results are shown a page at a time; a button after the list loads the next, and says how many.
  var PAGE = 20;
  var more = document.createElement("button");
  more.type = "button";
  more.id = "search-more";
  more.className = "md-button";
  more.hidden = true;
  list.insertAdjacentElement("afterend", more);
  var found = [], query = "", shown = 0;

  function item(data) {
    var target = sameSite(data.url);
    if (!target) return null;
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
    return item;
  }

  function pages(count) { return count + (count === 1 ? " page" : " pages"); }

  function say() {
    var quoted = "\u201c" + query + "\u201d";
    if (found.length === 0) {
      status.textContent = "No pages found for " + quoted + ".";
    } else if (shown >= found.length) {
      status.textContent = pages(found.length) + " found for " + quoted + (found.length > PAGE ? "; showing all." : ".");
    } else {
      status.textContent = pages(found.length) + " found for " + quoted + "; showing 1 to " + shown + ".";
    }
    var left = found.length - shown;
    more.hidden = left <= 0;
    more.textContent = "Show " + Math.min(PAGE, left) + " more results (of " + left + " not shown)";
  }

  // The next page of results after those shown. With `focus`, the first new result takes the focus,
  // so a keyboard user carries on reading where the new results begin.
  async function showMore(focus) {
    more.disabled = true;
    var next = found.slice(shown, shown + PAGE);
    var data = await Promise.all(next.map(function (result) { return result.data(); }));
    var first = null;
    data.forEach(function (one) {
      var made = item(one);
      if (made) { list.appendChild(made); first = first || made; }
    });
    shown += next.length;
    more.disabled = false;
    say();
    if (focus && first) first.querySelector("a").focus();
  }

  more.addEventListener("click", function () { showMore(true); });

  async function search(asked) {
    query = asked;
    list.textContent = "";
    found = [];
    shown = 0;
    more.hidden = true;
    if (!query) { status.textContent = ""; return; }
    status.textContent = "Searching\u2026";
    try {
      var pagefind = await import(new URL("pagefind/pagefind.js", root).href);
      await pagefind.options({ baseUrl: root.pathname });
      found = (await pagefind.search(query)).results;
      await showMore(false);
    } catch (error) {
      status.textContent = "Search is not available: the search index could not be loaded.";
    }
  }

  var asked = new URLSearchParams(window.location.search).get("q") || "";
  input.value = asked;
  search(asked.trim());
})();
