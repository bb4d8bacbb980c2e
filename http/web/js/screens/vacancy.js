// M6 ①–⑦: facility choice (or すべて, then 前施設／次施設), two months of
// marks, and a week of free-room counts (空き室数) with 前週／翌週. Open to
// everyone; both views follow bookings and cancellations live.
import { h, button, actions, note, replace } from "../dom.js";
import { render } from "../layout.js";
import { getWithPosition, qs } from "../api.js";
import { facilities } from "../data.js";
import { session } from "../session.js";
import { navigate } from "../router.js";
import { watchVacancy } from "../live.js";
import { monthCalendars, legend, isBookable } from "../calendar.js";
import { addDays, addMonths, fmtDate, fmtShort, fmtMonth, weekdayIndex, styleLabel } from "../format.js";
import { t } from "../i18n.js";

function backToMenu() {
  return session.user ? h("a", { class: "btn", href: "/menu" }, t("メニューへ")) : h("a", { class: "btn", href: "/" }, t("トップページへ"));
}

function liveBadge(ctx) {
  const badge = h("span", { class: "live-badge", role: "status", "aria-live": "polite" }, t("接続中…"));
  return {
    element: badge,
    set(state) {
      if (!ctx.live()) return;
      badge.textContent = state === "live" ? t("● 最新の空き状況を自動で表示しています") : t("自動更新が切断されました。再接続しています…");
      badge.classList.toggle("offline", state !== "live");
    },
  };
}

export async function facilityChoice(ctx) {
  const list = await facilities();
  render(ctx, t("空き室照会・予約"),
    h("p", {}, t("利用したい保養施設を選択してください。")),
    h("ul", { class: "facility-list", id: "facility-list" },
      list.map((f) => h("li", {}, h("a", { class: "facility-card", href: `/vacancy/${f.id}`, "data-facility": f.id },
        h("strong", {}, f.name),
        h("span", { class: "rooms" }, f.roomTypes.map((rt) => t("{style} {rooms}室（定員{cap}名）", { style: styleLabel(rt.style), rooms: rt.rooms, cap: rt.capacity })).join("　"))))),
      h("li", {}, h("a", { class: "facility-card all", href: `/vacancy/${list[0]?.id}?all=1`, id: "facility-all" }, h("strong", {}, t("すべて")),
        h("span", { class: "rooms" }, t("前施設・次施設で切り替えて表示します"))))),
    actions(backToMenu()));
}

export async function calendarScreen(ctx) {
  const id = ctx.params.facilityId;
  const all = ctx.query.get("all") === "1";
  const list = await facilities();
  const index = list.findIndex((f) => f.id === id);
  const f = list[index];
  if (!f) throw Object.assign(new Error(t("施設が見つかりません")), { status: 404 });
  const month = ctx.query.get("month");
  const { data, position } = await getWithPosition(`/api/vacancy/${id}/calendar${qs({ month, months: 2 })}`);
  const shown = data.days.length ? data.days[0].date.slice(0, 7) : month;
  const open = (date) => navigate(`/vacancy/${id}/week/${date}${all ? "?all=1" : ""}`);
  const cal = monthCalendars(data.days, open);
  const badge = liveBadge(ctx);
  const here = (extra) => `/vacancy/${id}${qs({ all: all ? 1 : "", ...extra })}`;
  const nav = [];
  if (all) {
    const prev = list[(index - 1 + list.length) % list.length];
    const next = list[(index + 1) % list.length];
    nav.push(button(t("前施設"), () => navigate(`/vacancy/${prev.id}?all=1`), { id: "prev-facility" }),
      h("span", { class: "counter" }, `${index + 1} / ${list.length}`),
      button(t("次施設"), () => navigate(`/vacancy/${next.id}?all=1`), { id: "next-facility" }));
  }
  render(ctx, t("空き室照会・予約"),
    h("div", { class: "facility-head" },
      h("h2", { id: "facility-name", "data-facility": id }, f.name),
      all ? h("div", { class: "facility-nav" }, nav) : null),
    h("p", {}, t("●または▲を選択すると、その日から１週間の空き室数を表示します。")),
    h("div", { class: "month-nav" },
      button(t("前の月"), () => navigate(here({ month: addMonths(shown, -1) })), { kind: "small", id: "prev-month" }),
      h("span", {}, `${fmtMonth(shown)} ～ ${fmtMonth(addMonths(shown, 1))}`),
      button(t("次の月"), () => navigate(here({ month: addMonths(shown, 1) })), { kind: "small", id: "next-month" })),
    cal.element, legend(), badge.element,
    note(t("受付期間：利用月の２か月前の１日 9:00 から利用日の３日前まで（抽選対象の期間は抽選結果の発表後）。")),
    actions(h("a", { class: "btn", href: "/vacancy" }, t("施設選択にもどる")), backToMenu()));
  ctx.onLeave(watchVacancy([id], position, (msg) => { if (msg.facilityId === id) cal.update(msg); }, { onStatus: badge.set }));
}

