// O4 / O6: find reservations (by facility and dates, by user, by number),
// download them as CSV, the guest list of a night, and book, change or cancel
// on a user's behalf (the events record the operator as the actor), with the
// price quoted before OK (a change's with its difference).
import { h, field, actions, button, alertSlot, alertBox, table, summary, note, choices, radioValue, append, replace } from "../../dom.js";
import { act, ask, setFlash } from "../../layout.js";
import { api, qs } from "../../api.js";
import { navigate, reload } from "../../router.js";
import { fmtDate, fmtInstant, nightsLabel, peopleLabel, styleLabel, reservationStatus, originLabel, attendanceLabel, addDays, tokyoToday, fw, confirmationState } from "../../format.js";
import { awaitsConfirmation } from "../../confirm-win.js";
import { yen, priceLines, priceTotal, priceBlock, priceDifference, priceChanged } from "../../price.js";
import { stayForm } from "../../stayform.js";
import { reductionsOffered } from "../../data.js";
import { t, msgid } from "../../i18n.js";
import { opRender } from "./shell.js";

function facilitySelect(list, value, { any = true, name = "facilityId" } = {}) {
  const s = h("select", { name }, any ? h("option", { value: "" }, t("common.any")) : null, list.map((f) => h("option", { value: f.id }, f.name)));
  s.value = value || (any ? "" : list[0]?.id || "");
  return s;
}

