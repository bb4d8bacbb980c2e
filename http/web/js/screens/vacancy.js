// M6 ①–⑦: facility choice (or すべて, then 前施設／次施設), two months of
// marks, and a week of free-room counts (空き室数) with 前週／翌週. Open to
// everyone; both views follow bookings and cancellations live. At a facility
// with a cancellation waitlist a full (×) date leads to joining it.
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
import { takesWaitlist, joinPath } from "./waitlist.js";

function backToMenu() {
  return session.user ? h("a", { class: "btn", href: "/menu" }, t("common.toMenu")) : h("a", { class: "btn", href: "/" }, t("common.toTop"));
}

function liveBadge(ctx) {
  const badge = h("span", { class: "live-badge", role: "status", "aria-live": "polite" }, t("vacancy.live.connecting"));
  return {
    element: badge,
    set(state) {
      if (!ctx.live()) return;
      badge.textContent = state === "live" ? t("vacancy.live.on") : t("vacancy.live.off");
      badge.classList.toggle("offline", state !== "live");
    },
  };
}

export async function facilityChoice(ctx) {
  const list = await facilities();
  render(ctx, t("vacancy.title"),
    h("p", {}, t("vacancy.chooseFacility")),
    h("ul", { class: "facility-list", id: "facility-list" },
      list.map((f) => h("li", {}, h("a", { class: "facility-card", href: `/vacancy/${f.id}`, "data-facility": f.id },
        h("strong", {}, f.name),
        h("span", { class: "rooms" }, f.roomTypes.map((rt) => t("vacancy.roomType", { style: styleLabel(rt.style), rooms: rt.rooms, cap: rt.capacity })).join(t("common.sep.gap")))))),
      h("li", {}, h("a", { class: "facility-card all", href: `/vacancy/${list[0]?.id}?all=1`, id: "facility-all" }, h("strong", {}, t("vacancy.all")),
        h("span", { class: "rooms" }, t("vacancy.allHint"))))),
    actions(backToMenu()));
}

export async function calendarScreen(ctx) {
  const id = ctx.params.facilityId;
  const all = ctx.query.get("all") === "1";
  const list = await facilities();
  const index = list.findIndex((f) => f.id === id);
  const f = list[index];
  if (!f) throw Object.assign(new Error(t("error.noFacility")), { status: 404 });
  const month = ctx.query.get("month");
  const { data, position } = await getWithPosition(`/api/vacancy/${id}/calendar${qs({ month, months: 2 })}`);
  const shown = data.days.length ? data.days[0].date.slice(0, 7) : month;
  const open = (date) => navigate(`/vacancy/${id}/week/${date}${all ? "?all=1" : ""}`);
  const waitlist = takesWaitlist(f);
  const cal = monthCalendars(data.days, open, { onFull: waitlist ? (date) => navigate(joinPath(id, date)) : null });
  const badge = liveBadge(ctx);
  const here = (extra) => `/vacancy/${id}${qs({ all: all ? 1 : "", ...extra })}`;
  const nav = [];
  if (all) {
    const prev = list[(index - 1 + list.length) % list.length];
    const next = list[(index + 1) % list.length];
    nav.push(button(t("vacancy.prevFacility"), () => navigate(`/vacancy/${prev.id}?all=1`), { id: "prev-facility" }),
      h("span", { class: "counter" }, `${index + 1} / ${list.length}`),
      button(t("vacancy.nextFacility"), () => navigate(`/vacancy/${next.id}?all=1`), { id: "next-facility" }));
  }
  render(ctx, t("vacancy.title"),
    h("div", { class: "facility-head" },
      h("h2", { id: "facility-name", "data-facility": id }, f.name),
      all ? h("div", { class: "facility-nav" }, nav) : null),
    h("p", {}, t("vacancy.calendarHint")),
    waitlist ? note(t("waitlist.vacancyHint")) : null,
    h("div", { class: "month-nav" },
      button(t("vacancy.prevMonth"), () => navigate(here({ month: addMonths(shown, -1) })), { kind: "small", id: "prev-month" }),
      h("span", {}, t("common.range", { from: fmtMonth(shown), to: fmtMonth(addMonths(shown, 1)) })),
      button(t("vacancy.nextMonth"), () => navigate(here({ month: addMonths(shown, 1) })), { kind: "small", id: "next-month" })),
    cal.element, legend(), badge.element,
    note(t("vacancy.bookingWindow")),
    actions(h("a", { class: "btn", href: "/vacancy" }, t("vacancy.backToFacilities")), backToMenu()));
  ctx.onLeave(watchVacancy([id], position, (msg) => { if (msg.facilityId === id) cal.update(msg); }, { onStatus: badge.set }));
}

