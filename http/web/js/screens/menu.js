// 登録されている方の専用メニュー (the member menu), shown after login.
import { h } from "../dom.js";
import { render } from "../layout.js";
import { t } from "../i18n.js";

const GROUPS = [
  ["抽選", [
    ["抽選の申込み", "/lottery", "lottery-apply"],
    ["抽選申込みの確認", "/lottery/applications", "lottery-list"],
    ["抽選申込みの取消し", "/lottery/cancel", "lottery-cancel"],
    ["抽選結果の確認", "/lottery/results", "lottery-results"],
  ]],
  ["先着順の予約", [
    ["空き室照会・予約", "/vacancy", "vacancy"],
    ["予約の確認・変更", "/reservations", "reservations"],
    ["予約の取消し", "/reservations/cancel", "reservations-cancel"],
  ]],
  ["登録情報", [
    ["パスワード変更", "/password", "password"],
  ]],
];

export function menuScreen(ctx) {
  render(ctx, t("登録されている方の専用メニュー"),
    h("div", { class: "menu-groups" }, GROUPS.map(([group, items]) =>
      h("section", { class: "menu-group" },
        h("h2", {}, t(group)),
        h("ul", { class: "menu" }, items.map(([label, href, id]) =>
          h("li", {}, h("a", { class: "menu-item", href, id: `menu-${id}` }, t(label)))))))));
}
