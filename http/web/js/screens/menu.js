// 登録されている方の専用メニュー (the member menu), shown after login.
import { h } from "../dom.js";
import { render } from "../layout.js";
import { t, msgid } from "../i18n.js";
import { api } from "../api.js";
import { usagePanel } from "../usage.js";

const GROUPS = [
  [msgid("common.lottery"), [
    [msgid("lottery.apply.title"), "/lottery", "lottery-apply"],
    [msgid("lottery.list.title"), "/lottery/applications", "lottery-list"],
    [msgid("lottery.cancel.title"), "/lottery/cancel", "lottery-cancel"],
    [msgid("lottery.results.title"), "/lottery/results", "lottery-results"],
    [msgid("confirm.title"), "/confirmations", "confirmations"],
  ]],
  [msgid("menu.group.firstCome"), [
    [msgid("vacancy.title"), "/vacancy", "vacancy"],
    [msgid("reservations.title"), "/reservations", "reservations"],
    [msgid("reservations.cancel.title"), "/reservations/cancel", "reservations-cancel"],
    [msgid("waitlist.title"), "/waitlist", "waitlist"],
  ]],
  [msgid("menu.group.account"), [
    [msgid("notices.title"), "/notices", "notices"],
    [msgid("prefs.title"), "/preferences", "preferences"],
    [msgid("password.change.title"), "/password", "password"],
  ]],
];

// お知らせ with its unread count, above the groups.
function noticesLink(unread) {
  return h("p", { class: "menu-notices" },
    h("a", { class: "menu-item", href: "/notices", id: "menu-notices-top" }, t("notices.title"),
      " ", h("span", { class: ["badge", unread ? "pending" : ""], id: "notice-unread" },
        t("notices.unreadCount", { n: unread }))));
}

export async function menuScreen(ctx) {
  const [summary, usage] = await Promise.all([api("GET", "/api/me/notices/summary"), usagePanel()]);
  render(ctx, t("menu.title"),
    usage,
    noticesLink(summary.unread),
    h("div", { class: "menu-groups" }, GROUPS.map(([group, items]) =>
      h("section", { class: "menu-group" },
        h("h2", {}, t(group)),
        h("ul", { class: "menu" }, items.map(([label, href, id]) =>
          h("li", {}, h("a", { class: "menu-item", href, id: `menu-${id}` }, t(label)))))))));
}
