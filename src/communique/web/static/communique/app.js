// communique: small enhancements; every page works without them.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Statement reader: a click, or Enter/Space on a focused sentence, shows its extraction.
  const toggle = (sentence) => {
    const panel = document.getElementById(sentence.getAttribute("aria-controls"));
    if (!panel) return;
    const open = sentence.getAttribute("aria-expanded") === "true";
    const article = sentence.closest("article") || document;
    article.querySelectorAll(".sent[aria-expanded='true']").forEach((s) => {
      s.setAttribute("aria-expanded", "false");
      const other = document.getElementById(s.getAttribute("aria-controls"));
      if (other) other.hidden = true;
    });
    sentence.setAttribute("aria-expanded", open ? "false" : "true");
    panel.hidden = open;
  };
  document.querySelectorAll(".sent[aria-controls]").forEach((sentence) => {
    sentence.addEventListener("click", (e) => { if (!e.target.closest("a")) toggle(sentence); });
    sentence.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(sentence); }
    });
  });
  // The language switch submits as soon as a language is chosen (its button stays for keyboards).
  document.querySelectorAll("form.lang select").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
  // Evidence form: show only the fields of the chosen kind.
  const kind = document.getElementById("id_kind");
  if (kind) {
    const sync = () => document.querySelectorAll("[data-evidence-kind]").forEach((row) => {
      row.hidden = !row.dataset.evidenceKind.split(" ").includes(kind.value);
    });
    kind.addEventListener("change", sync);
    sync();
  }
});