export async function reservationSearch(ctx) {
  const facilities = await api("GET", "/api/operator/facilities");
  const q = Object.fromEntries(["facilityId", "from", "to", "userNumber", "number"].map((k) => [k, ctx.query.get(k) || ""]));
  const fac = facilitySelect(facilities, q.facilityId);
  const from = h("input", { type: "date", name: "from", value: q.from });
  const to = h("input", { type: "date", name: "to", value: q.to });
  const user = h("input", { name: "userNumber", value: q.userNumber, inputmode: "numeric" });
  const number = h("input", { name: "number", value: q.number, inputmode: "numeric" });
  const form = h("form", { novalidate: true, id: "search-form", class: "search" },
    h("div", { class: "grid-fields" }, field(t("common.facility"), fac), field(t("op.reservations.from"), from), field(t("op.reservations.to"), to),
      field(t("common.userNumber"), user), field(t("common.reservationNumber"), number)),
    note(t("op.reservations.hint")),
    alertSlot(), actions(button(t("op.reservations.search"), null, { type: "submit", kind: "primary", id: "search" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    navigate(`/operator/reservations${qs({ facilityId: fac.value, from: from.value, to: to.value, userNumber: user.value.trim(), number: number.value.trim() })}`);
  });
  const content = [form];
  const searched = q.facilityId || q.userNumber || q.number;
  if (searched) {
    const list = await api("GET", `/api/operator/reservations${qs(q)}`);
    const csv = `/api/operator/reservations.csv${qs(q)}`;
    const results = h("div", { id: "results" });
    const pick = (r) => (r.status === "booked" ? h("input", { type: "checkbox", name: "reservationNumbers", value: r.reservationNumber, "data-user": r.userNumber, "aria-label": t("reservations.pick", { n: r.reservationNumber }) }) : "");
    append(results, 
      h("div", { class: "results-head" }, h("p", {}, t("common.found", { n: list.length })), h("a", { class: "btn small", href: csv, download: "reservations.csv", id: "csv-link" }, t("op.reservations.csv"))),
      list.length ? table([
        [t("common.select"), pick],
        [t("common.reservationNumber"), (r) => h("a", { href: `/operator/reservations/${r.reservationNumber}`, class: "mono" }, r.reservationNumber)],
        [t("common.userNumber"), (r) => h("span", { class: "mono" }, r.userNumber)],
        [t("common.facility"), (r) => facilities.find((f) => f.id === r.facilityId)?.name || r.facilityId],
        [t("common.date"), (r) => fmtDate(r.checkIn)], [t("op.nights"), (r) => nightsLabel(r.nights)], [t("common.people"), (r) => peopleLabel(r.people)],
        [t("common.room"), (r) => styleLabel(r.roomStyle)], [t("common.kind"), (r) => originLabel(r.origin)], [t("common.status"), (r) => reservationStatus(r.status)],
        [t("op.reservations.bookedAt"), (r) => fmtInstant(r.bookedAt)],
        [t("common.price"), (r) => (r.price ? yen(r.price.total) : "－")],
        [t("op.reservation.payment"), (r) => (r.paid ? t("op.reservation.paid") : t("op.reservation.unpaid"))],
      ], list, { id: "reservations", rowAttrs: (r) => ({ "data-reservation": r.reservationNumber, class: r.status !== "booked" ? "muted" : "" }) }) : null,
      alertSlot(),
      list.length ? actions(button(t("op.reservations.cancelSelected"), (ev) => act(results, async () => {
        const checked = [...results.querySelectorAll("input[name=reservationNumbers]:checked")];
        if (!checked.length) throw new Error(t("op.reservations.nothingChosen"));
        if (!ask(t("op.reservations.cancelConfirm", { n: checked.length }))) return;
        await api("POST", "/api/operator/reservations/cancellations", { body: { reservationNumbers: checked.map((c) => c.value) } });
        reload();
      }, ev.currentTarget), { kind: "danger", id: "cancel-for" })) : null);
    content.push(results);
  }
  opRender(ctx, t("op.reservations.title"), ...content);
}

// The words for a reason the server withholds, by its marker
// (`<field>Sealed`, http/codec/reason_json.h): "erased" (the user's data key
// was destroyed), "sealed" (no key at hand); anything else ("unreadable": the
// sealed text or its key cannot be read) is never called erased.
function withheldReason(marker) {
  if (marker === "erased") return t("op.reservation.reasonErased");
  if (marker === "sealed") return t("op.reservation.reasonSealed");
  return t("op.reservation.reasonUnreadable");
}

export async function reservationEdit(ctx) {
  const n = ctx.params.number;
  const [facilities, list] = await Promise.all([api("GET", "/api/operator/facilities"), api("GET", `/api/operator/reservations?number=${encodeURIComponent(n)}`)]);
  const r = list[0];
  if (!r) throw Object.assign(new Error(t("error.noReservation")), { status: 404 });
  const f = facilities.find((x) => x.id === r.facilityId);
  const form = h("form", { novalidate: true, id: "change-for" });
  const rows = r.people.map((p, i) => ({ i, p, date: addDays(r.checkIn, i), g: r.guests?.[i] || { adults: p, children: 0, infants: 0 } }));
  // A night's count of children or infants (the guests a booking asked for).
  const countSel = (name, row, most, value, label) => {
    const s = h("select", { name: `${name}${row.i + 1}`, "aria-label": t(label, { k: fw(row.i + 1), date: fmtDate(row.date) }) },
      Array.from({ length: most + 1 }, (_, k) => h("option", { value: String(k) }, t("common.persons", { n: k }))));
    s.value = String(value);
    return s;
  };
  const cap = Math.max(...f.roomTypes.map((rt) => rt.capacity));
  append(form, 
    summary([[t("common.reservationNumber"), h("span", { class: "mono" }, r.reservationNumber)], [t("common.userNumber"), h("span", { class: "mono" }, r.userNumber)],
      [t("common.facility"), f.name], [t("common.date"), t("common.paren", { a: fmtDate(r.checkIn), b: nightsLabel(r.nights) })], [t("common.people"), peopleLabel(r.people)],
      [t("common.room"), styleLabel(r.roomStyle)], [t("common.kind"), originLabel(r.origin)], [t("common.status"), reservationStatus(r.status)],
      [t("common.change"), r.changeable ? t("op.reservation.allowed") : t("op.reservation.closed")],
      [t("op.reservation.cancellation"), r.cancellable ? t("op.reservation.allowed") : t("op.reservation.closed")],
      [t("common.price"), priceBlock(r.price, "price")],
      [t("op.reservation.payment"), h("span", { id: "payment" }, r.paid ? t("op.reservation.paid") : t("op.reservation.unpaid"))],
      [t("op.reservation.attendance"), h("span", { id: "attendance" }, attendanceLabel(r.attendance))],
      r.overrideReason || r.overrideReasonSealed
        ? [t("op.reservation.overrideReason"), h("span", { id: "override-reason" }, r.overrideReason || withheldReason(r.overrideReasonSealed))]
        : null,
      r.confirmation && r.confirmation !== "none"
        ? [t("confirm.column"), h("span", { id: "confirmation", "data-confirmation": r.status === "lapsed" ? "lapsed" : r.confirmation }, confirmationState(r.status, r.confirmation, r.confirmBy))]
        : null]),
    r.status !== "booked" ? alertBox(t("op.reservation.cancelled"), "warn") : [
      note(t("op.reservation.hint")),
      table([
        [t("common.night"), (row) => t("common.nthNight", { k: fw(row.i + 1) })], [t("common.day"), (row) => fmtDate(row.date)],
        [t("common.people"), (row) => {
          const s = h("select", { name: `people${row.i + 1}`, "aria-label": t("op.reservation.peopleOfNight", { k: row.i + 1 }) },
            Array.from({ length: Math.max(cap, row.p) }, (_, k) => h("option", { value: String(k + 1) }, t("common.persons", { n: k + 1 }))));
          s.value = String(row.p);
          return s;
        }],
        [t("reservations.change.children"), (row) => countSel("children", row, Math.max(cap, row.p), row.g.children, "stay.childrenOfNight")],
        [t("reservations.change.infants"), (row) => countSel("infants", row, Math.max(4, row.g.infants), row.g.infants, "stay.infantsOfNight")],
        [t("common.remove"), (row) => (r.nights === 2 ? h("input", { type: "checkbox", name: "dropNight", value: String(row.i + 1), "aria-label": t("op.reservation.dropNight", { k: row.i + 1 }) }) : "－")],
      ], rows, { id: "nights" }),
      f.styleWish ? choices(t("common.styleWish"), "roomStyle", [["japanese", styleLabel("japanese")], ["western", styleLabel("western")], ["any", styleLabel("any")]], { value: r.roomStyleWish || "any" }) : null,
      h("div", { class: "waiver" },
        h("label", {}, h("input", { type: "checkbox", name: "waivePenalty", id: "waive-penalty" }), " ", t("op.reservation.waive")),
        field(t("op.reservation.waiveReason"), h("input", { name: "reason", id: "waive-reason" }), { wide: true })),
      alertSlot(),
      actions(button(t("op.reservation.change"), null, { type: "submit", kind: "primary", id: "change-submit" }),
        r.status === "booked" ? button(t("op.reservation.cancel"), (ev) => act(form, async () => {
          if (!ask(t("op.reservation.cancelConfirm", { n }))) return;
          await api("POST", "/api/operator/reservations/cancellations", { body: { reservationNumbers: [n], ...waiver() } });
          reload();
        }, ev.currentTarget), { kind: "danger", id: "cancel-one" }) : null,
        awaitsConfirmation(r) ? button(t("op.reservation.confirmWin"), (ev) => act(form, async () => {
          if (!ask(t("op.reservation.confirmWinAsk", { n }))) return;
          await api("POST", `/api/operator/reservations/${n}/confirmation`);
          reload();
        }, ev.currentTarget), { id: "confirm-for" }) : null,
        r.status === "booked" && r.attendance === "unknown" ? [
          button(t("op.reservation.markStayed"), (ev) => attend(ev, "stayed", msgid("op.reservation.stayedConfirm")), { id: "mark-stayed" }),
          button(t("op.reservation.markNoShow"), (ev) => attend(ev, "no_show", msgid("op.reservation.noShowConfirm")), { kind: "danger", id: "mark-no-show" })] : null,
        r.status === "booked" && !r.paid ? button(t("op.reservation.markPaid"), (ev) => act(form, async () => {
          if (!ask(t("op.reservation.markPaidConfirm", { n }))) return;
          await api("POST", `/api/operator/reservations/${n}/payment`);
          reload();
        }, ev.currentTarget), { id: "mark-paid" }) : null),
    ],
    actions(h("a", { class: "btn", href: `/operator/reservations?userNumber=${r.userNumber}` }, t("op.reservation.userReservations")),
      h("a", { class: "btn", href: "/operator/reservations" }, t("op.reservation.toSearch"))));
  // The centre's waiver of a late cancellation's penalty (with its reason).
  const waiver = () => (form.querySelector("#waive-penalty")?.checked
    ? { waivePenalty: true, reason: form.querySelector("#waive-reason").value.trim() } : {});
  const attend = (ev, status, confirm) => act(form, async () => {
    if (!ask(t(confirm, { n }))) return;
    await api("POST", `/api/operator/reservations/${n}/attendance`, { body: { status } });
    reload();
  }, ev.currentTarget);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const drops = [...form.querySelectorAll("input[name=dropNight]:checked")].map((c) => Number(c.value));
      if (drops.length > 1) throw new Error(t("op.reservation.dropBoth"));
      const kept = rows.filter((row) => !drops.includes(row.i + 1));
      const value = (name, row) => Number(form.querySelector(`[name=${name}${row.i + 1}]`).value);
      const tooMany = kept.find((row) => value("children", row) > value("people", row));
      if (tooMany) throw new Error(t("stay.childrenTooMany", { k: fw(tooMany.i + 1) }));
      const body = { people: kept.map((row) => value("people", row)) };
      // The guests too when a night's children or infants change (people
      // alone keep them, the adults following).
      if (kept.some((row) => value("children", row) !== row.g.children || value("infants", row) !== row.g.infants)) {
        body.guests = kept.map((row) => ({ adults: value("people", row) - value("children", row), children: value("children", row), infants: value("infants", row) }));
      }
      if (drops.length) body.dropNight = drops[0];
      if (f.styleWish) body.roomStyle = radioValue(form, "roomStyle") || "any";
      // The price before OK: what the change would record now, and the difference.
      const quote = await api("POST", `/api/operator/reservations/${n}/quote`, { body, read: true });
      const lines = [t("op.reservation.changeConfirm"), "", `${t("common.reservationNumber")}: ${n}`];
      if (drops.length) lines.push(t("op.reservation.dropNight", { k: drops[0] }));
      lines.push(`${t("common.people")}: ${peopleLabel(quote.people)}`, "", `${t("common.price")}:`, ...priceLines(quote.price), priceTotal(quote.price));
      if (quote.priceDifference !== null) lines.push(priceDifference(quote.priceDifference));
      if (!ask(lines.join("\n"))) return;
      const changed = await api("PATCH", `/api/operator/reservations/${n}`, { body: { ...body, ...(drops.length ? waiver() : {}) } });
      const moved = priceChanged(quote.price, changed.price);
      setFlash([t("op.reservation.changed"), changed.priceDifference != null ? priceDifference(changed.priceDifference) : null,
        moved ? moved.textContent : null].filter(Boolean).join(" "), moved ? "warn" : "success");
      reload();
    }, form.querySelector("#change-submit"));
  });
  opRender(ctx, t("op.reservation.title", { n }), form);
}

