// Month calendars of vacancy marks (M6 ③): ● all free, ▲ some free,
// × none free, － not bookable. ● and ▲ are buttons that open the week; at a
// facility with a cancellation waitlist, × is a button that joins it.
import { h, append, replace } from "./dom.js";
import { fmtMonth, fmtDate, weekdayNames, weekdayIndex } from "./format.js";
import { t, msgid } from "./i18n.js";

const MEANING = { "●": msgid("vacancy.mark.free"), "▲": msgid("vacancy.mark.some"), "×": msgid("vacancy.mark.full"), "－": msgid("vacancy.mark.off") };

export function markMeaning(symbol) { return MEANING[symbol] ? t(MEANING[symbol]) : symbol; }

export function isBookable(day) {
  return day.symbol === "●" || day.symbol === "▲";
}

// days: [{date, freeRooms, totalRooms, symbol, bookable}]; onPick(date) for
// ● and ▲; onFull(date), when given, for × (the waitlist).
export function monthCalendars(days, onPick, { onFull } = {}) {
  const months = new Map();
  for (const d of days) {
    const m = d.date.slice(0, 7);
    if (!months.has(m)) months.set(m, []);
    months.get(m).push(d);
  }
  const cells = new Map();
  const wrap = h("div", { class: "calendars" });
  for (const [month, list] of months) {
    const first = weekdayIndex(list[0].date);
    const slots = Array(first).fill(null).concat(list);
    while (slots.length % 7) slots.push(null);
    const rows = [];
    for (let i = 0; i < slots.length; i += 7) rows.push(slots.slice(i, i + 7));
    append(wrap, h("table", { class: "cal", "data-month": month },
      h("caption", {}, fmtMonth(month)),
      h("thead", {}, h("tr", {}, weekdayNames().map((w, i) => h("th", { scope: "col", class: i === 0 ? "sun" : i === 6 ? "sat" : "" }, w)))),
      h("tbody", {}, rows.map((r) => h("tr", {}, r.map((d, i) => {
        if (!d) return h("td", { class: "empty" });
        const td = h("td", { class: i === 0 ? "sun" : i === 6 ? "sat" : "", "data-date": d.date });
        cells.set(d.date, td);
        fillCell(td, d, onPick, onFull);
        return td;
      }))))));
  }
  return {
    element: wrap,
    update(msg) {
      const td = cells.get(msg.date);
      if (td) fillCell(td, msg, onPick, onFull, true);
    },
  };
}

function fillCell(td, d, onPick, onFull, flashIt) {
  const day = Number(d.date.slice(8));
  const label = `${fmtDate(d.date)} ${d.symbol} ${markMeaning(d.symbol)}`;
  const attrs = { "data-date": d.date, "data-symbol": d.symbol };
  const mark = isBookable(d)
    ? h("button", { type: "button", class: "mark", ...attrs, "aria-label": label, title: t("vacancy.freeOfTotal", { free: d.freeRooms, total: d.totalRooms }), onClick: () => onPick(d.date) }, d.symbol)
    : onFull && d.symbol === "×"
      ? h("button", { type: "button", class: "mark full", ...attrs, "aria-label": `${label} ${t("waitlist.join")}`, title: t("waitlist.join"), onClick: () => onFull(d.date) }, d.symbol)
      : h("span", { class: "mark off", ...attrs, "aria-label": label }, d.symbol);
  td.classList.toggle("closed", !isBookable(d));
  replace(td, h("span", { class: "day" }, day), mark);
  if (flashIt) {
    td.classList.remove("changed");
    void td.offsetWidth;
    td.classList.add("changed");
  }
}

export function legend() {
  return h("p", { class: "legend" },
    ["●", "▲", "×", "－"].map((s) => h("span", {}, h("b", {}, s), " ", markMeaning(s))));
}
