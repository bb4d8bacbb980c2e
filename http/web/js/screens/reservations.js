// M7 予約の確認・変更: the list (select one with a radio; reservations outside
// the change window cannot be selected) and 変更: people per night, 削除 ☑
// on a night's row of a 2-night stay, each night's children and infants,
// the room-style wish, the new price and its difference before OK; done → 終了 back
// to the list; もどる → menu. M8 予約の取消し: only cancellable ones, ☑
// several, 取消し, confirm, done, メニューへ.
import { h, table, actions, button, alertSlot, note, summary, choices, radioValue, field, append } from "../dom.js";
import { render, act, ask, setFlash } from "../layout.js";
import { api } from "../api.js";
import { facilities, facilityLabel, capacity } from "../data.js";
import { navigate } from "../router.js";
import { addDays, fmtDate, fw, nightsLabel, peopleLabel, styleLabel, originLabel, confirmationState } from "../format.js";
import { t } from "../i18n.js";
import { yen, priceLines, priceTotal, priceDifference, priceChanged } from "../price.js";
import { awaitsConfirmation, confirmWin, confirmButton } from "../confirm-win.js";

function columns(list) {
  return [
    [t("common.reservationNumber"), (r) => h("span", { class: "mono" }, r.reservationNumber)],
    [t("common.facility"), (r) => facilityLabel(list, r.facilityId)],
    [t("common.date"), (r) => fmtDate(r.checkIn)],
    [t("common.nights"), (r) => nightsLabel(r.nights)],
    [t("common.people"), (r) => peopleLabel(r.people)],
    [t("common.price"), (r) => (r.price ? yen(r.price.total) : "－")],
    [t("common.room"), (r) => (list.find((f) => f.id === r.facilityId)?.styleWish ? styleLabel(r.roomStyle) : "－")],
    [t("common.kind"), (r) => originLabel(r.origin)],
  ];
}

const upcomingFirst = (a, b) => (a.checkIn < b.checkIn ? -1 : a.checkIn > b.checkIn ? 1 : a.reservationNumber.localeCompare(b.reservationNumber));

export async function reservationList(ctx) {
  const [all, list] = await Promise.all([api("GET", "/api/reservations"), facilities()]);
  const rows = all.filter((r) => r.status !== "cancelled").sort(upcomingFirst);
  const box = h("div", {});
  const pick = (r) => h("input", { type: "radio", name: "reservation", value: r.reservationNumber, disabled: !r.changeable,
    "aria-label": t("reservations.pick", { n: r.reservationNumber }) });
  // A lottery win's confirmation: its state, and 確定する while it awaits it.
  const confirmation = (r) => h("span", { class: "confirmation", "data-confirmation": r.status === "lapsed" ? "lapsed" : r.confirmation },
    confirmationState(r.status, r.confirmation, r.confirmBy),
    awaitsConfirmation(r) ? [" ", confirmButton(r.reservationNumber, (btn) => act(box, async () => {
      if (!(await confirmWin(r.reservationNumber))) return;
      setFlash(t("confirm.done", { n: r.reservationNumber }), "success");
      navigate("/reservations", { replace: true });
    }, btn))] : null);
  const anyWin = rows.some((r) => r.confirmation !== "none" || r.status === "lapsed");
  append(box, 
    rows.length === 0 ? h("p", { id: "no-reservations" }, t("reservations.none")) : [
      h("p", {}, t("reservations.hint")),
      table([[t("common.select"), pick], ...columns(list),
        anyWin ? [t("confirm.column"), confirmation] : null,
        [t("common.change"), (r) => (r.changeable ? t("reservations.changeable") : t("reservations.notChangeable"))]].filter((c) => c), rows,
      { id: "reservations", rowAttrs: (r) => ({ "data-reservation": r.reservationNumber, class: r.changeable ? "" : "muted" }) }),
      note(t("reservations.changeWindow")),
    ],
    alertSlot(),
    actions(
      rows.length ? button(t("common.change"), () => act(box, async () => {
        const n = radioValue(box, "reservation");
        if (!n) throw new Error(t("reservations.nothingChosen"));
        navigate(`/reservations/${n}/change`);
      }), { kind: "primary", id: "change" }) : null,
      h("a", { class: "btn", href: "/menu", id: "back" }, t("common.back"))));
  render(ctx, t("reservations.title"), box);
}

