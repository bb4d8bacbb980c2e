// M2 抽選の申込み: choose the facility (skipped when the user already applied
// in this period: one facility per period), a week of
// 申込総数／当選可能数 with 前週／翌週, click a day, nights / people / style
// wish, then 第１希望に申込む… from the user's list of applications
// (抽選申込み一覧), confirm, done with 次の希望日へ and 終了.
import { h, summary, actions, button, alertSlot, note, table, append } from "../dom.js";
import { render, act, ask } from "../layout.js";
import { api } from "../api.js";
import { facilities, reductionsOffered } from "../data.js";
import { navigate } from "../router.js";
import { stayForm } from "../stayform.js";
import { addDays, fmtDate, fmtShort, fmtMonth, fmtInstant, fw, nightsLabel, peopleLabel, styleLabel, weekdayIndex, lotteryStatus } from "../format.js";
import { t } from "../i18n.js";
import { suspensionNotice } from "../suspension.js";
import { priceLines, priceTotal } from "../price.js";

async function lotteryById(id) {
  const all = await api("GET", "/api/lotteries");
  const l = all.find((x) => x.lotteryId === id);
  if (!l) throw Object.assign(new Error(t("error.noLottery")), { status: 404 });
  return l;
}

const lastDay = (stayMonth) => addDays(`${stayMonth.slice(0, 7)}-01`, 40).slice(0, 7) + "-01";
const inMonth = (l, date) => date.startsWith(l.stayMonth);

