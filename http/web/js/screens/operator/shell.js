// The frame of the operator and auditor consoles: a navigation bar (labels
// through t(): English where i18n-en.js has them) and the screen's content.
import { h } from "../../dom.js";
import { render } from "../../layout.js";
import { t } from "../../i18n.js";

export const OPERATOR_NAV = [
  ["/operator", "ホーム"],
  ["/operator/registrations", "利用者登録の審査"],
  ["/operator/users/new", "はがき申込者の登録"],
  ["/operator/facilities", "施設・休館日"],
  ["/operator/lotteries", "抽選"],
  ["/operator/reservations", "予約検索・CSV"],
  ["/operator/guests", "宿泊者名簿"],
  ["/operator/book", "代理予約"],
  ["/operator/projections", "投影の再構築"],
  ["/operator/account", "アカウント設定"],
];

export const AUDIT_NAV = [
  ["/audit", "ホーム"],
  ["/audit/events", "イベントログ"],
  ["/audit/verify", "整合性の検証"],
  ["/audit/lotteries", "抽選の秘密の値"],
  ["/audit/redraw", "抽選の再実行"],
  ["/audit/history", "履歴"],
  ["/audit/replay", "過去の状態（リプレイ）"],
  ["/audit/account", "アカウント設定"],
];

export function consoleRender(ctx, nav, title, ...content) {
  const here = ctx.path;
  const bar = h("nav", { class: "console-nav", "aria-label": t("コンソールメニュー") },
    h("ul", {}, nav.map(([href, label]) => h("li", {}, h("a", {
      href, "aria-current": (href === here || (href !== nav[0][0] && here.startsWith(href + "/"))) ? "page" : false,
    }, t(label))))));
  return render(ctx, title, bar, h("div", { class: "console-body" }, ...content));
}

export const opRender = (ctx, title, ...content) => consoleRender(ctx, OPERATOR_NAV, title, ...content);
export const auditRender = (ctx, title, ...content) => consoleRender(ctx, AUDIT_NAV, title, ...content);
