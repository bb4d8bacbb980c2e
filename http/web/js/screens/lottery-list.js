// M3 抽選申込みの確認 (every application in periods not yet published; もどる),
// M4 抽選申込みの取消し (those still cancellable, ☑ several, 取消し, confirm,
// done, メニューへ) and M5 抽選結果の確認 (当選 with its 予約番号, or the
// applications that lost).
import { h, table, actions, button, alertSlot, note, summary, append } from "../dom.js";
import { render, act, ask } from "../layout.js";
import { api } from "../api.js";
import { facilities, facilityLabel } from "../data.js";
import { fmtDate, fmtMonth, fmtInstant, fw, nightsLabel, peopleLabel, styleLabel, applicationStatus, lotteryStatus } from "../format.js";
import { t } from "../i18n.js";

async function applicationsOf(filter) {
  const [lotteries, list] = await Promise.all([api("GET", "/api/lotteries"), facilities()]);
  const rows = [];
  for (const l of lotteries.filter(filter)) {
    const apps = await api("GET", `/api/lotteries/${l.lotteryId}/applications`);
    for (const a of apps.sort((x, y) => x.preference - y.preference)) rows.push({ l, a });
  }
  return { lotteries, list, rows };
}

function columns(list) {
  return [
    [t("抽選"), (r) => t("{month}利用分", { month: fmtMonth(r.l.stayMonth) })],
    [t("希望"), (r) => t("第{k}希望", { k: fw(r.a.preference) })],
    [t("施設"), (r) => facilityLabel(list, r.a.facilityId)],
    [t("利用日"), (r) => fmtDate(r.a.checkIn)],
    [t("宿泊数"), (r) => nightsLabel(r.a.nights)],
    [t("人数"), (r) => peopleLabel(r.a.people)],
    [t("和洋室希望"), (r) => (list.find((f) => f.id === r.a.facilityId)?.styleWish ? styleLabel(r.a.roomStyle) : "－")],
  ];
}

export async function lotteryApplications(ctx) {
  const { list, rows } = await applicationsOf((l) => l.status !== "published");
  render(ctx, t("抽選申込みの確認"),
    rows.length === 0 ? h("p", { id: "no-applications" }, t("申込みしている抽選はありません。")) :
      table([...columns(list),
        [t("状態"), (r) => applicationStatus(r.a.status)],
        [t("抽選の状況"), (r) => lotteryStatus(r.l.status)]], rows,
      { id: "applications", rowAttrs: (r) => ({ "data-application": r.a.applicationId, class: r.a.status === "cancelled" ? "muted" : "" }) }),
    actions(h("a", { class: "btn", href: "/menu", id: "back" }, t("もどる"))));
}

