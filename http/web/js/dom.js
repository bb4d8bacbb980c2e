// Building the page: h() makes elements, field() a labelled form field with
// a place for its error, showError() puts a problem+json answer on screen
// (the summary in an alert box, each `errors[].message` next to its field).

import { t } from "./i18n.js";

let ids = 0;
export const uid = (prefix = "f") => `${prefix}-${++ids}`;

// h("button", {class: "primary", onClick: fn}, "申込み")
export function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith("on") && typeof v === "function") {
      e.addEventListener(k.slice(2).toLowerCase(), v);
    } else if (k === "class") {
      e.className = Array.isArray(v) ? v.filter(Boolean).join(" ") : v;
    } else if (k === "value" && (tag === "input" || tag === "textarea" || tag === "select")) {
      e.value = v;
      if (tag !== "select") e.setAttribute("value", v);
    } else if (k === "checked" || k === "selected" || k === "disabled") {
      e[k] = Boolean(v);
      if (v) e.setAttribute(k, "");
    } else {
      e.setAttribute(k, v === true ? "" : String(v));
    }
  }
  append(e, children);
  return e;
}

export function append(parent, ...children) {
  for (const c of [children].flat(Infinity)) {
    if (c === null || c === undefined || c === false || c === "") continue;
    parent.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return parent;
}

export const text = (s) => document.createTextNode(String(s));

// A labelled field. `input` must be an input, select or textarea; its `name`
// is the API field whose errors are shown under it.
export function field(label, input, { hint, required, wide } = {}) {
  if (!input.id) input.id = uid(input.name || "f");
  const errId = `${input.id}-error`;
  const describedBy = [errId];
  let hintEl = null;
  if (hint) {
    hintEl = h("p", { class: "hint", id: `${input.id}-hint` }, hint);
    describedBy.unshift(hintEl.id);
  }
  input.setAttribute("aria-describedby", describedBy.join(" "));
  if (required) input.required = true;
  return h("div", { class: ["field", wide && "wide"], "data-field": input.name || "" },
    h("label", { for: input.id }, label, required ? h("span", { class: "req" }, t("common.required")) : null),
    input, hintEl,
    h("p", { class: "field-error", id: errId, hidden: true }));
}

// A group of radio buttons or checkboxes in a fieldset with a legend.
export function choices(legend, name, options, { type = "radio", value, required, hint, onChange } = {}) {
  const errId = uid(`${name}-error`);
  const set = h("fieldset", { class: "choices", "data-field": name, "aria-describedby": errId },
    h("legend", {}, legend, required ? h("span", { class: "req" }, t("common.required")) : null));
  const row = h("div", { class: "choice-row" });
  for (const [v, label] of options) {
    const id = uid(name);
    row.append(h("span", { class: "choice" },
      h("input", { type, id, name, value: v, checked: Array.isArray(value) ? value.includes(v) : value === v,
        required: type === "radio" && required, onChange }),
      h("label", { for: id }, label)));
  }
  set.append(row);
  if (hint) set.append(h("p", { class: "hint" }, hint));
  set.append(h("p", { class: "field-error", id: errId, hidden: true }));
  return set;
}

export function radioValue(scope, name) {
  const c = scope.querySelector(`input[name="${name}"]:checked`);
  return c ? c.value : "";
}

export function button(label, onClick, { kind = "", type = "button", id, disabled } = {}) {
  return h("button", { type, class: ["btn", kind], id, disabled, onClick }, label);
}

export function actions(...buttons) {
  return h("div", { class: "actions" }, ...buttons);
}

// Links to the pages before and after a page of `size` items starting at
// `offset` out of `total`: `href(offset)` makes each link's address. Either
// link is left out where there is no such page.
export function pager({ offset, size, total, href, prev, next }) {
  return [
    offset > 0 ? h("a", { class: "btn", href: href(Math.max(0, offset - size)), id: prev.id }, prev.label) : null,
    offset + size < total ? h("a", { class: "btn", href: href(offset + size), id: next.id }, next.label) : null,
  ];
}

export function note(...children) {
  return h("p", { class: "note" }, ...children);
}

export function alertBox(message, kind = "error") {
  return h("div", { class: ["alert", kind], role: kind === "error" ? "alert" : "status" }, message);
}

// Clears the errors shown in `scope` (and its alert slot).
export function clearErrors(scope) {
  for (const p of scope.querySelectorAll(".field-error")) { p.hidden = true; p.textContent = ""; }
  for (const i of scope.querySelectorAll("[aria-invalid]")) i.removeAttribute("aria-invalid");
  for (const a of scope.querySelectorAll(".alert-slot")) a.replaceChildren();
}

export function alertSlot() {
  return h("div", { class: "alert-slot" });
}

// Shows an ApiError (or any Error) in `scope`: the summary in its first
// .alert-slot, each field error under the field it names (data-field or name).
// Returns the messages that had no field on screen.
export function showError(scope, err) {
  clearErrors(scope);
  const slot = scope.querySelector(".alert-slot") || scope;
  const orphans = [];
  for (const fe of (err && err.errors) || []) {
    const where = findField(scope, fe.field);
    if (where) {
      const p = where.querySelector(".field-error") || where.parentElement.querySelector(".field-error");
      if (p) { p.textContent = fe.message; p.hidden = false; }
      for (const i of where.querySelectorAll("input, select, textarea")) i.setAttribute("aria-invalid", "true");
    } else {
      orphans.push(fe.message);
    }
  }
  // The problem's title (in the page's language), and its detail when it
  // says more.
  const title = (err && (err.title || err.detail || err.message)) || t("error.generic");
  const box = alertBox(h("strong", { class: "alert-title" }, title));
  if (err && err.title && err.detail && err.detail !== err.title) box.append(h("span", { class: "alert-detail" }, err.detail));
  if (orphans.length) box.append(h("ul", {}, orphans.map((m) => h("li", {}, m))));
  slot.replaceChildren(box);
  const first = scope.querySelector("[aria-invalid=true]");
  if (first) first.focus(); else box.scrollIntoView({ block: "nearest" });
  return orphans;
}

function findField(scope, name) {
  if (!name) return null;
  const esc = CSS.escape(name);
  return scope.querySelector(`[data-field="${esc}"]`) ||
    scope.querySelector(`[name="${esc}"]`)?.closest(".field, fieldset, td, .cell") || null;
}

// A simple data table: columns [[heading, row => cell]], rows.
export function table(columns, rows, { caption, id, className, rowAttrs } = {}) {
  return h("table", { id, class: ["data", className] },
    caption ? h("caption", {}, caption) : null,
    h("thead", {}, h("tr", {}, columns.map(([head]) => h("th", { scope: "col" }, head)))),
    h("tbody", {}, rows.map((r) => h("tr", rowAttrs ? rowAttrs(r) : {}, columns.map(([, cell]) => h("td", {}, cell(r)))))));
}

// Definition list of [label, value] pairs (the "confirm what you entered" boxes).
export function summary(pairs, { id } = {}) {
  return h("dl", { class: "summary", id }, pairs.filter(Boolean).map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

// Replaces an element's children (null, false and "" are skipped).
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, ...children);
}