export async function lotteryStart(ctx) {
  const all = await api("GET", "/api/lotteries");
  const open = all.filter((l) => l.status === "open");
  if (open.length === 0) {
    render(ctx, t("lottery.apply.title"),
      h("p", { id: "no-lottery" }, t("lottery.none")),
      all.length ? table([
        [t("common.stayMonth"), (l) => fmtMonth(l.stayMonth)],
        [t("common.applicationPeriod"), (l) => t("common.range", { from: fmtInstant(l.opensAt), to: fmtInstant(l.closesAt) })],
        [t("common.status"), (l) => lotteryStatus(l.status)],
      ], all, { caption: t("lottery.schedule") }) : null,
      actions(h("a", { class: "btn", href: "/menu" }, t("common.back"))));
    return;
  }
  const chosen = ctx.query.get("lottery");
  if (open.length > 1 && !chosen) {
    render(ctx, t("lottery.apply.title"), h("p", {}, t("lottery.choose")),
      h("ul", { class: "facility-list" }, open.map((l) => h("li", {}, h("a", { class: "facility-card", href: `/lottery?lottery=${l.lotteryId}` },
        h("strong", {}, t("lottery.monthStays", { month: fmtMonth(l.stayMonth) })), h("span", { class: "rooms" }, t("lottery.closesAt", { at: fmtInstant(l.closesAt) })))))),
      actions(h("a", { class: "btn", href: "/menu" }, t("common.back"))));
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
  render(ctx, t("lottery.apply.title"),
    summary([[t("common.lottery"), t("lottery.monthStays", { month: fmtMonth(l.stayMonth) })],
      [t("common.applicationPeriod"), t("common.range", { from: fmtInstant(l.opensAt), to: fmtInstant(l.closesAt) })],
      [t("lottery.slots"), t("lottery.upTo", { k: fw(l.preferenceSlots) })]]),
    h("p", {}, t("vacancy.chooseFacility")),
    note(t("lottery.oneFacility")),
    h("ul", { class: "facility-list", id: "lottery-facilities" }, list.map((f) => h("li", {},
      h("a", { class: "facility-card", href: `/lottery/${l.lotteryId}/${f.id}`, "data-facility": f.id }, h("strong", {}, f.name))))),
    actions(h("a", { class: "btn", href: "/menu" }, t("common.back"))));
}

export async function lotteryWeek(ctx) {
  const { lotteryId, facilityId } = ctx.params;
  const l = await lotteryById(lotteryId);
  const f = (await facilities()).find((x) => x.id === facilityId);
  if (!f) throw Object.assign(new Error(t("error.noFacility")), { status: 404 });
  const first = `${l.stayMonth}-01`;
  const end = lastDay(l.stayMonth); // the 1st of the next month
  let from = ctx.query.get("from") || first;
  if (from < first) from = first;
  const data = await api("GET", `/api/lotteries/${lotteryId}/demand/${facilityId}?from=${from}`);
  const days = data.days;
  const head = h("tr", {}, h("th", { scope: "row" }, t("common.date")), days.map((d) =>
    h("th", { scope: "col", class: ["day-head", weekdayIndex(d.date) === 0 && "sun", weekdayIndex(d.date) === 6 && "sat"] }, fmtShort(d.date))));
  const row = h("tr", {}, h("th", { scope: "row" }, t("lottery.demand")), days.map((d) => h("td", { "data-date": d.date },
    inMonth(l, d.date) && d.winnable > 0
      ? h("button", { type: "button", class: "count", "data-day": d.date,
        "aria-label": t("lottery.demandDay", { date: fmtDate(d.date), a: d.applications, w: d.winnable }),
        onClick: () => navigate(`/lottery/${lotteryId}/${facilityId}/apply/${d.date}`) }, t("lottery.demandCount", { a: d.applications, w: d.winnable }))
      : h("span", { class: "count off" }, inMonth(l, d.date) ? t("lottery.demandCount", { a: d.applications, w: d.winnable }) : "－"))));
  const prev = addDays(from, -7) < first ? first : addDays(from, -7);
  render(ctx, t("lottery.apply.title"),
    summary([[t("common.lottery"), t("lottery.monthStays", { month: fmtMonth(l.stayMonth) })], [t("common.facility"), h("span", { id: "lottery-facility" }, f.name)]]),
    h("p", {}, t("lottery.demandHint")),
    h("div", { class: "table-scroll" }, h("table", { class: "week", id: "demand" }, h("thead", {}, head), h("tbody", {}, row))),
    actions(
      button(t("vacancy.prevWeek"), () => navigate(`/lottery/${lotteryId}/${facilityId}?from=${prev}`), { id: "prev-week", disabled: from <= first }),
      button(t("vacancy.nextWeek"), () => navigate(`/lottery/${lotteryId}/${facilityId}?from=${addDays(from, 7)}`), { id: "next-week", disabled: addDays(from, 7) >= end }),
      h("a", { class: "btn", href: "/menu" }, t("common.back"))));
}

export async function lotteryApply(ctx) {
  const { lotteryId, facilityId, date } = ctx.params;
  const [l, list, apps, suspension, reductions] = await Promise.all([lotteryById(lotteryId), facilities(),
    api("GET", `/api/lotteries/${lotteryId}/applications`), suspensionNotice(), reductionsOffered(facilityId, date)]);
  const f = list.find((x) => x.id === facilityId);
  if (!f) throw Object.assign(new Error(t("error.noFacility")), { status: 404 });
  const maxNights = inMonth(l, addDays(date, 1)) ? 2 : 1;
  const form = stayForm(f, date, { maxNights, guests: true, reductions });
  const active = apps.filter((a) => a.status === "active");
  const box = h("form", { class: "booking", novalidate: true });
  box.addEventListener("submit", (ev) => ev.preventDefault());
  const slots = Array.from({ length: l.preferenceSlots }, (_, i) => i + 1);
  const slotRows = slots.map((k) => ({ k, a: active.find((a) => a.preference === k) }));
  const facName = (id) => list.find((x) => x.id === id)?.name || id;
  const applyTo = (k, btn) => act(box, async () => {
    const stay = form.read();
    // What a win would cost at today's rates (it is priced at the publication).
    const quote = await api("POST", "/api/quotes", { body: { facilityId, checkIn: date, ...stay }, read: true });
    const text = [t("lottery.apply.confirm", { k: fw(k) }), "",
      `${t("common.facility")}: ${f.name}`, `${t("common.date")}: ${fmtDate(date)}`, `${t("common.nights")}: ${nightsLabel(stay.nights)}`,
      `${t("common.people")}: ${peopleLabel(stay.people)}`, stay.roomStyle ? `${t("common.styleWish")}: ${styleLabel(stay.roomStyle)}` : null,
      "", `${t("lottery.apply.priceEstimate")}:`, ...priceLines(quote.price), priceTotal(quote.price)].filter((x) => x !== null).join("\n");
    if (!ask(text)) return;
    const a = await api("POST", `/api/lotteries/${lotteryId}/applications`,
      { body: { facilityId, checkIn: date, ...stay, preference: k } });
    done(ctx, l, f, a, date);
  }, btn);
  append(box, suspension,
    summary([[t("common.lottery"), t("lottery.monthStays", { month: fmtMonth(l.stayMonth) })],
      [t("common.facility"), h("span", { id: "apply-facility" }, f.name)], [t("common.checkIn"), h("span", { id: "apply-date" }, fmtDate(date))]]),
    note(t("booking.checkFacilityDate")),
    form.element, alertSlot(),
    h("h2", {}, t("lottery.apply.list")),
    h("p", {}, t("lottery.apply.hint")),
    table([
      [t("lottery.preference"), (r) => t("lottery.nth", { k: fw(r.k) })],
      [t("lottery.apply.content"), (r) => r.a ? [facName(r.a.facilityId), fmtDate(r.a.checkIn), nightsLabel(r.a.nights), peopleLabel(r.a.people),
        f.styleWish ? styleLabel(r.a.roomStyle) : null].filter((x) => x !== null).join(t("common.sep.gap")) : t("lottery.apply.empty")],
      ["", (r) => r.a ? t("lottery.apply.applied") : h("button", { type: "button", class: "btn primary", "data-slot": r.k,
        onClick: (ev) => applyTo(r.k, ev.currentTarget) }, t("lottery.apply.to", { k: fw(r.k) }))],
    ], slotRows, { id: "slots", className: "slots" }),
    actions(button(t("common.back"), () => navigate(`/lottery/${lotteryId}/${facilityId}?from=${date}`), { id: "back" })));
  render(ctx, t("lottery.apply.title"), box);
}

function done(ctx, l, f, a, date) {
  const weekStart = date;
  render(ctx, t("lottery.apply.done.title"),
    h("p", { class: "done-message", id: "lottery-done" }, t("lottery.apply.done.message", { k: fw(a.preference) })),
    summary([[t("lottery.applicationNumber"), h("span", { class: "mono" }, a.applicationId)], [t("common.facility"), f.name],
      [t("common.date"), t("common.paren", { a: fmtDate(a.checkIn), b: nightsLabel(a.nights) })], [t("common.people"), peopleLabel(a.people)],
      f.styleWish ? [t("common.styleWish"), styleLabel(a.roomStyle)] : null,
      [t("lottery.apply.priceEstimate"), h("span", { id: "applied-price" }, priceTotal(a.price))]]),
    note(t("lottery.apply.done.results", { at: fmtInstant(l.publishAt) })),
    actions(
      h("a", { class: "btn primary", id: "next-wish", href: `/lottery/${l.lotteryId}/${f.id}?from=${weekStart}` }, t("lottery.apply.done.next")),
      h("a", { class: "btn", href: "/menu", id: "finish" }, t("common.finish"))));
}
