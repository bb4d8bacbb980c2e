// The notice letter (利用者登録のお知らせ) an operator prints for a postcard
// applicant: the user number and the activation code, which the server tells
// only this once. Printed on A4 (css: .notice-letter under @media print);
// everything else on the page is left out of the print.
import { h, button } from "../../dom.js";
import { settings } from "../../settings.js";

export function noticeLetter({ name, userNumber, activationCode }) {
  const days = h("span", {}, "14");
  settings().then((s) => { days.textContent = String(s.initialPasswordDays); }).catch(() => {});
  const today = new Date().toLocaleDateString("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "long", day: "numeric" });
  const letter = h("article", { class: "notice-letter", id: "notice-letter", "aria-label": "利用者登録のお知らせ" },
    h("p", { class: "letter-date" }, today),
    h("p", { class: "letter-to" }, `${name || ""} 様`),
    h("h2", {}, "利用者登録のお知らせ"),
    h("p", {}, "港区区民保養施設予約システムへの利用者登録が完了しました。"),
    h("table", { class: "letter-facts" },
      h("tbody", {},
        h("tr", {}, h("th", { scope: "row" }, "利用者番号"), h("td", { class: "mono", id: "letter-user-number" }, userNumber)),
        h("tr", {}, h("th", { scope: "row" }, "アクティベーションコード"), h("td", { class: "mono", id: "letter-activation-code" }, activationCode)))),
    h("p", {}, "初めてログインするときは、利用者番号と、パスワードの欄にこのアクティベーションコードを入力してください。続けて新しいパスワードを設定すると、ご利用いただけます。"),
    h("p", {}, "アクティベーションコードは1回限り、登録から", days, "日間有効です。期限が過ぎた場合は予約センターにお問い合わせください。"),
    h("p", {}, "この文書は大切に保管し、利用者番号とコードを他人に知られないようにしてください。"),
    h("p", { class: "letter-from" }, "港区区民保養施設 予約センター"));
  return h("div", { class: "notice-letter-box" },
    letter,
    h("div", { class: "actions no-print" },
      button("お知らせを印刷", () => window.print(), { kind: "primary", id: "print-letter" })));
}
