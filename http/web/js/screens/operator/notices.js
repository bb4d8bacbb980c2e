// お知らせの送付状況: every notice (lottery results, receipts) with how it
// went out: mailed (queued, sent, failed) or to be posted to a user without
// an email address. The posted ones (and failed mails) print as letters, one
// per A4 page, with the name and address. The list comes a page of PAGE at a
// time, newest first; the print gathers every page of the filter first (a
// notice that arrives meanwhile shifts the pages: it gathers again until the
// count holds still), so each letter prints once.
import { h, table, actions, button, choices, note, append, replace, pager } from "../../dom.js";
import { act } from "../../layout.js";
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

// Every notice of `delivery`, newest first, each once.
async function allNotices(delivery) {
  for (let attempt = 0; ; attempt++) {
    const seen = new Map();
    let total = 0;
    for (let offset = 0; ; offset += PAGE) {
      const page = await api("GET", `/api/operator/notices${qs({ delivery, offset: offset || undefined, limit: PAGE })}`);
      if (offset === 0) total = page.total;
      for (const n of page.notices) if (!seen.has(n.noticeId)) seen.set(n.noticeId, n);
      if (page.notices.length < PAGE) {
        if (page.total === total || attempt >= 3) return [...seen.values()];
        break;  // the list changed while it was read: again
      }
    }
  }
}

export async function operatorNotices(ctx) {
  const delivery = KINDS.includes(ctx.query.get("delivery")) ? ctx.query.get("delivery") : "";
  const asked = Math.floor(Number(ctx.query.get("offset")));
  const offset = Number.isSafeInteger(asked) && asked > 0 ? asked : 0;
  const res = await api("GET", `/api/operator/notices${qs({ delivery: delivery || undefined, offset, limit: PAGE })}`);
  const box = h("div", {});
  const filter = choices(t("op.notices.delivery"), "delivery",
    [["", t("op.notices.all")], ...KINDS.map((k) => [k, t(LABELS[k])])],
    { value: delivery, onChange: (ev) => navigate(address(ev.target.value, 0)) });
  const shown = res.notices.length ? t("op.notices.range", { from: offset + 1, to: offset + res.notices.length }) : "";
  const printable = delivery === "post" || delivery === "failed";
  const letters = h("div", { class: "postal-notices", id: "postal-notices" });
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
    printable && res.total ? [
      note(t("op.notices.printHint")),
      actions(button(t("op.notices.printAll", { n: res.total }), (ev) => act(box, async () => {
        replace(letters, (await allNotices(delivery)).map(letter));
        window.print();
      }, ev.currentTarget), { kind: "primary", id: "print-notices" })),
      letters,
    ] : null);
  opRender(ctx, t("op.notices.title"), box);
}
