"""Static parts of report.html: the stylesheet and the filter script.

Both are fixed strings with no data in them: every value from results.json is rendered into
escaped HTML by `alignment.eval.report`, never into these. The page's Content-Security-Policy
allows exactly these two blocks (by sha256), so even a value that escaped escaping could not
run a script or an inline event handler.

The script filters the per-prompt items by text (anywhere in the item), task, and verdict
(one verdict, or "models disagree"); it reads only attributes the renderer wrote
(`data-task`, `data-verdict`, `data-disagree`) and sets `data-filter-ready` on <body> so a
browser test can see that it ran.
"""

CSS = """
:root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --best: #dafbe1; --base: #f6f8fa; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg);
       margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 4rem; }
h1 { margin-bottom: 0.2rem; }
h2 { border-bottom: 1px solid var(--line); padding-bottom: 0.2rem; margin-top: 2rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dl.meta dt { font-weight: 600; color: var(--muted); }
dl.meta dd { margin: 0; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: var(--base); }
td.value { font-variant-numeric: tabular-nums; white-space: nowrap; }
td.best { background: var(--best); font-weight: 600; }
td.diff-better { background: var(--best); }
td.diff-worse { background: #ffebe9; }
.verdict-text { color: var(--muted); font-size: 0.9em; }
.small-n-note { font-size: 0.9em; }
.baseline { font-style: italic; }
.muted, caption { color: var(--muted); }
caption { caption-side: bottom; text-align: left; font-size: 0.9em; padding-top: 0.3rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
figure { display: inline-block; margin: 0.5rem 1rem 1rem 0; vertical-align: top; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--line); }
figcaption { color: var(--muted); font-size: 0.9em; }
.filters { position: sticky; top: 0; background: #fff; padding: 0.5rem 0; border-bottom: 1px solid var(--line);
           display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; z-index: 1; }
.filters input[type=search] { min-width: 18rem; }
details.item { border: 1px solid var(--line); border-radius: 4px; margin: 0.4rem 0; padding: 0.3rem 0.6rem; }
details.item > summary { cursor: pointer; }
.item-id { font-family: ui-monospace, monospace; }
.category { color: var(--muted); }
.verdict { display: inline-block; border-radius: 3px; padding: 0 0.35rem; margin-left: 0.3rem;
           background: var(--base); border: 1px solid var(--line); font-size: 0.85em; }
.answers { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 0.6rem; }
.answer h4 { margin: 0.4rem 0 0.2rem; }
pre { white-space: pre-wrap; word-break: break-word; background: var(--base); padding: 0.5rem;
      border-radius: 4px; margin: 0.2rem 0; font-size: 0.9em; }
"""

JS = """
(function () {
  "use strict";
  var text = document.getElementById("filter-text");
  var task = document.getElementById("filter-task");
  var verdict = document.getElementById("filter-verdict");
  var count = document.getElementById("filter-count");
  if (!text || !task || !verdict || !count) {
    document.body.setAttribute("data-filter-ready", "1");
    return;
  }
  var items = Array.prototype.slice.call(document.querySelectorAll("details.item"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.task-items"));
  var haystacks = items.map(function (item) { return item.textContent.toLowerCase(); });
  var verdicts = items.map(function (item) {
    return Array.prototype.map.call(item.querySelectorAll("[data-verdict]"), function (el) {
      return el.getAttribute("data-verdict");
    });
  });
  function matches(i, needle, wantTask, wantVerdict) {
    var item = items[i];
    if (wantTask && item.getAttribute("data-task") !== wantTask) { return false; }
    if (needle && haystacks[i].indexOf(needle) < 0) { return false; }
    if (wantVerdict === "__disagree__") { return item.getAttribute("data-disagree") === "1"; }
    if (wantVerdict) { return verdicts[i].indexOf(wantVerdict) >= 0; }
    return true;
  }
  function apply() {
    var needle = text.value.trim().toLowerCase();
    var shown = 0;
    items.forEach(function (item, i) {
      var ok = matches(i, needle, task.value, verdict.value);
      item.hidden = !ok;
      if (ok) { shown += 1; }
    });
    sections.forEach(function (section) {
      section.hidden = section.querySelector("details.item:not([hidden])") === null;
    });
    count.textContent = shown + " of " + items.length + " items shown";
  }
  text.addEventListener("input", apply);
  task.addEventListener("change", apply);
  verdict.addEventListener("change", apply);
  apply();
  document.body.setAttribute("data-filter-ready", "1");
})();
"""
