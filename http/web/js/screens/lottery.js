// M2 抽選の申込み: choose the facility (skipped when the user already applied
// in this period: one facility per period), a week of
// 申込総数／当選可能数 with 前週／翌週, click a day, nights / people / style
// wish, then 第１希望に申込む… from the user's list of applications
// (抽選申込み一覧), confirm, done with 次の希望日へ and 終了.
import { h, summary, actions, button, alertSlot, note, table, append } from "../dom.js";
import { render, act, ask } from "../layout.js";
import { api } from "../api.js";
import { facilities } from "../data.js";
import { navigate } from "../router.js";
import { stayForm } from "../stayform.js";
import { addDays, fmtDate, fmtShort, fmtMonth, fmtInstant, fw, nightsLabel, peopleLabel, styleLabel, weekdayIndex, lotteryStatus } from "../format.js";
import { t } from "../i18n.js";

async function lotteryById(id) {
  const all = await api("GET", "/api/lotteries");
  const l = all.find((x) => x.lotteryId === id);
  if (!l) throw Object.assign(new Error(t("抽選が見つかりません")), { status: 404 });
  return l;
}

const lastDay = (stayMonth) => addDays(`${stayMonth.slice(0, 7)}-01`, 40).slice(0, 7) + "-01";
const inMonth = (l, date) => date.startsWith(l.stayMonth);

export async function lotteryStart(ctx) {
  const all = await api("GET", "/api/lotteries");
  const open = all.filter((l) => l.status === "open");
  if (open.length === 0) {
    render(ctx, t("抽選の申込み"),
      h("p", { id: "no-lottery" }, t("現在、申込みを受け付けている抽選はありません。")),
      all.length ? table([
        [t("対象月"), (l) => fmtMonth(l.stayMonth)],
        [t("申込期間"), (l) => `${fmtInstant(l.opensAt)} ～ ${fmtInstant(l.closesAt)}`],
        [t("状態"), (l) => lotteryStatus(l.status)],
      ], all, { caption: t("抽選の予定") }) : null,
      actions(h("a", { class: "btn", href: "/menu" }, t("もどる"))));
    return;
  }
  const chosen = ctx.query.get("lottery");
  if (open.length > 1 && !chosen) {
    render(ctx, t("抽選の申込み"), h("p", {}, t("申込む抽選を選択してください。")),
      h("ul", { class: "facility-list" }, open.map((l) => h("li", {}, h("a", { class: "facility-card", href: `/lottery?lottery=${l.lotteryId}` },
        h("strong", {}, t("{month}利用分", { month: fmtMonth(l.stayMonth) })), h("span", { class: "rooms" }, t("申込期限 {at}", { at: fmtInstant(l.closesAt) })))))),
      actions(h("a", { class: "btn", href: "/menu" }, t("もどる"))));
    return;
  }
  const l = open.find((x) => x.lotteryId === chosen) || open[0];
  const apps = await api("GET", `/api/lotteries/${l.lotteryId}/applications`);
  const active = apps.find((a) => a.status === "active");
  if (active) {
    // One facility per period: the facility screen is skipped.
    navigate(`/lottery/${l.lotteryId}/${active.facilityId}`, { replace: true });
    return;
  }
  const list = (await facilities()).filter((f) => l.facilityIds.includes(f.id));
  render(ctx, t("抽選の申込み"),
    summary([[t("抽選"), t("{month}利用分", { month: fmtMonth(l.stayMonth) })],
      [t("申込期間"), `${fmtInstant(l.opensAt)} ～ ${fmtInstant(l.closesAt)}`],
      [t("希望数"), t("第{k}希望まで", { k: fw(l.preferenceSlots) })]]),
    h("p", {}, t("利用したい保養施設を選択してください。")),
    note(t("※申込みできる保養施設は、１回の抽選につき１施設のみです。")),
    h("ul", { class: "facility-list", id: "lottery-facilities" }, list.map((f) => h("li", {},
      h("a", { class: "facility-card", href: `/lottery/${l.lotteryId}/${f.id}`, "data-facility": f.id }, h("strong", {}, f.name))))),
    actions(h("a", { class: "btn", href: "/menu" }, t("もどる"))));
}

export async function lotteryWeek(ctx) {
  const { lotteryId, facilityId } = ctx.params;
  const l = await lotteryById(lotteryId);
  const f = (await facilities()).find((x) => x.id === facilityId);
  if (!f) throw Object.assign(new Error(t("施設が見つかりません")), { status: 404 });
  const first = `${l.stayMonth}-01`;
  const end = lastDay(l.stayMonth); // the 1st of the next month
  let from = ctx.query.get("from") || first;
  if (from < first) from = first;
  const data = await api("GET", `/api/lotteries/${lotteryId}/demand/${facilityId}?from=${from}`);
  const days = data.days;
  const head = h("tr", {}, h("th", { scope: "row" }, t("利用日")), days.map((d) =>
    h("th", { scope: "col", class: ["day-head", weekdayIndex(d.date) === 0 && "sun", weekdayIndex(d.date) === 6 && "sat"] }, fmtShort(d.date))));
  const row = h("tr", {}, h("th", { scope: "row" }, t("申込総数／当選可能数")), days.map((d) => h("td", { "data-date": d.date },
    inMonth(l, d.date) && d.winnable > 0
      ? h("button", { type: "button", class: "count", "data-day": d.date,
        "aria-label": t("{date} 申込総数／当選可能数 {a}／{w}", { date: fmtDate(d.date), a: d.applications, w: d.winnable }),
        onClick: () => navigate(`/lottery/${lotteryId}/${facilityId}/apply/${d.date}`) }, `${d.applications}／${d.winnable}`)
      : h("span", { class: "count off" }, inMonth(l, d.date) ? `${d.applications}／${d.winnable}` : "－"))));
  const prev = addDays(from, -7) < first ? first : addDays(from, -7);
  render(ctx, t("抽選の申込み"),
    summary([[t("抽選"), t("{month}利用分", { month: fmtMonth(l.stayMonth) })], [t("施設"), h("span", { id: "lottery-facility" }, f.name)]]),
    h("p", {}, t("利用したい日付の「申込総数／当選可能数」の数字を選択してください。")),
    h("div", { class: "table-scroll" }, h("table", { class: "week", id: "demand" }, h("thead", {}, head), h("tbody", {}, row))),
    actions(
      button(t("前週"), () => navigate(`/lottery/${lotteryId}/${facilityId}?from=${prev}`), { id: "prev-week", disabled: from <= first }),
      button(t("翌週"), () => navigate(`/lottery/${lotteryId}/${facilityId}?from=${addDays(from, 7)}`), { id: "next-week", disabled: addDays(from, 7) >= end }),
      h("a", { class: "btn", href: "/menu" }, t("もどる"))));
}