export async function guestList(ctx) {
  const facilities = await api("GET", "/api/operator/facilities");
  const fid = ctx.query.get("facilityId") || facilities[0]?.id;
  const date = ctx.query.get("date") || tokyoToday();
  const fac = facilitySelect(facilities, fid, { any: false });
  const day = h("input", { type: "date", name: "date", value: date });
  const form = h("form", { novalidate: true, class: "search" }, h("div", { class: "grid-fields" }, field(t("common.facility"), fac), field(t("op.guests.date"), day)),
    actions(button(t("common.show"), null, { type: "submit", kind: "primary", id: "show-guests" })));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); navigate(`/operator/guests${qs({ facilityId: fac.value, date: day.value })}`); });
  const g = await api("GET", `/api/operator/facilities/${encodeURIComponent(fid)}/guests?date=${date}`);
  const total = g.guests.reduce((s, x) => s + x.people, 0);
  opRender(ctx, t("op.guests.title"), form,
    h("h2", {}, t("op.guests.heading", { facility: facilities.find((f) => f.id === fid)?.name || fid, date: fmtDate(date) })),
    h("p", {}, t("op.guests.summary", { rooms: g.guests.length, people: total })),
    g.guests.length ? table([
      [t("common.reservationNumber"), (x) => h("a", { href: `/operator/reservations/${x.reservationNumber}`, class: "mono" }, x.reservationNumber)],
      [t("common.userNumber"), (x) => h("span", { class: "mono" }, x.userNumber)], [t("op.guests.name"), (x) => x.name || t("op.guests.erased")],
      [t("op.guests.checkIn"), (x) => fmtDate(x.checkIn)], [t("op.nights"), (x) => nightsLabel(x.nights)], [t("common.people"), (x) => t("common.persons", { n: x.people })],
      [t("common.room"), (x) => styleLabel(x.roomStyle)],
    ], g.guests, { id: "guests" }) : h("p", {}, t("op.guests.none")));
}