export async function weekScreen(ctx) {
  const { facilityId: id, date } = ctx.params;
  const all = ctx.query.get("all") === "1";
  const list = await facilities();
  const f = list.find((x) => x.id === id);
  if (!f) throw Object.assign(new Error(t("error.noFacility")), { status: 404 });
  const { data, position } = await getWithPosition(`/api/vacancy/${id}/week?from=${date}`);
  const suffix = all ? "?all=1" : "";
  const days = new Map(data.days.map((d) => [d.date, d]));
  const cells = new Map();
  const head = h("tr", {}, h("th", { scope: "row" }, t("common.date")), data.days.map((d) =>
    h("th", { scope: "col", class: ["day-head", weekdayIndex(d.date) === 0 && "sun", weekdayIndex(d.date) === 6 && "sat"] }, fmtShort(d.date))));
  const row = h("tr", {}, h("th", { scope: "row" }, t("vacancy.freeRooms")), data.days.map((d) => {
    const td = h("td", { "data-date": d.date });
    cells.set(d.date, td);
    fill(td, d);
    return td;
  }));
  function fill(td, d) {
    const free = d.freeRooms;
    const can = isBookable(d) && free > 0;
    const full = d.symbol === "×" || (d.bookable && free === 0);
    const parts = [can
      ? h("button", { type: "button", class: "count", "data-day": d.date, "aria-label": t("vacancy.dayFree", { date: fmtDate(d.date), n: free }),
        onClick: () => navigate(`/vacancy/${id}/book/${d.date}${suffix}`) }, String(free))
      : h("span", { class: "count off", "data-day-off": d.date, "aria-label": `${fmtDate(d.date)} ${d.symbol || "－"}` }, full ? "×" : "－")];
    if (full && takesWaitlist(f)) {
      parts.push(h("button", { type: "button", class: "btn small join-waitlist", "data-waitlist-day": d.date,
        "aria-label": t("waitlist.joinDay", { date: fmtDate(d.date) }), onClick: () => navigate(joinPath(id, d.date)) }, t("waitlist.joinShort")));
    }
    if (f.styleWish && d.byStyle && can) {
      parts.push(h("span", { class: "by-style" }, Object.entries(d.byStyle).map(([s, n]) => `${styleLabel(s)} ${n}`).join(t("common.sep.dot"))));
    }
    td.classList.toggle("closed", !can);
    replace(td, ...parts);
  }
  const badge = liveBadge(ctx);
  render(ctx, t("vacancy.title"),
    h("h2", { id: "facility-name", "data-facility": id }, f.name),
    h("p", {}, t("vacancy.weekHint")),
    takesWaitlist(f) ? note(t("waitlist.vacancyHint")) : null,
    h("div", { class: "table-scroll" }, h("table", { class: "week", id: "week" }, h("thead", {}, head), h("tbody", {}, row))),
    badge.element,
    actions(
      button(t("vacancy.prevWeek"), () => navigate(`/vacancy/${id}/week/${addDays(date, -7)}${suffix}`), { id: "prev-week" }),
      button(t("vacancy.nextWeek"), () => navigate(`/vacancy/${id}/week/${addDays(date, 7)}${suffix}`), { id: "next-week" }),
      h("a", { class: "btn", href: `/vacancy/${id}${qs({ all: all ? 1 : "", month: date.slice(0, 7) })}` }, t("vacancy.backToCalendar"))));
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
