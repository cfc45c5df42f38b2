// The home page's one table of every authority: sort by any column (a button in each heading, so
// the keyboard reaches it; the heading's aria-sort and a live status line tell a screen reader the
// order), and show only the authorities with one latest judgement, in one region, or both.
// Without JavaScript the table is complete, in the order of the site.
// Nothing here reads markup: values come from the cells' text and data-value attributes.
(function () {
  "use strict";
  var table = document.querySelector("#authorities-table + .table-wrap table");
  var tools = document.getElementById("standings-tools");
  var selects = tools ? Array.prototype.slice.call(tools.querySelectorAll("select[data-filter]")) : [];
  var status = document.getElementById("standings-status");
  if (!table || !tools || !selects.length || !status) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);

  function value(row, column) {
    var cell = row.cells[column];
    var marked = cell.querySelector("[data-value]");
    var raw = marked ? marked.getAttribute("data-value") : cell.textContent.trim();
    var number = parseFloat(raw);
    return raw === "" ? null : (isNaN(number) ? raw.toLowerCase() : number);
  }

  function sortBy(column, button) {
    var header = button.parentNode;
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = value(a, column), y = value(b, column);
      if (x === null || y === null) return x === y ? 0 : (x === null ? 1 : -1);  // no value: always last
      var order = x < y ? -1 : (x > y ? 1 : 0);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    status.textContent = "Sorted by " + button.textContent + (ascending ? ", ascending." : ", descending.");
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    button.textContent = cell.textContent;
    button.addEventListener("click", function () { sortBy(column, button); });
    cell.textContent = "";
    cell.appendChild(button);
  });

  function filter() {
    var shown = 0;
    rows.forEach(function (row) {
      var keep = selects.every(function (select) {
        var mark = row.querySelector("[data-" + select.getAttribute("data-filter") + "]");
        return !select.value || (mark && mark.getAttribute("data-" + select.getAttribute("data-filter")) === select.value);
      });
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    status.textContent = shown + (shown === 1 ? " authority" : " authorities") + " shown.";
  }
  selects.forEach(function (select) { select.addEventListener("change", filter); });
  tools.hidden = false;
})();
