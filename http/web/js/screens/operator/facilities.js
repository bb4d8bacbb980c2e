// O2: the facility catalogue: facilities, room types (style, rooms,
// capacity), the room-style wish, the booking rules, the rate tables and the
// facility's own penalty rules (facility-fees.js), the cancellation waitlist
// (facility-waitlist.js), and closed dates.
import { h, field, actions, button, alertSlot, alertBox, table, note, append, replace } from "../../dom.js";
import { act, ask } from "../../layout.js";
import { api } from "../../api.js";
import { navigate, reload } from "../../router.js";
import { styleLabel } from "../../format.js";
import { t, msgid } from "../../i18n.js";
import { opRender } from "./shell.js";
import { ratesEditor, penaltyOverrides, unreadableNumbers } from "./facility-fees.js";
import { waitlistSettings } from "./facility-waitlist.js";

const RULES = [
  ["openMonthsBefore", msgid("op.facilities.rule.openMonthsBefore"), 0, 12],
  ["openHour", msgid("op.facilities.rule.openHour"), 0, 23],
  ["closeDaysBefore", msgid("op.facilities.rule.closeDaysBefore"), 0, 60],
  ["changeCloseDaysBefore", msgid("op.facilities.rule.changeCloseDaysBefore"), 0, 60],
  ["cancelCloseDaysBefore", msgid("op.facilities.rule.cancelCloseDaysBefore"), 0, 60],
  ["maxUpcoming", msgid("op.facilities.rule.maxUpcoming"), 1, 20],
  ["maxNights", msgid("op.facilities.rule.maxNights"), 1, 2],
];

export async function facilityList(ctx) {
  const list = await api("GET", "/api/operator/facilities");
  opRender(ctx, t("op.facilities.title"),
    table([
      [t("common.id"), (f) => h("span", { class: "mono" }, f.id)],
      [t("op.facilities.name"), (f) => f.name],
      [t("common.room"), (f) => f.roomTypes.map((rt) => t("op.facilities.roomTypeSummary", { style: styleLabel(rt.style), rooms: rt.rooms, cap: rt.capacity })).join(" / ")],
      [t("common.styleWish"), (f) => (f.styleWish ? t("common.yes") : t("common.no"))],
      [t("op.facilities.closed"), (f) => (f.closedDates.length ? f.closedDates.join(", ") : "－")],
      ["", (f) => h("a", { class: "btn small", href: `/operator/facilities/${f.id}`, id: `edit-${f.id}` }, t("op.facilities.edit"))],
    ], list, { id: "facilities" }),
    actions(h("a", { class: "btn", href: "/operator/facilities/new" }, t("op.facilities.add"))));
}

