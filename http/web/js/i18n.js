// Language: Japanese by default; English when the user picks it (kept in
// localStorage, and sent to the API as Accept-Language: en). t("日本語")
// looks the Japanese text up in the English dictionary.
import { EN } from "./i18n-en.js";

const KEY = "hoyo.lang";

export function lang() {
  return localStorage.getItem(KEY) === "en" ? "en" : "ja";
}

export function setLang(l) {
  localStorage.setItem(KEY, l === "en" ? "en" : "ja");
  document.documentElement.lang = lang();
}

// t("第{n}希望に申込む", {n: "１"})
export function t(ja, vars) {
  let s = lang() === "en" && EN[ja] !== undefined ? EN[ja] : ja;
  if (vars) s = s.replace(/\{(\w+)\}/g, (_, k) => (vars[k] !== undefined ? String(vars[k]) : `{${k}}`));
  return s;
}