export async function reservationChange(ctx) {
  const n = ctx.params.number;
  const [all, list] = await Promise.all([api("GET", "/api/reservations"), facilities()]);
  const r = all.find((x) => x.reservationNumber === n);
  if (!r) throw Object.assign(new Error(t("error.noReservation")), { status: 404 });
  const f = list.find((x) => x.id === r.facilityId);
  const box = h("form", { novalidate: true });
  if (!r.changeable) {
    render(ctx, t("reservations.change.title"), h("p", {}, t("reservations.change.closed")),
      actions(h("a", { class: "btn", href: "/reservations" }, t("common.back"))));
    return;
  }
  const styleSet = f.styleWish ? choices(t("common.styleWish"), "roomStyle",
    [["japanese", t("style.japanese")], ["western", t("style.western")], ["any", t("style.any")]], { value: r.roomStyleWish || "any" }) : null;
  const max = capacity(f, f.styleWish ? (r.roomStyle || null) : null);
  // Each night's people, and how many of them are children, and its infants
  // (not counted): the guests a booking asked for (issue 17).
  const nightRows = r.people.map((p, i) => ({ i, date: addDays(r.checkIn, i), p, g: r.guests?.[i] || { adults: p, children: 0, infants: 0 } }));
  const countSel = (name, row, most, value, label) => {
    const sel = h("select", { name: `${name}${row.i + 1}`, class: name, "data-night": row.i + 1,
      "aria-label": t(label, { k: fw(row.i + 1), date: fmtDate(row.date) }) },
    Array.from({ length: most + 1 }, (_, k) => h("option", { value: String(k) }, t("common.persons", { n: k }))));
    sel.value = String(value);
    return h("div", { class: "cell", "data-field": `${name}${row.i + 1}` }, sel, h("p", { class: "field-error", hidden: true }));
  };
  const peopleSel = (row) => {
    const sel = h("select", { name: `people${row.i + 1}`, class: "people", "data-night": row.i + 1,
      "aria-label": t("stay.peopleOfNight", { k: fw(row.i + 1), date: fmtDate(row.date) }) },
    Array.from({ length: Math.max(max, row.p) }, (_, k) => h("option", { value: String(k + 1) }, t("common.persons", { n: k + 1 }))));
    sel.value = String(row.p);
    return h("div", { class: "cell", "data-field": `people${row.i + 1}` }, sel, h("p", { class: "field-error", hidden: true }));
  };
  const dropBox = (row) => r.nights === 2
    ? h("input", { type: "checkbox", name: "dropNight", value: String(row.i + 1), "aria-label": t("reservations.change.drop", { k: fw(row.i + 1), date: fmtDate(row.date) }) })
    : "－";
  append(box, 
    summary([[t("common.reservationNumber"), h("span", { class: "mono", id: "change-number" }, r.reservationNumber)], [t("common.facility"), f.name],
      [t("common.date"), t("common.paren", { a: fmtDate(r.checkIn), b: nightsLabel(r.nights) })],
      f.styleWish ? [t("common.room"), styleLabel(r.roomStyle)] : null,
      [t("common.price"), h("span", { id: "change-old-price" }, priceTotal(r.price))]]),
    h("p", {}, t("reservations.change.hint")),
    r.nights === 2 ? note(t("reservations.change.dropHint")) : null,
    table([
      [t("common.night"), (row) => t("common.nthNight", { k: fw(row.i + 1) })],
      [t("common.day"), (row) => fmtDate(row.date)],
      [t("common.people"), peopleSel],
      [t("reservations.change.children"), (row) => countSel("children", row, Math.max(max, row.p), row.g.children, "stay.childrenOfNight")],
      [t("reservations.change.infants"), (row) => countSel("infants", row, Math.max(4, row.g.infants), row.g.infants, "stay.infantsOfNight")],
      [t("common.remove"), dropBox],
    ], nightRows, { id: "nights", rowAttrs: (row) => ({ "data-night": row.i + 1 }) }),
    h("div", { "data-field": "dropNight" }, h("p", { class: "field-error", hidden: true })),
    styleSet,
    note(t("stay.children")),
    alertSlot(),
    actions(button(t("common.change"), null, { type: "submit", kind: "primary", id: "submit-change" }),
      h("a", { class: "btn", href: "/reservations", id: "back" }, t("common.back"))));
  // The change the form asks for, as PATCH's body (throws a validation error
  // shaped like the API's); {} when nothing changes.
  function read() {
    const drops = [...box.querySelectorAll("input[name=dropNight]:checked")].map((c) => Number(c.value));
    if (drops.length > 1) throw Object.assign(new Error(t("common.invalidInput")), { errors: [{ field: "dropNight", message: t("reservations.change.dropBoth") }] });
    const kept = nightRows.filter((row) => !drops.includes(row.i + 1));
    const value = (name, row) => Number(box.querySelector(`select[name=${name}${row.i + 1}]`).value);
    const errors = kept.filter((row) => value("children", row) > value("people", row))
      .map((row) => ({ field: `children${row.i + 1}`, message: t("stay.childrenTooMany", { k: fw(row.i + 1) }) }));
    if (errors.length) throw Object.assign(new Error(t("common.invalidInput")), { errors });
    const guests = kept.map((row) => ({ adults: value("people", row) - value("children", row), children: value("children", row), infants: value("infants", row) }));
    const body = {};
    if (drops.length) body.dropNight = drops[0];
    const same = (g, row) => g.adults === row.g.adults && g.children === row.g.children && g.infants === row.g.infants;
    if (kept.some((row, k) => !same(guests[k], row))) {
      body.guests = guests;
      body.people = guests.map((g) => g.adults + g.children);
    }
    const wish = styleSet ? radioValue(box, "roomStyle") : null;
    if (wish && wish !== (r.roomStyleWish || "any")) body.roomStyle = wish;
    return body;
  }
  box.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(box, async () => {
      const body = read();
      if (Object.keys(body).length === 0) throw new Error(t("reservations.change.nothing"));
      // The price before OK: what the change would record now, and the difference.
      const quote = await api("POST", `/api/reservations/${r.reservationNumber}/quote`, { body, read: true });
      const lines = [t("reservations.change.confirm"), "", `${t("common.reservationNumber")}: ${r.reservationNumber}`];
      if (body.dropNight) lines.push(t("reservations.change.drop", { k: fw(body.dropNight), date: fmtDate(addDays(r.checkIn, body.dropNight - 1)) }));
      lines.push(`${t("common.people")}: ${peopleLabel(quote.people)}`);
      if (body.roomStyle) lines.push(`${t("common.styleWish")}: ${styleLabel(body.roomStyle)}`);
      lines.push("", `${t("common.price")}:`, ...priceLines(quote.price), priceTotal(quote.price));
      if (quote.priceDifference !== null) lines.push(priceDifference(quote.priceDifference));
      if (!ask(lines.join("\n"))) return;
      const changed = await api("PATCH", `/api/reservations/${r.reservationNumber}`, { body });
      render(ctx, t("reservations.change.done.title"),
        h("p", { class: "done-message", id: "change-done" }, t("reservations.change.done.message")),
        priceChanged(quote.price, changed.price),
        summary([[t("common.reservationNumber"), h("span", { class: "mono" }, changed.reservationNumber)], [t("common.facility"), f.name],
          [t("common.date"), h("span", { id: "changed-date" }, t("common.paren", { a: fmtDate(changed.checkIn), b: nightsLabel(changed.nights) }))],
          [t("common.people"), h("span", { id: "changed-people" }, peopleLabel(changed.people))],
          [t("common.price"), h("span", { id: "changed-price" }, priceTotal(changed.price))],
          changed.priceDifference != null ? [t("price.differenceLabel"), h("span", { id: "changed-difference" }, priceDifference(changed.priceDifference))] : null,
          f.styleWish ? [t("common.room"), styleLabel(changed.roomStyle)] : null]),
        actions(h("a", { class: "btn primary", href: "/reservations", id: "finish" }, t("common.finish"))));
    }, box.querySelector("#submit-change"));
  });
  render(ctx, t("reservations.change.title"), box);
}

