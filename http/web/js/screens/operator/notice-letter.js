// The notice letter (利用者登録のお知らせ) an operator prints for a postcard
// applicant: the user number and the activation code, which the server tells
// only this once. Printed on A4 (css: .notice-letter under @media print);
// everything else on the page is left out of the print. Worded in the
// page's language, as the rest of the console.
import { h, button } from "../../dom.js";
import { settings } from "../../settings.js";
import { t, lang } from "../../i18n.js";

export function noticeLetter({ name, userNumber, activationCode }) {
  const validity = h("p", {}, t("op.letter.validity", { days: 14 }));
  settings().then((s) => { validity.textContent = t("op.letter.validity", { days: s.initialPasswordDays }); }).catch(() => {});
  const today = new Date().toLocaleDateString(lang() === "en" ? "en-GB" : "ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "long", day: "numeric" });
  const letter = h("article", { class: "notice-letter", id: "notice-letter", "aria-label": t("op.letter.title") },
    h("p", { class: "letter-date" }, today),
    h("p", { class: "letter-to" }, t("op.letter.to", { name: name || "" })),
    h("h2", {}, t("op.letter.title")),
    h("p", {}, t("op.letter.done")),
    h("table", { class: "letter-facts" },
      h("tbody", {},
        h("tr", {}, h("th", { scope: "row" }, t("common.userNumber")), h("td", { class: "mono", id: "letter-user-number" }, userNumber)),
        h("tr", {}, h("th", { scope: "row" }, t("password.activationCode")), h("td", { class: "mono", id: "letter-activation-code" }, activationCode)))),
    h("p", {}, t("op.letter.firstLogin")),
    validity,
    h("p", {}, t("op.letter.keep")),
    h("p", { class: "letter-from" }, t("op.letter.from")));
  return h("div", { class: "notice-letter-box" },
    letter,
    h("div", { class: "actions no-print" },
      button(t("op.letter.print"), () => window.print(), { kind: "primary", id: "print-letter" })));
}