export async function weekScreen(ctx) {
  const { facilityId: id, date } = ctx.params;
  const all = ctx.query.get("all") === "1";
  const list = await facilities();
  const f = list.find((x) => x.id === id);
  if (!f) throw Object.assign(new Error(t("施設が見つかりません")), { status: 404 });
  const { data, position } = await getWithPosition(`/api/vacancy/${id}/week?from=${date}`);
  const suffix = all ? "?all=1" : "";
  const days = new Map(data.days.map((d) => [d.date, d]));
  const cells = new Map();
  const head = h("tr", {}, h("th", { scope: "row" }, t("利用日")), data.days.map((d) =>
    h("th", { scope: "col", class: ["day-head", weekdayIndex(d.date) === 0 && "sun", weekdayIndex(d.date) === 6 && "sat"] }, fmtShort(d.date))));
  const row = h("tr", {}, h("th", { scope: "row" }, t("空き室数")), data.days.map((d) => {
    const td = h("td", { "data-date": d.date });
    cells.set(d.date, td);
    fill(td, d);
    return td;
  }));
  function fill(td, d) {
    const free = d.freeRooms;
    const can = isBookable(d) && free > 0;
    const parts = [can
      ? h("button", { type: "button", class: "count", "data-day": d.date, "aria-label": t("{date} 空き室数 {n}", { date: fmtDate(d.date), n: free }),
        onClick: () => navigate(`/vacancy/${id}/book/${d.date}${suffix}`) }, String(free))
      : h("span", { class: "count off", "data-day-off": d.date, "aria-label": `${fmtDate(d.date)} ${d.symbol || "－"}` }, d.symbol === "×" || (d.bookable && free === 0) ? "×" : "－")];
    if (f.styleWish && d.byStyle && can) {
      parts.push(h("span", { class: "by-style" }, Object.entries(d.byStyle).map(([s, n]) => `${styleLabel(s)} ${n}`).join("・")));
    }
    td.classList.toggle("closed", !can);
    replace(td, ...parts);
  }
  const badge = liveBadge(ctx);
  render(ctx, t("空き室照会・予約"),
    h("h2", { id: "facility-name", "data-facility": id }, f.name),
    h("p", {}, t("利用したい日付の空き室数の数字を選択してください。")),
    h("div", { class: "table-scroll" }, h("table", { class: "week", id: "week" }, h("thead", {}, head), h("tbody", {}, row))),
    badge.element,
    actions(
      button(t("前週"), () => navigate(`/vacancy/${id}/week/${addDays(date, -7)}${suffix}`), { id: "prev-week" }),
      button(t("翌週"), () => navigate(`/vacancy/${id}/week/${addDays(date, 7)}${suffix}`), { id: "next-week" }),
      h("a", { class: "btn", href: `/vacancy/${id}${qs({ all: all ? 1 : "", month: date.slice(0, 7) })}` }, t("カレンダーにもどる"))));
  let refresh = null;
  ctx.onLeave(watchVacancy([id], position, (msg) => {
    const d = days.get(msg.date);
    if (!d || msg.facilityId !== id) return;
    Object.assign(d, { freeRooms: msg.freeRooms, totalRooms: msg.totalRooms, symbol: msg.symbol, bookable: isBookable(msg) });
    fill(cells.get(msg.date), d);
    const td = cells.get(msg.date);
    td.classList.remove("changed"); void td.offsetWidth; td.classList.add("changed");
    if (f.styleWish) {
      // The message has no per-style counts: read the week again, once.
      clearTimeout(refresh);
      refresh = setTimeout(async () => {
        try {
          const again = await getWithPosition(`/api/vacancy/${id}/week?from=${date}`);
          if (!ctx.live()) return;
          for (const nd of again.data.days) { days.set(nd.date, nd); fill(cells.get(nd.date), nd); }
        } catch { /* the counts stay as they are */ }
      }, 300);
    }
  }, { onStatus: badge.set }));
  ctx.onLeave(() => clearTimeout(refresh));
}
