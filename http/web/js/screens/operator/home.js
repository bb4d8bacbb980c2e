// The operator console's first screen: what is waiting.
import { h, table } from "../../dom.js";
import { api } from "../../api.js";
import { fmtMonth, fmtInstant, lotteryStatus } from "../../format.js";
import { opRender, OPERATOR_NAV } from "./shell.js";
import { t } from "../../i18n.js";

export async function operatorHome(ctx) {
  const [pending, lotteries] = await Promise.all([api("GET", "/api/operator/registrations?status=pending"), api("GET", "/api/operator/lotteries")]);
  opRender(ctx, "運用コンソール",
    h("div", { class: "stats" },
      h("a", { class: "stat", href: "/operator/registrations?status=pending", id: "pending-count" }, h("strong", {}, String(pending.length)), h("span", {}, "審査待ちの登録申請")),
      h("a", { class: "stat", href: "/operator/lotteries" }, h("strong", {}, String(lotteries.filter((l) => l.status !== "published").length)), h("span", {}, "進行中の抽選"))),
    lotteries.length ? table([
      ["抽選", (l) => h("a", { href: `/operator/lotteries/${l.lotteryId}` }, fmtMonth(l.stayMonth))],
      ["状態", (l) => lotteryStatus(l.status)], ["申込み", (l) => `${l.applications}件`],
      ["受付終了", (l) => fmtInstant(l.closesAt)], ["発表", (l) => fmtInstant(l.publishAt)],
    ], lotteries, { caption: "抽選" }) : null,
    h("ul", { class: "menu" }, OPERATOR_NAV.slice(1).map(([href, label]) => h("li", {}, h("a", { class: "menu-item", href }, t(label))))));
}
