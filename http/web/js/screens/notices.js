// お知らせ (the member's notices: lottery results and receipts, newest first,
// unread ones marked, those to answer linked to where they are answered,
// 既読にする one by one or all at once) and お知らせの設定
// (the language of notices and mails, and whether to get reminders).
import { h, actions, button, alertSlot, note, choices, radioValue, append, pager } from "../dom.js";
import { render, act, setFlash } from "../layout.js";
import { api } from "../api.js";
import { navigate } from "../router.js";
import { fmtInstant } from "../format.js";
import { t, msgid } from "../i18n.js";

const PAGE = 20;
// The screens a notice is answered on (the server says which: `n.link`, the
// same its mail links to), with their link's words.
const SCREENS = {
  "/confirmations": { class: "to-confirmations", label: msgid("confirm.toScreen") },
  "/waitlist": { class: "to-waitlist", label: msgid("waitlist.toList") },
};

// Where notice `n` is answered: a link, or null when it needs no answer.
function answerLink(n) {
  const screen = SCREENS[n.link];
  return screen ? h("a", { href: n.link, class: screen.class }, t(screen.label)) : null;
}

function noticeItem(n, onRead) {
  const answer = answerLink(n);
  return h("article", { class: ["notice-item", n.read ? "read" : "unread"], id: `notice-${n.noticeId}`, "data-notice": n.noticeId },
    h("h2", {}, n.read ? null : h("span", { class: "badge pending" }, t("notices.unread")), " ", n.subject),
    h("p", { class: "hint" }, fmtInstant(n.at)),
    h("div", { class: "notice-body" }, n.body),
    // A win to confirm, its reminder or an offer: the way to answer it.
    answer ? h("p", {}, answer) : null,
    n.read ? null : actions(button(t("notices.markRead"), onRead, { id: `read-${n.noticeId}` })));
}

export async function noticesScreen(ctx) {
  const offset = Math.max(0, Number(ctx.query.get("offset")) || 0);
  const res = await api("GET", `/api/me/notices?offset=${offset}&limit=${PAGE}`, { as: "response" });
  const list = await res.json();
  const total = Number(res.headers.get("X-Total-Count") || 0);
  const unread = Number(res.headers.get("X-Unread-Count") || 0);
  const box = h("div", {});
  const reload = () => navigate(`/notices${offset ? `?offset=${offset}` : ""}`, { replace: true });
  append(box,
    h("p", { id: "notice-count" }, t("notices.count", { total, unread })),
    list.length === 0 ? h("p", { id: "no-notices" }, t("notices.none")) :
      h("div", { class: "notice-list", id: "notices" }, list.map((n) => noticeItem(n, () => act(box, async () => {
        await api("POST", `/api/me/notices/${encodeURIComponent(n.noticeId)}/read`);
        reload();
      })))),
    note(t("notices.hint")),
    alertSlot(),
    actions(
      unread ? button(t("notices.markAllRead"), () => act(box, async () => {
        await api("POST", "/api/me/notices/read");
        reload();
      }), { id: "read-all" }) : null,
      pager({ offset, size: PAGE, total, href: (o) => `/notices?offset=${o}`,
        prev: { id: "newer", label: t("notices.newer") }, next: { id: "older", label: t("notices.older") } }),
      h("a", { class: "btn", href: "/menu", id: "back" }, t("common.back"))));
  render(ctx, t("notices.title"), box);
}

export async function preferencesScreen(ctx) {
  const me = await api("GET", "/api/me");
  const form = h("form", { novalidate: true },
    choices(t("prefs.language"), "language", [["ja", t("prefs.ja")], ["en", t("prefs.en")]], { value: me.language, required: true }),
    choices(t("prefs.reminders"), "reminders", [["true", t("prefs.remindersOn")], ["false", t("prefs.remindersOff")]],
      { value: String(me.reminders), required: true, hint: t("prefs.remindersHint") }),
    alertSlot(),
    actions(button(t("common.set"), null, { type: "submit", kind: "primary", id: "set" }),
      h("a", { class: "btn", href: "/menu", id: "back" }, t("common.back"))));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      await api("PATCH", "/api/me", { body: { language: radioValue(form, "language"), reminders: radioValue(form, "reminders") === "true" } });
      setFlash(t("prefs.done"), "success");
      navigate("/menu");
    }, form.querySelector("#set"));
  });
  render(ctx, t("prefs.title"), form);
}
