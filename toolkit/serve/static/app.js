// The article desk: one /v1/pipeline call, then the repair diff and the briefs.
"use strict";
const $ = (id) => document.getElementById(id);
const texts = {};

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

// The repaired text as a diff of the original: each edit <del>before</del><ins>after</ins>.
function renderRepair(source, edits, flags) {
  const box = $("repaired");
  box.replaceChildren();
  let pos = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    box.append(source.slice(pos, e.start));
    const del = el("del", e.before); del.title = e.rule;
    const ins = el("ins", e.after); ins.title = e.rule;
    box.append(del, ins);
    pos = e.end;
  }
  box.append(source.slice(pos));
  const list = $("changes");
  list.replaceChildren();
  for (const e of edits) {
    list.append(el("li", `edit (${e.rule}): "${e.before}" → "${e.after}": ${e.why}`));
  }
  for (const f of flags) list.append(el("li", `flag (${f.rule}): "${f.text}": ${f.reason}`, "warning"));
  if (!edits.length && !flags.length) list.append(el("li", "no edits, no flags"));
}

function renderBriefs(briefs) {
  const box = $("briefs");
  box.replaceChildren();
  for (const b of briefs) {
    const card = el("div", undefined, "brief");
    card.dataset.lang = b.lang;
    card.append(el("h3", b.lang));
    if (b.produced ?? b.ok) {  // ok: produced and fact checks passed
      const name = `brief-${b.lang}`;
      texts[name] = b.text;
      const body = el("p", b.text, "brief-text");
      const row = el("div", undefined, "row");
      const copy = el("button", "Copy"); copy.dataset.copy = name;
      const down = el("button", "Download"); down.dataset.download = name;
      row.append(copy, down);
      card.append(body, row);
      const warnings = el("ul");
      for (const w of b.warnings) warnings.append(el("li", `${w.kind}: ${w.message}`, "warning"));
      card.append(warnings);
    } else {
      card.append(el("p", `not available: ${b.error}${b.hint ? " (" + b.hint + ")" : ""}`, "error"));
    }
    box.append(card);
  }
}

async function run() {
  const text = $("article").value;
  $("status").textContent = "working…";
  try {
    const response = await fetch("/v1/pipeline", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text, to: $("langs").value }),
    });
    const data = await response.json();
    if (!response.ok) throw new Error(data.error || response.statusText);
    const d = data.detection;
    $("language").textContent =
      `Language: ${d.lang} (confidence ${(d.confidence * 100).toFixed(1)}%)`;
    texts.repaired = data.repair.text;
    renderRepair(text, data.repair.edits, data.repair.flags);
    renderBriefs(data.briefs);
    $("result").hidden = false;
    $("status").textContent = data.partial ? "done (some briefs missing)" : "done";
  } catch (err) {
    $("status").textContent = `error: ${err.message}`;
  }
}

document.addEventListener("click", (event) => {
  const copy = event.target.dataset.copy;
  const download = event.target.dataset.download;
  if (copy) navigator.clipboard.writeText(texts[copy] || "");
  if (download) {
    const link = el("a");
    link.href = URL.createObjectURL(new Blob([texts[download] || ""], { type: "text/plain" }));
    link.download = `${download}.txt`;
    link.click();
  }
});
$("upload").addEventListener("change", async (event) => {
  const file = event.target.files[0];
  if (file) $("article").value = await file.text();
});
$("run").addEventListener("click", run);
