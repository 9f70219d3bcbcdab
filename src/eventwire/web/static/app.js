// eventwire dashboard: the little JavaScript it needs. Click a header of a table of class
// "sortable" to sort its rows by that column (numbers as numbers); click again to reverse.
"use strict";

function cellValue(row, index) {
  const text = row.cells[index] ? row.cells[index].textContent.trim() : "";
  const number = Number(text.replace(/[%+,]/g, ""));
  return text !== "" && text !== "–" && !Number.isNaN(number) ? number : text.toLowerCase();
}

function sortTable(table, index) {
  const body = table.tBodies[0];
  if (!body) return;
  const ascending = table.dataset.sortColumn === String(index) && table.dataset.sortOrder !== "asc";
  const rows = Array.from(body.rows);
  rows.sort((a, b) => {
    const x = cellValue(a, index);
    const y = cellValue(b, index);
    const order = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : typeof x === "number" ? -1 : 1;
    return ascending ? order : -order;
  });
  rows.forEach((row) => body.appendChild(row));
  table.dataset.sortColumn = String(index);
  table.dataset.sortOrder = ascending ? "asc" : "desc";
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("table.sortable").forEach((table) => {
    Array.from(table.tHead ? table.tHead.rows[0].cells : []).forEach((cell, index) => {
      cell.addEventListener("click", () => sortTable(table, index));
    });
  });
});
