// M6 ⑧–⑫: check facility and date, nights and people (and the room-style
// wish where the facility asks it), 申込み or 申込み中止, a confirm dialog,
// and the done screen with the reservation number; 終了 → menu.
import { h, summary, actions, button, alertSlot, note, append } from "../dom.js";
import { render, act, ask } from "../layout.js";
import { api } from "../api.js";
import { facility, reductionsOffered } from "../data.js";
import { navigate } from "../router.js";
import { stayForm } from "../stayform.js";
import { fmtDate, addDays, nightsLabel, peopleLabel, styleLabel } from "../format.js";
import { t } from "../i18n.js";
import { priceLines, priceTotal, priceChanged } from "../price.js";
import { suspensionNotice } from "../suspension.js";

export async function bookingScreen(ctx) {
  const { facilityId: id, date } = ctx.params;
  const [f, suspension, reductions] = await Promise.all([facility(id), suspensionNotice(), reductionsOffered(id, date)]);
  if (!f) throw Object.assign(new Error(t("error.noFacility")), { status: 404 });
  const suffix = ctx.query.get("all") === "1" ? "?all=1" : "";
  const form = stayForm(f, date, { maxNights: 2, guests: true, reductions });
  const box = h("form", { class: "booking", novalidate: true });
  append(box, suspension,
    summary([[t("common.facility"), h("span", { id: "book-facility" }, f.name)], [t("common.checkIn"), h("span", { id: "book-date" }, fmtDate(date))]]),
    note(t("booking.checkFacilityDate")),
    form.element, alertSlot(),
    actions(button(t("common.apply"), null, { type: "submit", kind: "primary", id: "apply" }),
      button(t("booking.abort"), () => navigate(`/vacancy/${id}/week/${date}${suffix}`), { id: "abort" })));
  box.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(box, async () => {
      const stay = form.read();
      // The price before OK: what the booking would record now.
      const quote = await api("POST", "/api/quotes", { body: { facilityId: id, checkIn: date, ...stay }, read: true });
      const text = [t("booking.confirm"), "",
        `${t("common.facility")}: ${f.name}`, `${t("common.date")}: ${fmtDate(date)}`, `${t("common.nights")}: ${nightsLabel(stay.nights)}`,
        `${t("common.people")}: ${peopleLabel(stay.people)}`, stay.roomStyle ? `${t("common.styleWish")}: ${styleLabel(stay.roomStyle)}` : null,
        "", `${t("common.price")}:`, ...priceLines(quote.price), priceTotal(quote.price)].filter((x) => x !== null).join("\n");
      if (!ask(text)) return;
      const r = await api("POST", "/api/reservations", { body: { facilityId: id, checkIn: date, ...stay } });
      done(ctx, f, r, quote);
    }, box.querySelector("#apply"));
  });
  render(ctx, t("booking.title"), box);
}

function done(ctx, f, r, quote) {
  render(ctx, t("booking.done.title"),
    h("p", { class: "done-message" }, t("booking.done.message")),
    priceChanged(quote.price, r.price),
    summary([
      [t("common.reservationNumber"), h("strong", { id: "reservationNumber", class: "mono big" }, r.reservationNumber)],
      [t("common.facility"), f.name],
      [t("common.date"), t("common.paren", { a: t("common.range", { from: fmtDate(r.checkIn), to: fmtDate(addDays(r.checkIn, r.nights)) }), b: nightsLabel(r.nights) })],
      [t("common.people"), peopleLabel(r.people)],
      [t("common.price"), h("span", { id: "booked-price" }, priceTotal(r.price))],
      f.styleWish ? [t("common.room"), styleLabel(r.roomStyle)] : null,
    ]),
    note(t("booking.done.note")),
    actions(h("a", { class: "btn primary", href: "/menu", id: "finish" }, t("common.finish"))));
}
