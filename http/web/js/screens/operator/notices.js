// お知らせの送付状況: every notice (lottery results, receipts) with how it
// went out: mailed (queued, sent, failed) or to be posted to a user without
// an email address. The posted ones (and failed mails) print as letters, one
// per A4 page, with the name and address. The list comes a page of PAGE at a
// time, newest first; the print covers the page on screen.
import { h, table, actions, button, choices, note, append, pager } from "../../dom.js";
import { api, qs } from "../../api.js";
import { navigate } from "../../router.js";
import { fmtInstant } from "../../format.js";
import { t, msgid } from "../../i18n.js";
import { opRender } from "./shell.js";

const LABELS = {
  post: msgid("op.notices.post"),
  queued: msgid("op.notices.queued"),
  sent: msgid("op.notices.sent"),
  failed: msgid("op.notices.failed"),
};
const KINDS = Object.keys(LABELS);
const PAGE = 100;

// The screen's address for a filter and a page.
const address = (delivery, offset) => `/operator/notices${qs({ delivery: delivery || undefined, offset: offset || undefined })}`;

function letter(n) {
  return h("article", { class: "notice-letter postal-notice", "data-notice": n.noticeId },
    h("p", { class: "letter-date" }, fmtInstant(n.at)),
    h("p", { class: "letter-to" }, n.postalCode ? t("op.notices.postalCode", { code: n.postalCode }) : "", h("br"), n.address || "", h("br"),
      t("op.notices.to", { name: n.name || n.userNumber })),
    h("h2", {}, n.subject),
    h("div", { class: "notice-body" }, n.body));
}

export async function operatorNotices(ctx) {
  const delivery = KINDS.includes(ctx.query.get("delivery")) ? ctx.query.get("delivery") : "";
  const offset = Math.max(0, Math.floor(Number(ctx.query.get("offset"))) || 0);
  const res = await api("GET", `/api/operator/notices${qs({ delivery: delivery || undefined, offset, limit: PAGE })}`);
  const box = h("div", {});
  const filter = choices(t("op.notices.delivery"), "delivery",
    [["", t("op.notices.all")], ...KINDS.map((k) => [k, t(LABELS[k])])],
    { value: delivery, onChange: (ev) => navigate(address(ev.target.value, 0)) });
  const shown = res.notices.length ? t("op.notices.range", { from: offset + 1, to: offset + res.notices.length }) : "";
  const printable = delivery === "post" || delivery === "failed";
  append(box, filter,
    h("p", { id: "notice-total" }, t("common.count", { n: res.total }), shown ? h("span", { id: "notice-range" }, ` ${shown}`) : null),
    res.notices.length === 0 ? h("p", { id: "no-notices" }, t("op.notices.none")) : table([
      [t("common.date"), (n) => fmtInstant(n.at)],
      [t("op.notices.user"), (n) => h("span", { class: "mono" }, n.userNumber)],
      [t("op.notices.subject"), (n) => n.subject],
      [t("op.notices.delivery"), (n) => h("span", { class: ["badge", n.delivery] }, t(LABELS[n.delivery]))],
      [t("op.notices.attempts"), (n) => String(n.attempts)],
    ], res.notices, { id: "notices", rowAttrs: (n) => ({ "data-notice": n.noticeId }) }),
    actions(pager({ offset, size: PAGE, total: res.total, href: (o) => address(delivery, o),
      prev: { id: "newer-notices", label: t("op.notices.newer") }, next: { id: "older-notices", label: t("op.notices.older") } })),
    printable && res.notices.length ? [
      note(t("op.notices.printHint")),
      res.total > res.notices.length ? note(t("op.notices.printPage", { from: offset + 1, to: offset + res.notices.length, total: res.total })) : null,
      actions(button(t("op.notices.print"), () => window.print(), { kind: "primary", id: "print-notices" })),
      h("div", { class: "postal-notices" }, res.notices.map(letter)),
    ] : null);
  opRender(ctx, t("op.notices.title"), box);
}