export async function lotteryCancel(ctx) {
  const { list, rows: all } = await applicationsOf((l) => l.status === "open");
  const rows = all.filter((r) => r.a.status === "active");
  const box = h("div", {});
  const pick = (r) => h("input", { type: "checkbox", name: "applicationIds", value: r.a.applicationId, "data-lottery": r.l.lotteryId,
    "aria-label": t("第{k}希望 {date} を取り消す", { k: fw(r.a.preference), date: fmtDate(r.a.checkIn) }) });
  append(box, 
    rows.length === 0 ? h("p", { id: "no-applications" }, t("取消しできる抽選申込みはありません。")) : [
      h("p", {}, t("取消しする申込みを選択し、☑をつけてください（複数選択できます）。")),
      table([[t("選択"), pick], ...columns(list)], rows, { id: "applications" }),
    ],
    alertSlot(),
    actions(
      rows.length ? button(t("取消し"), (ev) => cancel(ev.currentTarget), { kind: "danger", id: "cancel" }) : null,
      h("a", { class: "btn", href: "/menu" }, t("もどる"))));
  async function cancel(btn) {
    await act(box, async () => {
      const checked = [...box.querySelectorAll("input[name=applicationIds]:checked")];
      if (checked.length === 0) throw new Error(t("取消しする申込みを選択してください。"));
      if (!ask(t("選択した {n} 件の抽選申込みを取り消します。よろしいですか？", { n: checked.length }))) return;
      const byLottery = new Map();
      for (const c of checked) {
        if (!byLottery.has(c.dataset.lottery)) byLottery.set(c.dataset.lottery, []);
        byLottery.get(c.dataset.lottery).push(c.value);
      }
      for (const [lotteryId, ids] of byLottery) {
        await api("POST", `/api/lotteries/${lotteryId}/applications/cancellations`, { body: { applicationIds: ids } });
      }
      const gone = rows.filter((r) => checked.some((c) => c.value === r.a.applicationId));
      render(ctx, t("抽選申込みの取消完了"),
        h("p", { class: "done-message", id: "cancel-done" }, t("抽選申込みの取消しが完了しました。")),
        table(columns(list), gone, { id: "cancelled" }),
        note(t("すべての申込みを取り消した抽選では、あらためて施設を選んで申込みできます。")),
        actions(h("a", { class: "btn primary", href: "/menu", id: "to-menu" }, t("メニューへ"))));
    }, btn);
  }
  render(ctx, t("抽選申込みの取消し"), box);
}

export async function lotteryResults(ctx) {
  const [lotteries, list] = await Promise.all([api("GET", "/api/lotteries"), facilities()]);
  const sections = [];
  for (const l of lotteries) {
    const apps = await api("GET", `/api/lotteries/${l.lotteryId}/applications`);
    if (apps.length === 0) continue;
    const r = await api("GET", `/api/lotteries/${l.lotteryId}/result`);
    const title = h("h2", {}, t("{month}利用分の抽選", { month: fmtMonth(l.stayMonth) }));
    if (r.status === "won") {
      const a = r.won;
      sections.push(h("section", { class: "result won", "data-lottery": l.lotteryId }, title,
        h("p", { class: "result-head" }, h("span", { class: "badge won" }, t("当選")), t("おめでとうございます。次の申込みが当選しました。")),
        summary([[t("予約番号"), h("strong", { class: "mono big", id: "won-number" }, a.reservationNumber || "")],
          [t("希望"), t("第{k}希望", { k: fw(a.preference) })],
          [t("施設"), facilityLabel(list, a.facilityId)], [t("利用日"), `${fmtDate(a.checkIn)}（${nightsLabel(a.nights)}）`],
          [t("人数"), peopleLabel(a.people)],
          list.find((f) => f.id === a.facilityId)?.styleWish ? [t("和洋室希望"), styleLabel(a.roomStyle)] : null]),
        note(t("当選した予約は「予約の確認・変更」にも表示されます。"))));
    } else if (r.status === "lost") {
      sections.push(h("section", { class: "result lost", "data-lottery": l.lotteryId }, title,
        h("p", { class: "result-head" }, h("span", { class: "badge lost" }, t("落選")), t("残念ながら、すべての希望が落選となりました。")),
        table([
          [t("希望"), (a) => t("第{k}希望", { k: fw(a.preference) })],
          [t("施設"), (a) => facilityLabel(list, a.facilityId)],
          [t("利用日"), (a) => fmtDate(a.checkIn)],
          [t("宿泊数"), (a) => nightsLabel(a.nights)],
          [t("人数"), (a) => peopleLabel(a.people)],
        ], r.lost, { id: `lost-${l.lotteryId}` })));
    } else {
      sections.push(h("section", { class: "result pending", "data-lottery": l.lotteryId }, title,
        h("p", {}, t("抽選結果は {at} に発表します。", { at: fmtInstant(l.publishAt) }))));
    }
  }
  render(ctx, t("抽選結果の確認"),
    sections.length ? sections : h("p", { id: "no-results" }, t("抽選の申込みはありません。")),
    actions(h("a", { class: "btn", href: "/menu", id: "back" }, t("もどる"))));
}
