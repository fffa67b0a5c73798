// Plan editor: grow text areas, keep unsaved text in the browser until the server has it,
// flush it when the page is hidden, keyboard shortcuts, and refresh the preview on changes.
(function () {
  "use strict";
  const editor = document.getElementById("editor");
  if (!editor) return;
  const planId = editor.dataset.plan;
  const state = document.getElementById("save-state");
  const key = (blockId) => `plan:${planId}:block:${blockId}`;

  function grow(area) {
    // A box in a hidden tab measures 0: it is sized when its tab is shown.
    if (!area.offsetParent) return;
    area.style.height = "auto";
    area.style.height = area.scrollHeight + 2 + "px";
  }

  function rowOf(el) { return el.closest(".outline-row"); }

  function remember(area) {
    const row = rowOf(area);
    if (!row) return;
    localStorage.setItem(key(row.dataset.block), JSON.stringify({ text: area.value, at: Date.now() }));
    area.dataset.dirty = "1";
    if (state) state.textContent = "Đang lưu…";
  }

  function restore(root) {
    root.querySelectorAll("textarea[data-autosave]").forEach((area) => {
      grow(area);
      const saved = localStorage.getItem(key(rowOf(area).dataset.block));
      if (!saved) return;
      const { text } = JSON.parse(saved);
      if (text !== area.value) {
        area.value = text;
        grow(area);
        area.dataset.dirty = "1";
        if (state) state.textContent = "Đã khôi phục nội dung chưa lưu, đang lưu lại…";
        htmx.trigger(area, "input");
      } else {
        localStorage.removeItem(key(rowOf(area).dataset.block));
      }
    });
  }

  function flush() {
    document.querySelectorAll("textarea[data-dirty='1']").forEach((area) => {
      const row = rowOf(area);
      const data = new FormData();
      data.append("text", area.value);
      data.append("csrfmiddlewaretoken", document.getElementById("outline").dataset.csrf);
      navigator.sendBeacon(row.dataset.saveUrl, data);
    });
  }

  function fitPreview() {
    const frame = document.getElementById("preview");
    const doc = frame.contentDocument;
    if (!doc || !doc.body) return;
    const sheet = doc.body.scrollWidth + 40;
    doc.documentElement.style.zoom = Math.min(1, frame.clientWidth / sheet).toFixed(3);
  }
  document.getElementById("preview").addEventListener("load", fitPreview);
  window.addEventListener("resize", fitPreview);

  let refresh;
  function refreshPreview() {
    clearTimeout(refresh);
    refresh = setTimeout(() => {
      const frame = document.getElementById("preview");
      const y = frame.contentWindow ? frame.contentWindow.scrollY : 0;
      frame.addEventListener("load", () => frame.contentWindow.scrollTo(0, y), { once: true });
      frame.src = editor.dataset.previewUrl + "?t=" + Date.now();
    }, 300);
  }

  document.addEventListener("input", (event) => {
    if (event.target.matches("textarea[data-autosave]")) {
      grow(event.target);
      remember(event.target);
    }
  });

  // Word puts bold and italic only in the clipboard's HTML: send it with the plain text, and
  // forget it as soon as the author types into the box (then the text is what they mean).
  document.addEventListener("paste", (event) => {
    const box = event.target;
    if (box.id !== "paste-text" || !event.clipboardData) return;
    const form = box.form;
    let field = form.querySelector("input[name='html']");
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = "html";
      form.appendChild(field);
    }
    const html = event.clipboardData.getData("text/html");
    field.value = html && box.value.trim() === "" ? html : "";
    box.dataset.pasting = "1";
  });
  document.addEventListener("input", (event) => {
    const box = event.target;
    if (box.id !== "paste-text") return;
    if (box.dataset.pasting) {
      delete box.dataset.pasting;
      return;
    }
    const field = box.form.querySelector("input[name='html']");
    if (field) field.value = "";
  });

  document.body.addEventListener("htmx:afterRequest", (event) => {
    const el = event.detail.elt;
    if (el.id === "paste-form" && event.detail.successful) {
      el.reset();
      const field = el.querySelector("input[name='html']");
      if (field) field.value = "";
      bootstrap.Tab.getOrCreateInstance(document.querySelector("[data-bs-target='#tab-outline']")).show();
    }
    if (el.matches && el.matches("textarea[data-autosave]")) {
      if (event.detail.successful) {
        el.dataset.dirty = "";
        localStorage.removeItem(key(rowOf(el).dataset.block));
        if (state) state.textContent = "Đã lưu lúc " + new Date().toLocaleTimeString("vi-VN");
      } else if (state) {
        const reason = event.detail.xhr ? event.detail.xhr.responseText : "";
        state.textContent = "Chưa lưu được: " + (reason || "mất kết nối, sẽ thử lại khi bạn gõ tiếp.");
      }
    }
  });

  let focusBlock = null;
  document.body.addEventListener("htmx:beforeRequest", (event) => {
    const row = event.detail.elt.closest && event.detail.elt.closest(".outline-row");
    focusBlock = row ? row.dataset.block : null;
  });
  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target.id !== "outline") return;
    const outline = document.getElementById("outline");
    restore(outline);
    const area = focusBlock && outline.querySelector(`#block-${focusBlock} textarea`);
    if (area) area.focus();
  });
  document.body.addEventListener("plan-changed", refreshPreview);
  document.addEventListener("shown.bs.tab", (event) => {
    const pane = document.querySelector(event.target.dataset.bsTarget);
    if (pane) pane.querySelectorAll("textarea[data-autosave]").forEach(grow);
  });

  const shortcuts = { ArrowUp: "up", ArrowDown: "down", ArrowLeft: "outdent", ArrowRight: "indent" };
  document.addEventListener("keydown", (event) => {
    const row = event.target.closest && event.target.closest(".outline-row");
    if (!row) return;
    let op = null;
    if (event.altKey && shortcuts[event.key]) op = shortcuts[event.key];
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") op = "add";
    if (!op) return;
    const button = row.querySelector(`[data-op='${op}']`);
    if (button) {
      event.preventDefault();
      button.click();
    }
  });

  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });
  restore(document);
  if (location.hash) {
    const target = document.querySelector(location.hash);
    if (target && location.hash.startsWith("#block-")) target.scrollIntoView({ block: "center" });
    else if (["#header", "#signature", "#recipients"].includes(location.hash)) {
      bootstrap.Tab.getOrCreateInstance(document.getElementById("header-tab")).show();
    }
  }
})();