export async function reservationCancel(ctx) {
  const [all, list] = await Promise.all([api("GET", "/api/reservations"), facilities()]);
  const rows = all.filter((r) => r.cancellable && r.status !== "cancelled").sort(upcomingFirst);
  const box = h("div", {});
  const pick = (r) => h("input", { type: "checkbox", name: "reservationNumbers", value: r.reservationNumber,
    "aria-label": t("reservations.cancel.pick", { n: r.reservationNumber }) });
  append(box, 
    rows.length === 0 ? h("p", { id: "no-reservations" }, t("reservations.cancel.none")) : [
      h("p", {}, t("reservations.cancel.hint")),
      table([[t("common.select"), pick], ...columns(list)], rows, { id: "reservations", rowAttrs: (r) => ({ "data-reservation": r.reservationNumber }) }),
    ],
    note(t("reservations.cancel.window")),
    alertSlot(),
    actions(
      rows.length ? button(t("common.cancel"), (ev) => cancel(ev.currentTarget), { kind: "danger", id: "cancel" }) : null,
      h("a", { class: "btn", href: "/menu", id: "back" }, t("common.back"))));
  async function cancel(btn) {
    await act(box, async () => {
      const numbers = [...box.querySelectorAll("input[name=reservationNumbers]:checked")].map((c) => c.value);
      if (numbers.length === 0) throw new Error(t("reservations.cancel.nothingChosen"));
      if (!ask(t("reservations.cancel.confirm", { n: numbers.length, list: numbers.join(", ") }))) return;
      await api("POST", "/api/reservations/cancellations", { body: { reservationNumbers: numbers } });
      render(ctx, t("reservations.cancel.done.title"),
        h("p", { class: "done-message", id: "cancel-done" }, t("reservations.cancel.done.message")),
        table(columns(list), rows.filter((r) => numbers.includes(r.reservationNumber)), { id: "cancelled" }),
        actions(h("a", { class: "btn primary", href: "/menu", id: "to-menu" }, t("common.toMenu"))));
    }, btn);
  }
  render(ctx, t("reservations.cancel.title"), box);
}