export async function bookFor(ctx) {
  const facilities = await api("GET", "/api/facilities");
  const fid = ctx.query.get("facilityId") || facilities[0]?.id;
  const date = ctx.query.get("date") || addDays(tokyoToday(), 7);
  const f = facilities.find((x) => x.id === fid) || facilities[0];
  const user = h("input", { name: "userNumber", id: "book-user", inputmode: "numeric", value: ctx.query.get("userNumber") || "" });
  const fac = facilitySelect(facilities, f.id, { any: false });
  const day = h("input", { type: "date", name: "checkIn", id: "book-checkin", value: date });
  const redraw = () => navigate(`/operator/book${qs({ facilityId: fac.value, date: day.value, userNumber: user.value.trim() })}`, { replace: true });
  fac.addEventListener("change", redraw);
  day.addEventListener("change", redraw);
  const stay = stayForm(f, date, { guests: true, reductions: await reductionsOffered(f.id, date) });
  const override = h("input", { name: "overrideReason", id: "book-override" });
  const out = h("div", { id: "book-result" });
  const form = h("form", { novalidate: true, id: "book-for" },
    note(t("op.book.hint")),
    h("div", { class: "grid-fields" }, field(t("common.userNumber"), user, { required: true }), field(t("common.facility"), fac), field(t("common.checkIn"), day)),
    stay.element, field(t("op.reservation.overrideReason"), override, { wide: true }), alertSlot(),
    actions(button(t("op.book.submit"), null, { type: "submit", kind: "primary", id: "book-submit" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const s = stay.read();
      if (!user.value.trim()) throw Object.assign(new Error(t("common.invalidInput")), { errors: [{ field: "userNumber", message: t("login.numberRequired") }] });
      const body = { userNumber: user.value.trim(), facilityId: f.id, checkIn: date, ...s };
      // The price before OK: what the booking would record now for that user.
      const quote = await api("POST", "/api/operator/quotes", { body, read: true });
      if (!ask([t("op.book.confirm", { user: body.userNumber, facility: f.name, date: fmtDate(date) }), "",
        `${t("common.nights")}: ${nightsLabel(s.nights)}`, `${t("common.people")}: ${peopleLabel(s.people)}`,
        "", `${t("common.price")}:`, ...priceLines(quote.price), priceTotal(quote.price)].join("\n"))) return;
      const r = await api("POST", "/api/operator/reservations", { body: { ...body,
        ...(override.value.trim() ? { overrideReason: override.value.trim() } : {}) } });
      replace(out, alertBox(t("op.book.done"), "success"), priceChanged(quote.price, r.price),
        summary([[t("common.reservationNumber"), h("a", { href: `/operator/reservations/${r.reservationNumber}`, class: "mono big", id: "booked-number" }, r.reservationNumber)],
          [t("common.date"), t("common.paren", { a: fmtDate(r.checkIn), b: nightsLabel(r.nights) })], [t("common.people"), peopleLabel(r.people)],
          [t("common.price"), priceBlock(r.price, "booked-price")]]));
    }, form.querySelector("#book-submit"));
  });
  opRender(ctx, t("op.book.title"), form, out);
}
