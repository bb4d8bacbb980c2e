// Language: Japanese by default; English when the user picks it (kept in
// localStorage, and sent to the API as Accept-Language: en). Every text the
// pages show is a message with a stable id, e.g. t("login.forgot") or
// t("booking.done.stay", {from, to, nights}); messages-ja.js and
// messages-en.js hold the text of every id in each language ({name} marks a
// value filled in). Ids kept in a data table are written msgid("…"), so that
// the catalogue test (tests/e2e/i18n.test.mjs) finds every id the code uses.
// Texts the server sends (problem+json titles and details) come already in
// the page's language and are shown as received.
import { JA } from "./messages-ja.js";
import { EN } from "./messages-en.js";

const KEY = "hoyo.lang";
const CATALOGUES = { ja: JA, en: EN };

export function lang() {
  return localStorage.getItem(KEY) === "en" ? "en" : "ja";
}

export function setLang(l) {
  localStorage.setItem(KEY, l === "en" ? "en" : "ja");
  document.documentElement.lang = lang();
}

// t("lottery.apply.to", {k: "１"}) → "第１希望に申込む" / "Apply as choice 1".
// An id missing from a catalogue falls back to Japanese, then to the id.
export function t(id, vars) {
  let s = CATALOGUES[lang()][id] ?? JA[id] ?? id;
  if (vars) s = s.replace(/\{(\w+)\}/g, (_, k) => (vars[k] !== undefined ? String(vars[k]) : `{${k}}`));
  return s;
}

// Marks a message id in a data table, to be passed to t() when shown:
// const NAV = [["/menu", msgid("menu.title")]]; … t(label).
export const msgid = (id) => id;