export async function facilityEdit(ctx) {
  const id = ctx.params.facilityId;
  const isNew = id === "new";
  const [list, ward] = await Promise.all([api("GET", "/api/operator/facilities"), api("GET", "/api/operator/settings/penalties")]);
  const f = isNew ? { id: "", name: "", nameEn: "", roomTypes: [{ style: "standard", rooms: 10, capacity: 4 }], styleWish: false, closedDates: [], rules: {}, rates: [], penalties: {} } : list.find((x) => x.id === id);
  if (!f) throw Object.assign(new Error(t("error.noFacility")), { status: 404 });
  let revision = f.revision;
  const idInput = h("input", { name: "facilityId", value: f.id, disabled: !isNew, pattern: "[a-z0-9_-]+" });
  const name = h("input", { name: "name", value: f.name });
  const nameEn = h("input", { name: "nameEn", value: f.nameEn });
  const wish = h("input", { type: "checkbox", name: "styleWish", id: "styleWish", checked: f.styleWish });
  const typesBody = h("tbody", {});
  const addType = (rt) => {
    const style = h("select", { name: "style", "aria-label": t("op.facilities.roomType") }, ["japanese", "western", "standard"].map((s) => h("option", { value: s }, styleLabel(s))));
    style.value = rt.style;
    append(typesBody, h("tr", {},
      h("td", {}, style),
      h("td", {}, h("input", { type: "number", name: "rooms", min: "0", max: "1000", value: String(rt.rooms), "aria-label": t("op.facilities.rooms") })),
      h("td", {}, h("input", { type: "number", name: "capacity", min: "1", max: "20", value: String(rt.capacity), "aria-label": t("op.facilities.capacity") })),
      h("td", {}, button(t("common.remove"), (ev) => ev.currentTarget.closest("tr").remove(), { kind: "small ghost" }))));
  };
  f.roomTypes.forEach(addType);
  const rates = ratesEditor(f.rates || []);
  const penalties = penaltyOverrides(f.penalties || {}, ward);
  const waitlist = waitlistSettings(f.waitlist);
  const rules = RULES.map(([key, label, min, max]) => field(t(label), h("input", { type: "number", name: `rules.${key}`, min: String(min), max: String(max), value: f.rules[key] ?? "" })));
  const form = h("form", { novalidate: true, id: "facility-form" },
    field(t("op.facilities.id"), idInput, { required: true }),
    field(t("op.facilities.name"), name, { required: true }), field(t("op.facilities.nameEn"), nameEn),
    h("fieldset", { "data-field": "roomTypes" }, h("legend", {}, t("op.facilities.roomTypes")),
      h("table", { class: "data compact" }, h("thead", {}, h("tr", {}, [t("op.facilities.style"), t("op.facilities.rooms"), t("op.facilities.capacity"), ""].map((x) => h("th", {}, x)))), typesBody),
      button(t("op.facilities.addType"), () => addType({ style: "standard", rooms: 1, capacity: 2 }), { kind: "small" }),
      h("p", { class: "field-error", hidden: true })),
    h("div", { class: "field", "data-field": "styleWish" }, h("span", { class: "choice" }, wish, h("label", { for: "styleWish" }, t("op.facilities.styleWish"))), h("p", { class: "field-error", hidden: true })),
    h("fieldset", {}, h("legend", {}, t("op.facilities.rules")), h("div", { class: "grid-fields" }, rules)),
    rates.element,
    penalties.element,
    waitlist.element,
    alertSlot(),
    actions(button(t("common.save"), null, { type: "submit", kind: "primary", id: "save-facility" }), h("a", { class: "btn", href: "/operator/facilities" }, t("common.back"))));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const unreadable = unreadableNumbers(form);
      if (unreadable.length) throw Object.assign(new Error(t("common.invalidInput")), { errors: unreadable });
      const fid = isNew ? idInput.value.trim() : f.id;
      const body = {
        name: name.value.trim(), nameEn: nameEn.value.trim() || undefined, styleWish: wish.checked,
        roomTypes: [...typesBody.querySelectorAll("tr")].map((tr) => ({
          style: tr.querySelector("[name=style]").value, rooms: Number(tr.querySelector("[name=rooms]").value), capacity: Number(tr.querySelector("[name=capacity]").value) })),
        rules: {},
        rates: rates.value(),
        penalties: penalties.value(),
        waitlist: waitlist.value(),
      };
      for (const [key] of RULES) {
        const v = form.querySelector(`[name="rules.${key}"]`).value;
        if (v !== "") body.rules[key] = Number(v);
      }
      if (!fid) throw Object.assign(new Error(t("common.invalidInput")), { errors: [{ field: "facilityId", message: t("op.facilities.idRequired") }] });
      if (!ask(t("op.facilities.saveConfirm", { name: body.name }))) return;
      // If-Match: a save never overwrites a change made since this page read
      // the facility (409 with a message to reload); a new id must be new.
      const headers = isNew ? { "If-None-Match": "*" } : { "If-Match": `"${revision}"` };
      const saved = await api("PUT", `/api/operator/facilities/${encodeURIComponent(fid)}`, { body, headers });
      revision = saved.revision;
      if (isNew) navigate(`/operator/facilities/${fid}`);
      else replace(form.querySelector(".alert-slot"), alertBox(t("common.saved"), "success"));
    }, form.querySelector("#save-facility"));
  });

  const closures = isNew ? null : closedDates(f);
  opRender(ctx, isNew ? t("op.facilities.newTitle") : t("op.facilities.editTitle", { name: f.name }), form,
    closures ? [h("h2", {}, t("op.facilities.closed")), closures] : null);
}

function closedDates(f) {
  const dates = h("textarea", { name: "dates", id: "closure-dates", rows: "2", placeholder: "2027-01-12 2027-01-13" });
  const box = h("form", { novalidate: true, id: "closures" },
    f.closedDates.length ? h("ul", { class: "chips", id: "closed-list" }, f.closedDates.map((d) => h("li", {}, d))) : h("p", {}, t("op.facilities.noClosed")),
    field(t("op.facilities.dates"), dates, { wide: true }),
    note(t("op.facilities.closedNote")),
    h("div", { class: "waiver" },
      h("label", {}, h("input", { type: "checkbox", name: "cancelBookings", id: "cancel-bookings" }), " ", t("op.facilities.cancelBookings")),
      field(t("op.facilities.closureReason"), h("input", { name: "reason", id: "closure-reason" }), { wide: true })),
    alertSlot(),
    actions(
      button(t("op.facilities.close"), (ev) => send("closures", ev.currentTarget), { kind: "primary", id: "close-dates" }),
      button(t("op.facilities.reopen"), (ev) => send("reopenings", ev.currentTarget), { id: "reopen-dates" })));
  function send(kind, btn) {
    act(box, async () => {
      const list = dates.value.split(/[\s,、]+/).filter(Boolean);
      if (!list.length) throw Object.assign(new Error(t("common.invalidInput")), { errors: [{ field: "dates", message: t("op.facilities.datesRequired") }] });
      const body = { dates: list };
      if (kind === "closures" && box.querySelector("#cancel-bookings").checked) {
        // The reservations it will cancel, counted from the guest lists of the dates.
        const numbers = new Set();
        for (const date of list) {
          const g = await api("GET", `/api/operator/facilities/${encodeURIComponent(f.id)}/guests?date=${encodeURIComponent(date)}`);
          for (const x of g.guests) numbers.add(x.reservationNumber);
        }
        if (!ask(t("op.facilities.cancelBookingsConfirm", { n: numbers.size }))) return;
        Object.assign(body, { cancelBookings: true, reason: box.querySelector("#closure-reason").value.trim() });
      }
      const answer = await api("POST", `/api/operator/facilities/${f.id}/${kind}`, { body });
      await reload();
      if (answer.cancelled?.length) {
        const slot = document.querySelector("#closures .alert-slot");
        if (slot) replace(slot, alertBox(t("op.facilities.cancelledCount", { n: answer.cancelled.length }), "success"));
      }
    }, btn);
  }
  return box;
}
