// The Annotator's front end. It draws the article and reports what the learner does;
// the Python side decides (snaps to words, validates, saves) and sends back `spans`.
//
// Keyboard first: a word cursor that stays where it was after labelling, moved by word
// (←/→), sentence (↑/↓), paragraph (PgUp/PgDn, Ctrl+↑/↓), Home/End (paragraph) and
// Ctrl+Home/End (article); Shift extends. A click places the cursor; a mouse drag
// becomes the cursor's selection. Marked spans are Tab stops in reading order; Enter
// opens the editor (relabel, note, remove). Offsets sent to Python are code points:
// the browser counts UTF-16 units, so every drawn piece carries its code-point start.

const cpLength = (s) => Array.from(s).length;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// First index in sorted `items` whose [start, end) ends after `offset`.
function indexAt(items, offset) {
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid][1] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const HELP =
  "Keys: ←/→ word, ↑/↓ sentence, PgUp/PgDn paragraph, Home/End start/end of paragraph, " +
  "Ctrl+Home/End start/end of article, Shift extends, a number key labels, " +
  "Tab goes to the next mark and Enter edits it, Delete removes, Ctrl+Z undoes, Esc closes.";

// The Python side prints "Run this cell to show the Annotator." just before the widget, for a
// notebook reopened without its kernel. JupyterLab and Notebook 7 hide it with a CSS rule while
// the widget lives; elsewhere the widget hides it, in the smallest container holding this widget
// and one such note (never a note that belongs to another cell).
function hideReopenNote(host) {
  if (host.closest(".jp-OutputArea")) return;
  let node = host.parentElement;
  for (let depth = 0; node && depth < 8; depth++, node = node.parentElement) {
    const notes = node.querySelectorAll(".mla-placeholder");
    if (!notes.length) continue;
    if (notes.length === 1 && node.querySelectorAll(".mla-root").length === 1) {
      notes[0].style.display = "none";
    }
    return;
  }
}