export async function lotteryApply(ctx) {
  const { lotteryId, facilityId, date } = ctx.params;
  const [l, list, apps] = await Promise.all([lotteryById(lotteryId), facilities(),
    api("GET", `/api/lotteries/${lotteryId}/applications`)]);
  const f = list.find((x) => x.id === facilityId);
  if (!f) throw Object.assign(new Error(t("施設が見つかりません")), { status: 404 });
  const maxNights = inMonth(l, addDays(date, 1)) ? 2 : 1;
  const form = stayForm(f, date, { maxNights });
  const active = apps.filter((a) => a.status === "active");
  const box = h("form", { class: "booking", novalidate: true });
  box.addEventListener("submit", (ev) => ev.preventDefault());
  const slots = Array.from({ length: l.preferenceSlots }, (_, i) => i + 1);
  const slotRows = slots.map((k) => ({ k, a: active.find((a) => a.preference === k) }));
  const facName = (id) => list.find((x) => x.id === id)?.name || id;
  const applyTo = (k, btn) => act(box, async () => {
    const stay = form.read();
    const text = [t("第{k}希望として抽選に申込みます。よろしいですか？", { k: fw(k) }), "",
      `${t("施設")}: ${f.name}`, `${t("利用日")}: ${fmtDate(date)}`, `${t("宿泊数")}: ${nightsLabel(stay.nights)}`,
      `${t("人数")}: ${peopleLabel(stay.people)}`, stay.roomStyle ? `${t("和洋室希望")}: ${styleLabel(stay.roomStyle)}` : null].filter((x) => x !== null).join("\n");
    if (!ask(text)) return;
    const a = await api("POST", `/api/lotteries/${lotteryId}/applications`,
      { body: { facilityId, checkIn: date, ...stay, preference: k } });
    done(ctx, l, f, a, date);
  }, btn);
  append(box, 
    summary([[t("抽選"), t("{month}利用分", { month: fmtMonth(l.stayMonth) })],
      [t("施設"), h("span", { id: "apply-facility" }, f.name)], [t("利用日（チェックイン）"), h("span", { id: "apply-date" }, fmtDate(date))]]),
    note(t("施設と日付に間違いがないことを確認してください。")),
    form.element, alertSlot(),
    h("h2", {}, t("抽選申込み一覧")),
    h("p", {}, t("入力内容を確認し、申込みたい希望番号のボタンを選択してください。")),
    table([
      [t("希望"), (r) => t("第{k}希望", { k: fw(r.k) })],
      [t("申込み内容"), (r) => r.a ? `${facName(r.a.facilityId)}　${fmtDate(r.a.checkIn)}　${nightsLabel(r.a.nights)}　${peopleLabel(r.a.people)}${f.styleWish ? "　" + styleLabel(r.a.roomStyle) : ""}` : t("（未申込み）")],
      ["", (r) => r.a ? t("申込み済み") : h("button", { type: "button", class: "btn primary", "data-slot": r.k,
        onClick: (ev) => applyTo(r.k, ev.currentTarget) }, t("第{k}希望に申込む", { k: fw(r.k) }))],
    ], slotRows, { id: "slots", className: "slots" }),
    actions(button(t("もどる"), () => navigate(`/lottery/${lotteryId}/${facilityId}?from=${date}`), { id: "back" })));
  render(ctx, t("抽選の申込み"), box);
}

function done(ctx, l, f, a, date) {
  const weekStart = date;
  render(ctx, t("抽選申込みの完了"),
    h("p", { class: "done-message", id: "lottery-done" }, t("第{k}希望の抽選申込みが完了しました。", { k: fw(a.preference) })),
    summary([[t("申込番号"), h("span", { class: "mono" }, a.applicationId)], [t("施設"), f.name],
      [t("利用日"), `${fmtDate(a.checkIn)}（${nightsLabel(a.nights)}）`], [t("人数"), peopleLabel(a.people)],
      f.styleWish ? [t("和洋室希望"), styleLabel(a.roomStyle)] : null]),
    note(t("抽選結果は {at} 以降に「抽選結果の確認」でご確認ください。", { at: fmtInstant(l.publishAt) })),
    actions(
      h("a", { class: "btn primary", id: "next-wish", href: `/lottery/${l.lotteryId}/${f.id}?from=${weekStart}` }, t("次の希望日へ")),
      h("a", { class: "btn", href: "/menu", id: "finish" }, t("終了"))));
}
