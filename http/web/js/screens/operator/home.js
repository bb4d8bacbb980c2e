// The operator console's first screen: what is waiting.
import { h, table } from "../../dom.js";
import { api } from "../../api.js";
import { fmtMonth, fmtInstant, lotteryStatus } from "../../format.js";
import { opRender, OPERATOR_NAV } from "./shell.js";
import { t } from "../../i18n.js";

export async function operatorHome(ctx) {
  const [pending, lotteries] = await Promise.all([api("GET", "/api/operator/registrations?status=pending"), api("GET", "/api/operator/lotteries")]);
  opRender(ctx, t("op.home.title"),
    h("div", { class: "stats" },
      h("a", { class: "stat", href: "/operator/registrations?status=pending", id: "pending-count" }, h("strong", {}, String(pending.length)), h("span", {}, t("op.home.pending"))),
      h("a", { class: "stat", href: "/operator/lotteries" }, h("strong", {}, String(lotteries.filter((l) => l.status !== "published").length)), h("span", {}, t("op.home.inProgress")))),
    lotteries.length ? table([
      [t("common.lottery"), (l) => h("a", { href: `/operator/lotteries/${l.lotteryId}` }, fmtMonth(l.stayMonth))],
      [t("common.status"), (l) => lotteryStatus(l.status)], [t("op.applications"), (l) => t("common.count", { n: l.applications })],
      [t("op.lotteries.closes"), (l) => fmtInstant(l.closesAt)], [t("op.lotteries.publish"), (l) => fmtInstant(l.publishAt)],
    ], lotteries, { caption: t("op.lotteries.title") }) : null,
    h("ul", { class: "menu" }, OPERATOR_NAV.slice(1).map(([href, label]) => h("li", {}, h("a", { class: "menu-item", href }, t(label))))));
}