function render({ model, el: host }) {
  const chars = Array.from(model.get("text"));
  const words = model.get("words");
  const paragraphs = model.get("paragraphs");
  const sentences = model.get("sentences").length ? model.get("sentences") : paragraphs;
  const slice = (a, b) => chars.slice(a, b).join("");
  // which paragraph (index) and sentence (index) each word is in
  const wordParagraph = words.map(([s]) => indexAt(paragraphs, s));
  const wordSentence = words.map(([s]) => indexAt(sentences, s));
  const firstWordOf = (start) => Math.min(words.length - 1, indexAt(words, start));

  const root = el("div", "mla-root");
  root.tabIndex = 0;
  root.setAttribute("data-lm-suppress-shortcuts", "true"); // keep JupyterLab's m, a, b… out
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", `Annotator for article ${model.get("article_id")}`);
  host.appendChild(root);
  hideReopenNote(host);

  const nameRow = el("div", "mla-name");
  const toolbar = el("div", "mla-toolbar");
  const help = el("p", "mla-help", HELP);
  help.id = `mla-help-${Math.random().toString(36).slice(2)}`;
  root.setAttribute("aria-describedby", help.id);
  const legend = el("div", "mla-legend");
  const status = el("div", "mla-status");
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  const textBox = el("div", "mla-text");
  const editor = el("div", "mla-editor");
  editor.setAttribute("role", "group");
  editor.setAttribute("aria-label", "Edit the mark");
  const reviewBox = el("div", "mla-review");
  root.append(nameRow, toolbar, help, legend, status, textBox, reviewBox);

  // The keyboard cursor: a range of words [anchor, focus]; shown after the first key or click.
  const cursor = { anchor: 0, focus: 0, shown: false };
  let editingWord = null; // the editor shows the marks covering this word
  let pointerDown = false;
  let redrawPending = false;
  const wordNodes = []; // the element(s) drawing each word, by word index
  const gapNodes = []; // the element(s) between word i and word i + 1

  const range = () => [Math.min(cursor.anchor, cursor.focus), Math.max(cursor.anchor, cursor.focus)];
  const say = (text) => {
    status.textContent = text;
  };

  // --- name prompt ---------------------------------------------------------------------
  function drawName() {
    nameRow.replaceChildren();
    if (model.get("learner")) {
      nameRow.append(el("span", "mla-who", `Saving as ${model.get("learner")}`));
      return;
    }
    const label = el("label", "", "Your name (used to save your work): ");
    const input = el("input", "mla-name-input");
    input.type = "text";
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
    node.dataset.line = label.line;
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
      // mousedown would move focus and clear a text selection before click: keep both.
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

  // --- mouse selection → words ---------------------------------------------------------------
  // A selection point may sit in a word, in the gap between words, on a paragraph number, on
  // a paragraph element itself or between paragraphs (a drag that ends past a line's end).
  // Every case maps to a code-point offset; only a point outside the text gives null.
  function pointOffset(container, offset, isEnd) {
    if (container.nodeType === Node.TEXT_NODE) {
      const piece = container.parentElement && container.parentElement.closest("[data-start]");
      if (piece && textBox.contains(piece)) {
        return Number(piece.dataset.start) + cpLength(container.data.slice(0, offset));
      }
    }
    if (!textBox.contains(container) && container !== textBox) return null;
    const point = document.createRange();
    point.setStart(container, offset);
    const pieces = textBox.querySelectorAll("[data-start]");
    const whole = document.createRange();
    if (isEnd) {
      for (let i = pieces.length - 1; i >= 0; i--) {
        whole.selectNodeContents(pieces[i]);
        if (whole.compareBoundaryPoints(Range.END_TO_START, point) <= 0) {
          return Number(pieces[i].dataset.start) + cpLength(pieces[i].textContent);
        }
      }
      return 0;
    }
    for (const piece of pieces) {
      whole.selectNodeContents(piece);
      if (whole.compareBoundaryPoints(Range.START_TO_START, point) >= 0) {
        return Number(piece.dataset.start);
      }
    }
    return chars.length;
  }

  function selectionToCursor() {
    if (!words.length) return false;
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0) return false;
    const picked = selection.getRangeAt(0);
    const inside = (node) => (node === textBox || textBox.contains(node)) && !editor.contains(node);
    if (!inside(picked.startContainer) && !inside(picked.endContainer)) return false;
    if (selection.isCollapsed) {
      const at = pointOffset(picked.startContainer, picked.startOffset, false);
      if (at === null || !words.length) return false;
      const word = firstWordOf(at);
      moveTo(word, false, { quiet: true });
      return "click";
    }
    let start = inside(picked.startContainer)
      ? pointOffset(picked.startContainer, picked.startOffset, false)
      : 0;
    let end = inside(picked.endContainer)
      ? pointOffset(picked.endContainer, picked.endOffset, true)
      : chars.length;
    if (start === null || end === null) return false;
    if (start > end) [start, end] = [end, start];
    const first = firstWordOf(start);
    let last = indexAt(words, Math.max(start, end - 1));
    if (words[last][0] >= end) last -= 1;
    if (last < first) return false;
    cursor.anchor = first;
    cursor.focus = last;
    cursor.shown = true;
    selection.removeAllRanges();
    showCursor(true);
    return "drag";
  }

  // --- labelling -----------------------------------------------------------------------------
  function applyLabel(name) {
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) selectionToCursor(); // a fresh selection wins
    if (!cursor.shown) {
      say("Select some words first: click a word or use the arrow keys, Shift to extend.");
      return;
    }
    const [a, b] = range();
    root.dataset.sentAt = String(performance.now());
    model.send({ type: "add", start: words[a][0], end: words[b][1], label: name });
    // the cursor stays where it was, so the next mark starts from here
  }

  // --- drawing the text --------------------------------------------------------------------
  function coveringSpans(a, b) {
    return model
      .get("spans")
      .map((s, index) => ({ ...s, index }))
      .filter((s) => s.start <= a && s.end >= b)
      .sort((x, y) => x.end - x.start - (y.end - y.start));
  }

  function fillPiece(piece, a, b) {
    // words and the gaps between them, each its own element, so the cursor is a class toggle
    let at = a;
    let w = indexAt(words, a);
    while (at < b) {
      if (w < words.length && words[w][0] <= at && words[w][1] > at) {
        const end = Math.min(words[w][1], b);
        const node = el("span", "mla-w", slice(at, end));
        node.dataset.start = String(at);
        node.dataset.w = String(w);
        (wordNodes[w] ||= []).push(node);
        piece.append(node);
        at = end;
        if (end === words[w][1]) w += 1;
      } else {
        const end = Math.min(w < words.length ? words[w][0] : b, b);
        const node = el("span", "mla-g", slice(at, end));
        node.dataset.start = String(at);
        if (w > 0) (gapNodes[w - 1] ||= []).push(node);
        piece.append(node);
        at = end;
      }
    }
  }

  // One paragraph, cut into pieces where marks begin and end; each piece holds word and gap
  // elements. `here` is the marks and review spans that touch the paragraph.
  function drawParagraph([pStart, pEnd, number, kind], here, labels) {
    const para = el(kind === "heading" ? "h4" : "p", "mla-paragraph");
    const num = el("span", "mla-pnum", `¶${number}`);
    num.setAttribute("aria-hidden", "true");
    para.append(num);
    const cuts = new Set([pStart, pEnd]);
    for (const s of here) {
      cuts.add(Math.max(s.start, pStart));
      cuts.add(Math.min(s.end, pEnd));
    }
    const review = model.get("review");
    const tabStops = new Set();
    const points = [...cuts].sort((x, y) => x - y);
    for (let i = 0; i < points.length - 1; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const piece = el("span", "mla-piece");
      const covering = coveringSpans(a, b);
      if (covering.length) {
        const top = covering[0];
        piece.classList.add("mla-span");
        piece.dataset.label = top.label;
        piece.dataset.spanStart = String(top.start);
        if (labels[top.label]) labelStyle(piece, labels[top.label]);
        const described = covering.map((s) => s.label + (s.note ? ` (note: ${s.note})` : ""));
        piece.title = described.join("; ");
        // one Tab stop per mark, where it starts, in reading order
        const starting = covering.filter((s) => s.start === a && !tabStops.has(s.index));
        if (starting.length) {
          starting.forEach((s) => tabStops.add(s.index));
          piece.tabIndex = 0;
          piece.dataset.focusKey = `span:${a}`;
          piece.setAttribute("role", "button");
          piece.setAttribute(
            "aria-label",
            `“${slice(starting[0].start, starting[0].end)}”, marked ${described.join(", ")}. ` +
              "Enter to edit."
          );
        }
      }
      for (const r of review) {
        if (r.start <= a && r.end >= b) {
          piece.classList.add(r.kind === "missed" ? "mla-missed" : "mla-extra");
          piece.title =
            (piece.title ? piece.title + "; " : "") +
            `${r.kind === "missed" ? "missed" : "not in the key"} (${r.label}): ${r.explanation}`;
        }
      }
      fillPiece(piece, a, b);
      para.append(piece);
    }
    return para;
  }

  // Only paragraphs whose marks changed are drawn again: a new mark costs one paragraph.
  const paraNodes = [];
  const paraKeys = [];
  function drawText() {
    if (pointerDown) {
      redrawPending = true; // a redraw mid-drag would drop the learner's selection
      return;
    }
    const began = performance.now();
    const hadFocus = root.contains(document.activeElement) ? focusKey(document.activeElement) : null;
    const spans = model.get("spans");
    const marks = [...spans, ...model.get("review")];
    const labels = Object.fromEntries(model.get("labels").map((l) => [l.name, l]));
    const first = !paraNodes.length;
    const drawn = document.createDocumentFragment(); // the first time: built off the page
    const changed = [];
    paragraphs.forEach((paragraph, i) => {
      const [pStart, pEnd] = paragraph;
      const here = marks.filter((s) => s.end > pStart && s.start < pEnd);
      const key = JSON.stringify(here);
      if (!first && paraKeys[i] === key) return;
      paraKeys[i] = key;
      const para = drawParagraph(paragraph, here, labels);
      if (first) drawn.append(para);
      else paraNodes[i].replaceWith(para);
      paraNodes[i] = para;
      changed.push(i);
    });
    if (first) textBox.replaceChildren(drawn);
    for (const i of changed) {
      // forget the word and gap elements that were replaced (a gap may belong to the word before)
      const [pStart, pEnd] = paragraphs[i];
      for (let w = Math.max(0, indexAt(words, pStart) - 1); w < words.length && words[w][0] < pEnd; w++) {
        if (wordNodes[w]) wordNodes[w] = wordNodes[w].filter((n) => n.isConnected);
        if (gapNodes[w]) gapNodes[w] = gapNodes[w].filter((n) => n.isConnected);
      }
    }
    showCursor(false);
    drawEditor();
    root.dataset.spanCount = String(spans.length);
    root.dataset.renderedAt = String(performance.now());
    root.dataset.drawMs = (root.dataset.renderedAt - began).toFixed(1); // for the benchmark test
    if (hadFocus) restoreFocus(hadFocus);
  }

  // --- the cursor --------------------------------------------------------------------------
  function showCursor(scroll) {
    textBox.querySelectorAll(".mla-cursor").forEach((n) => {
      n.classList.remove("mla-cursor", "mla-cursor-first", "mla-cursor-last");
    });
    root.dataset.cursor = cursor.shown ? range().join("-") : "";
    if (!cursor.shown || !words.length) return;
    const [a, b] = range();
    for (let w = a; w <= b; w++) {
      for (const n of wordNodes[w] || []) n.classList.add("mla-cursor");
      if (w < b) for (const n of gapNodes[w] || []) n.classList.add("mla-cursor");
    }
    (wordNodes[a] || [])[0]?.classList.add("mla-cursor-first");
    (wordNodes[b] || []).at(-1)?.classList.add("mla-cursor-last");
    const focusNode = (wordNodes[cursor.focus] || [])[0];
    if (scroll && focusNode) focusNode.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  function describeCursor() {
    const [a, b] = range();
    const text = slice(words[a][0], words[b][1]);
    const marks = coveringSpans(words[cursor.focus][0], words[cursor.focus][1]);
    const where = `¶${paragraphs[wordParagraph[cursor.focus]][2]}`;
    const marked = marks.length ? `, marked ${marks.map((s) => s.label).join(" and ")} (Enter to edit)` : "";
    return `${a === b ? "Word" : "Selected"}: ${text} (${where})${marked}`;
  }

  function moveTo(word, extend, options = {}) {
    const target = Math.max(0, Math.min(words.length - 1, word));
    cursor.focus = target;
    if (!extend) cursor.anchor = target;
    cursor.shown = true;
    showCursor(true);
    if (!options.quiet) say(describeCursor());
  }

  // the first word of the unit after / before the cursor's (sentence or paragraph)
  function jump(unitOfWord, units, direction) {
    const here = unitOfWord[cursor.focus];
    const startOfHere = firstWordOf(units[here][0]);
    if (direction < 0 && cursor.focus > startOfHere) return startOfHere;
    const next = here + direction;
    if (next < 0) return 0;
    if (next >= units.length) return words.length - 1;
    return firstWordOf(units[next][0]);
  }

  // --- the editor: relabel, note, remove ----------------------------------------------------
  function openEditor(word) {
    const marks = coveringSpans(words[word][0], words[word][1]);
    if (!marks.length) {
      say("There is no mark here. Select words and press a label's number to mark them.");
      return;
    }
    editingWord = word;
    drawEditor();
    editor.querySelector("button, input")?.focus();
  }

  function closeEditor() {
    const word = editingWord;
    editingWord = null;
    drawEditor();
    if (word !== null) {
      const stop = [...textBox.querySelectorAll("[data-focus-key]")].find((n) => {
        const start = Number(n.dataset.spanStart);
        return start <= words[word][0] && coveringSpans(words[word][0], words[word][1]).some((s) => s.start === start);
      });
      (stop || root).focus({ preventScroll: false });
    }
  }

  function drawEditor() {
    editor.replaceChildren();
    if (editingWord === null) {
      editor.remove();
      return;
    }
    const marks = coveringSpans(words[editingWord][0], words[editingWord][1]);
    if (!marks.length) {
      editingWord = null;
      editor.remove();
      return;
    }
    const labels = model.get("labels");
    for (const span of marks) {
      const row = el("div", "mla-editor-row");
      row.append(el("span", "mla-editing", `“${span.text}” is marked as ${span.label}. `));
      labels.forEach((label) => {
        if (label.name === span.label) return;
        const b = el("button", "mla-button", `Make it ${label.name} (${label.key})`);
        b.type = "button";
        b.dataset.focusKey = `edit:${span.start}:${span.end}:relabel:${label.name}`;
        b.addEventListener("click", () => relabel(span, label.name));
        row.append(b);
      });
      const note = el("input", "mla-note");
      note.type = "text";
      note.placeholder = "Add a note (why?)";
      note.value = span.note || "";
      note.setAttribute("aria-label", `Note for “${span.text}”`);
      note.dataset.focusKey = `edit:${span.start}:${span.end}:note`;
      const keep = el("button", "mla-button", "Save note");
      keep.type = "button";
      keep.dataset.focusKey = `edit:${span.start}:${span.end}:keep`;
      const saveNote = () => {
        model.send({ type: "note", index: span.index, note: note.value });
        say(`Note saved for “${span.text}”.`);
      };
      keep.addEventListener("click", saveNote);
      note.addEventListener("keydown", (e) => {
        e.stopPropagation(); // typing a note must not label, move the cursor or reach JupyterLab
        if (e.key === "Enter") saveNote();
        if (e.key === "Escape") closeEditor();
      });
      const remove = el("button", "mla-button", "Remove");
      remove.type = "button";
      remove.dataset.focusKey = `edit:${span.start}:${span.end}:remove`;
      remove.addEventListener("click", () => {
        const word = editingWord;
        model.send({ type: "remove", index: span.index });
        if (marks.length === 1) {
          editingWord = null;
          editor.remove();
          root.focus({ preventScroll: true });
          if (word !== null) moveTo(word, false, { quiet: true });
        }
      });
      row.append(note, keep, remove);
      editor.append(row);
    }
    const close = el("button", "mla-button", "Close (Esc)");
    close.type = "button";
    close.dataset.focusKey = "edit:close";
    close.addEventListener("click", closeEditor);
    editor.append(close);
    // the editor sits right after the paragraph holding the mark, where the learner is looking
    const para = textBox.querySelectorAll(":scope > .mla-paragraph")[wordParagraph[editingWord]];
    if (para && editor.previousSibling !== para) para.after(editor);
  }

  function relabel(span, label) {
    model.send({ type: "relabel", index: span.index, label });
  }

  // --- keeping focus across redraws ----------------------------------------------------------
  function focusKey(node) {
    if (node === root) return "root";
    const keyed = node.closest && node.closest("[data-focus-key]");
    return keyed && root.contains(keyed) ? keyed.dataset.focusKey : "root";
  }

  function restoreFocus(key) {
    if (root.contains(document.activeElement) && document.activeElement !== document.body) {
      if (focusKey(document.activeElement) === key) return;
    }
    let target = key === "root" ? root : root.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
    if (!target && key.startsWith("edit:")) target = editor.querySelector("button, input");
    (target || root).focus({ preventScroll: true });
  }

  // --- mouse ----------------------------------------------------------------------------------
  textBox.addEventListener("mousedown", (event) => {
    if (editor.contains(event.target)) return;
    pointerDown = true;
  });
  window.addEventListener("mouseup", onMouseUp, true);
  function onMouseUp(event) {
    if (!pointerDown) return;
    pointerDown = false;
    if (redrawPending) {
      redrawPending = false;
      // read the selection before the redraw replaces the nodes it points into
      const kind = selectionToCursor();
      drawText();
      if (kind) say(describeCursor());
      return;
    }
    const kind = selectionToCursor();
    if (kind === "click") {
      say(describeCursor());
      const onMark = event.target.closest && event.target.closest(".mla-span");
      if (onMark) openEditor(cursor.focus);
    } else if (kind === "drag") {
      say(describeCursor());
    }
    if (kind && !root.contains(document.activeElement)) root.focus({ preventScroll: true });
  }

  // a mark reached with Tab puts the cursor on it
  textBox.addEventListener("focusin", (event) => {
    const stop = event.target.closest && event.target.closest("[data-focus-key^='span:']");
    if (!stop || pointerDown) return;
    const start = Number(stop.dataset.spanStart);
    const span = coveringSpans(start, start + 1).find((s) => s.start === start) || {
      start,
      end: start + 1,
    };
    cursor.anchor = firstWordOf(span.start);
    cursor.focus = Math.max(cursor.anchor, indexAt(words, span.end - 1));
    cursor.shown = true;
    showCursor(false);
    say(describeCursor());
  });

  // --- keyboard ------------------------------------------------------------------------------
  root.addEventListener("keydown", (event) => {
    if (!words.length) return;
    const inEditor = editor.contains(event.target);
    const inText = event.target === root || (textBox.contains(event.target) && !inEditor);
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
    const byKey = model.get("labels").find((l) => l.key === event.key);
    if (byKey && plain) {
      event.preventDefault();
      if (inEditor && editingWord !== null) {
        const marks = coveringSpans(words[editingWord][0], words[editingWord][1]);
        if (marks.length && marks[0].label !== byKey.name) relabel(marks[0], byKey.name);
      } else {
        applyLabel(byKey.name);
      }
      return;
    }
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "z") {
      event.preventDefault();
      model.send({ type: "undo" });
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      if (editingWord !== null) closeEditor();
      else {
        cursor.anchor = cursor.focus;
        showCursor(false);
        say(cursor.shown ? describeCursor() : "");
      }
      return;
    }
    if (!inText) return; // buttons and inputs keep their own keys
    const ctrl = event.ctrlKey || event.metaKey;
    const extend = event.shiftKey;
    const moves = {
      // with words selected, an arrow leaves the selection on that side (as in a text editor)
      ArrowRight: () => (extend ? cursor.focus : range()[1]) + 1,
      ArrowLeft: () => (extend ? cursor.focus : range()[0]) - 1,
      ArrowDown: () => (ctrl ? jump(wordParagraph, paragraphs, 1) : jump(wordSentence, sentences, 1)),
      ArrowUp: () => (ctrl ? jump(wordParagraph, paragraphs, -1) : jump(wordSentence, sentences, -1)),
      PageDown: () => jump(wordParagraph, paragraphs, 1),
      PageUp: () => jump(wordParagraph, paragraphs, -1),
      Home: () => (ctrl ? 0 : firstWordOf(paragraphs[wordParagraph[cursor.focus]][0])),
      End: () =>
        ctrl ? words.length - 1 : indexAt(words, paragraphs[wordParagraph[cursor.focus]][1] - 1),
    };
    if (moves[event.key]) {
      event.preventDefault();
      if (!cursor.shown) {
        cursor.shown = true; // the first key shows where the cursor is
        showCursor(true);
        say(describeCursor());
        return;
      }
      moveTo(moves[event.key](), extend);
      return;
    }
    if (event.key === "Enter" && cursor.shown) {
      event.preventDefault();
      const stop = event.target.closest && event.target.closest("[data-focus-key^='span:']");
      openEditor(stop ? firstWordOf(Number(stop.dataset.spanStart)) : cursor.focus);
      return;
    }
    if ((event.key === "Delete" || event.key === "Backspace") && cursor.shown) {
      event.preventDefault();
      const marks = coveringSpans(words[cursor.focus][0], words[cursor.focus][1]);
      if (marks.length) model.send({ type: "remove", index: marks[0].index });
      else say("There is no mark here to remove.");
    }
  });

  // --- review --------------------------------------------------------------------------------
  function drawReview() {
    reviewBox.replaceChildren();
    const review = model.get("review");
    if (!review.length) return;
    reviewBox.append(el("h4", "", "Compared with the key"));
    const list = el("ul");
    for (const r of review) {
      list.append(
        el(
          "li",
          "",
          `${r.kind === "missed" ? "Missed" : "Not in the key"} (${r.label}): “${slice(r.start, r.end)}” — ${r.explanation}`
        )
      );
    }
    reviewBox.append(list);
  }

  // --- wiring ---------------------------------------------------------------------------------
  const redraw = () => {
    drawText();
    drawReview();
  };
  const onStatus = () => say(model.get("status"));
  model.on("change:spans", redraw);
  model.on("change:review", redraw);
  model.on("change:learner", drawName);
  model.on("change:status", onStatus);
  drawName();
  drawToolbar();
  redraw();
  say(model.get("status"));
  return () => {
    model.off("change:spans", redraw);
    model.off("change:review", redraw);
    model.off("change:learner", drawName);
    model.off("change:status", onStatus);
    window.removeEventListener("mouseup", onMouseUp, true);
  };
}

export default { render };
