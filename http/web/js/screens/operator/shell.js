// The frame of the operator and auditor consoles: a navigation bar (labels
// are message ids, shown through t()) and the screen's content. The header
// above (layout.js) has the language toggle, as on every page.
import { h } from "../../dom.js";
import { render } from "../../layout.js";
import { t, msgid } from "../../i18n.js";

export const OPERATOR_NAV = [
  ["/operator", msgid("console.nav.home")],
  ["/operator/registrations", msgid("op.registrations.title")],
  ["/operator/users/new", msgid("op.users.title")],
  ["/operator/facilities", msgid("op.facilities.title")],
  ["/operator/lotteries", msgid("op.lotteries.title")],
  ["/operator/reservations", msgid("op.reservations.title")],
  ["/operator/guests", msgid("op.guests.title")],
  ["/operator/book", msgid("op.book.title")],
  ["/operator/notices", msgid("op.notices.title")],
  ["/operator/rules", msgid("op.rules.title")],
  ["/operator/projections", msgid("op.projections.title")],
  ["/operator/account", msgid("staff.account.title")],
];

export const AUDIT_NAV = [
  ["/audit", msgid("console.nav.home")],
  ["/audit/events", msgid("audit.events.title")],
  ["/audit/verify", msgid("audit.verify.title")],
  ["/audit/lotteries", msgid("audit.lotteries.title")],
  ["/audit/redraw", msgid("audit.redraw.title")],
  ["/audit/history", msgid("audit.history.title")],
  ["/audit/replay", msgid("audit.replay.title")],
  ["/audit/account", msgid("staff.account.title")],
];

export function consoleRender(ctx, nav, title, ...content) {
  const here = ctx.path;
  const bar = h("nav", { class: "console-nav", "aria-label": t("console.menu") },
    h("ul", {}, nav.map(([href, label]) => h("li", {}, h("a", {
      href, "aria-current": (href === here || (href !== nav[0][0] && here.startsWith(href + "/"))) ? "page" : false,
    }, t(label))))));
  return render(ctx, title, bar, h("div", { class: "console-body" }, ...content));
}

export const opRender = (ctx, title, ...content) => consoleRender(ctx, OPERATOR_NAV, title, ...content);
export const auditRender = (ctx, title, ...content) => consoleRender(ctx, AUDIT_NAV, title, ...content);
