// The Annotator's front end. It draws the article and reports what the learner does;
// the Python side decides (snaps to words, validates, saves) and sends back `spans`.
// Offsets sent to Python are code-point offsets: the browser counts UTF-16 units, so
// every text piece carries its code-point start and lengths are counted with Array.from.

const cpLength = (s) => Array.from(s).length;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function render({ model, el: host }) {
  const chars = Array.from(model.get("text"));
  const root = el("div", "mla-root");
  root.tabIndex = 0;
  root.setAttribute("data-lm-suppress-shortcuts", "true"); // keep JupyterLab's m, a, b… out
  root.setAttribute("role", "group");
  root.setAttribute(
    "aria-label",
    `Annotator for article ${model.get("article_id")}. Select words, then press a label's number. ` +
      "Keyboard: arrow keys move between words, Shift+arrows extend, Delete removes, Ctrl+Z undoes."
  );
  host.appendChild(root);

  const nameRow = el("div", "mla-name");
  const toolbar = el("div", "mla-toolbar");
  const legend = el("div", "mla-legend");
  const editor = el("div", "mla-editor");
  const textBox = el("div", "mla-text");
  const status = el("div", "mla-status");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const reviewBox = el("div", "mla-review");
  root.append(nameRow, toolbar, legend, editor, textBox, status, reviewBox);

  let cursor = null; // keyboard selection: [anchorWord, focusWord]
  let editing = null; // index of the span being edited

  // --- name prompt ---------------------------------------------------------------------
  function drawName() {
    nameRow.replaceChildren();
    if (model.get("learner")) {
      nameRow.append(el("span", "mla-who", `Saving as ${model.get("learner")}`));
      return;
    }
    const label = el("label", "", "Your name (used to save your work): ");
    const input = el("input");
    input.type = "text";
    input.className = "mla-name-input";
    const save = el("button", "mla-button", "Save name");
    save.type = "button";
    const submit = () => {
      if (input.value.trim()) {
        model.set("learner", input.value.trim());
        model.save_changes();
      }
    };
    save.addEventListener("click", submit);
    input.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter") submit();
    });
    label.append(input);
    nameRow.append(label, save);
  }

  // --- toolbar and legend ----------------------------------------------------------------
  function labelStyle(node, label) {
    node.style.setProperty("--mla-colour", label.colour);
    node.style.setProperty("--mla-line", label.line);
  }

  function drawToolbar() {
    toolbar.replaceChildren();
    legend.replaceChildren(el("span", "mla-legend-title", "Labels: "));
    model.get("labels").forEach((label) => {
      const button = el("button", "mla-button mla-label-button");
      button.type = "button";
      button.dataset.label = label.name;
      button.append(el("kbd", "", label.key), ` ${label.name}`);
      button.title = `Mark the selected words as “${label.name}” (key ${label.key})`;
      labelStyle(button, label);
      // mousedown would clear the text selection before click: keep it.
      button.addEventListener("mousedown", (e) => e.preventDefault());
      button.addEventListener("click", () => applyLabel(label.name));
      toolbar.append(button);
      const sample = el("span", "mla-sample", label.name);
      labelStyle(sample, label);
      legend.append(sample, ` (${label.line} line) `);
    });
    const undo = el("button", "mla-button mla-undo", "Undo");
    undo.type = "button";
    undo.title = "Undo the last change (Ctrl+Z)";
    undo.addEventListener("mousedown", (e) => e.preventDefault());
    undo.addEventListener("click", () => model.send({ type: "undo" }));
    toolbar.append(undo);
    const missed = el("span", "mla-sample mla-missed", "missed");
    const extra = el("span", "mla-sample mla-extra", "not in key");
    legend.append(" After a comparison: ", missed, " ", extra);
  }

  // --- selection → offsets ---------------------------------------------------------------
  function pointOffset(container, offset) {
    let node = container;
    if (node.nodeType === Node.ELEMENT_NODE) {
      const child = node.childNodes[offset];
      if (child && child.nodeType === Node.ELEMENT_NODE) {
        const piece = child.closest(".mla-piece") || child.querySelector(".mla-piece");
        if (piece) return Number(piece.dataset.start);
      }
      const piece = node.closest(".mla-piece");
      if (piece) return Number(piece.dataset.start) + cpLength(piece.textContent);
      return null;
    }
    const piece = node.parentElement && node.parentElement.closest(".mla-piece");
    if (!piece) return null;
    return Number(piece.dataset.start) + cpLength(node.data.slice(0, offset));
  }

  function currentSelection() {
    if (cursor) {
      const words = model.get("words");
      const [a, b] = [Math.min(...cursor), Math.max(...cursor)];
      return [words[a][0], words[b][1]];
    }
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!textBox.contains(range.commonAncestorContainer)) return null;
    const start = pointOffset(range.startContainer, range.startOffset);
    const end = pointOffset(range.endContainer, range.endOffset);
    if (start === null || end === null || start === end) return null;
    return [Math.min(start, end), Math.max(start, end)];
  }

  function applyLabel(name) {
    const picked = currentSelection();
    if (!picked) {
      status.textContent = "Select some words first (with the mouse, or arrow keys here).";
      return;
    }
    root.dataset.sentAt = String(performance.now());
    model.send({ type: "add", start: picked[0], end: picked[1], label: name });
    window.getSelection()?.removeAllRanges();
    cursor = null;
  }

  // --- drawing the text --------------------------------------------------------------------
  function drawText() {
    const spans = model.get("spans");
    const review = model.get("review");
    const labels = Object.fromEntries(model.get("labels").map((l) => [l.name, l]));
    const words = model.get("words");
    const chosen = cursor
      ? [words[Math.min(...cursor)][0], words[Math.max(...cursor)][1]]
      : null;
    textBox.replaceChildren();
    for (const [pStart, pEnd, number, kind] of model.get("paragraphs")) {
      const para = el(kind === "heading" ? "h4" : "p", "mla-paragraph");
      const num = el("span", "mla-pnum", `¶${number}`);
      num.setAttribute("aria-hidden", "true");
      para.append(num);
      const cuts = new Set([pStart, pEnd]);
      for (const s of [...spans, ...review]) {
        if (s.end > pStart && s.start < pEnd) {
          cuts.add(Math.max(s.start, pStart));
          cuts.add(Math.min(s.end, pEnd));
        }
      }
      if (chosen && chosen[1] > pStart && chosen[0] < pEnd) {
        cuts.add(Math.max(chosen[0], pStart));
        cuts.add(Math.min(chosen[1], pEnd));
      }
      const points = [...cuts].sort((a, b) => a - b);
      for (let i = 0; i < points.length - 1; i++) {
        const [a, b] = [points[i], points[i + 1]];
        const piece = el("span", "mla-piece", chars.slice(a, b).join(""));
        piece.dataset.start = String(a);
        const covering = spans
          .map((s, index) => ({ ...s, index }))
          .filter((s) => s.start <= a && s.end >= b)
          .sort((x, y) => x.end - x.start - (y.end - y.start));
        if (covering.length) {
          const top = covering[0];
          piece.classList.add("mla-span");
          piece.dataset.index = String(top.index);
          piece.dataset.label = top.label;
          if (labels[top.label]) labelStyle(piece, labels[top.label]);
          piece.title = covering
            .map((s) => s.label + (s.note ? ` — note: ${s.note}` : ""))
            .join("; ");
          piece.addEventListener("click", () => {
            if (!window.getSelection()?.isCollapsed) return;
            editing = top.index;
            drawEditor();
          });
        }
        for (const r of review) {
          if (r.start <= a && r.end >= b) {
            piece.classList.add(r.kind === "missed" ? "mla-missed" : "mla-extra");
            piece.title =
              (piece.title ? piece.title + "; " : "") +
              `${r.kind === "missed" ? "missed" : "not in the key"} (${r.label}): ${r.explanation}`;
          }
        }
        if (chosen && a >= chosen[0] && b <= chosen[1]) piece.classList.add("mla-cursor");
        para.append(piece);
      }
      textBox.append(para);
    }
    root.dataset.spanCount = String(spans.length);
    root.dataset.renderedAt = String(performance.now());
  }

  function drawEditor() {
    editor.replaceChildren();
    const spans = model.get("spans");
    if (editing === null || !spans[editing]) {
      editing = null;
      return;
    }
    const span = spans[editing];
    editor.append(el("span", "mla-editing", `“${span.text}” is marked as ${span.label}. `));
    model.get("labels").forEach((label) => {
      if (label.name === span.label) return;
      const b = el("button", "mla-button", `Make it ${label.name}`);
      b.type = "button";
      b.addEventListener("click", () => model.send({ type: "relabel", index: editing, label: label.name }));
      editor.append(b);
    });
    const remove = el("button", "mla-button", "Remove");
    remove.type = "button";
    remove.addEventListener("click", () => {
      model.send({ type: "remove", index: editing });
      editing = null;
    });
    const note = el("input", "mla-note");
    note.type = "text";
    note.placeholder = "Add a note (why?)";
    note.value = span.note || "";
    note.setAttribute("aria-label", "Note for this span");
    note.addEventListener("keydown", (e) => e.stopPropagation());
    const keep = el("button", "mla-button", "Save note");
    keep.type = "button";
    keep.addEventListener("click", () => model.send({ type: "note", index: editing, note: note.value }));
    const close = el("button", "mla-button", "Close");
    close.type = "button";
    close.addEventListener("click", () => {
      editing = null;
      drawEditor();
    });
    editor.append(remove, note, keep, close);
  }

  function drawReview() {
    reviewBox.replaceChildren();
    const review = model.get("review");
    if (!review.length) return;
    reviewBox.append(el("h4", "", "Compared with the key"));
    const list = el("ul");
    for (const r of review) {
      const text = chars.slice(r.start, r.end).join("");
      list.append(
        el("li", "", `${r.kind === "missed" ? "Missed" : "Not in the key"} (${r.label}): “${text}” — ${r.explanation}`)
      );
    }
    reviewBox.append(list);
  }

  // --- keyboard ------------------------------------------------------------------------------
  root.addEventListener("keydown", (event) => {
    const words = model.get("words");
    const labels = model.get("labels");
    const byKey = labels.find((l) => l.key === event.key);
    if (byKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      applyLabel(byKey.name);
      return;
    }
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "z") {
      event.preventDefault();
      model.send({ type: "undo" });
      return;
    }
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      event.preventDefault();
      const step = event.key === "ArrowRight" ? 1 : -1;
      if (!cursor) cursor = [0, 0];
      else {
        const focus = Math.min(words.length - 1, Math.max(0, cursor[1] + step));
        cursor = event.shiftKey ? [cursor[0], focus] : [focus, focus];
      }
      drawText();
      const [a, b] = [Math.min(...cursor), Math.max(...cursor)];
      status.textContent = `Selected: ${chars.slice(words[a][0], words[b][1]).join("")}`;
      return;
    }
    if ((event.key === "Delete" || event.key === "Backspace") && cursor) {
      event.preventDefault();
      const at = words[cursor[1]][0];
      const index = model.get("spans").findIndex((s) => s.start <= at && s.end > at);
      if (index >= 0) model.send({ type: "remove", index });
      return;
    }
    if (event.key === "Escape") {
      cursor = null;
      editing = null;
      drawText();
      drawEditor();
    }
  });

  // --- wiring ---------------------------------------------------------------------------------
  const redraw = () => {
    drawText();
    drawEditor();
    drawReview();
  };
  model.on("change:spans", redraw);
  model.on("change:review", redraw);
  model.on("change:learner", drawName);
  model.on("change:status", () => {
    status.textContent = model.get("status");
  });
  drawName();
  drawToolbar();
  redraw();
  status.textContent = model.get("status");
  return () => {
    model.off("change:spans", redraw);
    model.off("change:review", redraw);
    model.off("change:learner", drawName);
  };
}

export default { render };
