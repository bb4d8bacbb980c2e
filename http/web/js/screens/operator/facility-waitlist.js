// O2: a facility's cancellation waitlist settings (docs/booking-core.md "The
// cancellation waitlist"): whether it takes entries, how many per user and
// stay month, when entries close, the pick time and the offer's deadline.
import { h, field, note } from "../../dom.js";
import { t, msgid } from "../../i18n.js";

const NUMBERS = [
  ["entriesPerMonth", msgid("op.waitlist.entriesPerMonth"), 1, 31],
  ["closeDaysBefore", msgid("op.waitlist.closeDaysBefore"), 0, 60],
  ["offerDays", msgid("op.waitlist.offerDays"), 1, 14],
];
const TIMES = [
  ["pickAt", msgid("op.waitlist.pickAt")],
  ["offerBy", msgid("op.waitlist.offerBy")],
];

// The fieldset and value(): the settings object PUT /api/operator/facilities/{id} takes.
export function waitlistSettings(settings) {
  const s = settings || { enabled: false, entriesPerMonth: 2, closeDaysBefore: 6, pickAt: "09:00", offerDays: 2, offerBy: "01:59" };
  const enabled = h("input", { type: "checkbox", name: "waitlist.enabled", id: "waitlist-enabled", checked: s.enabled });
  const numbers = NUMBERS.map(([key, label, min, max]) => {
    const input = h("input", { type: "number", name: `waitlist.${key}`, min: String(min), max: String(max), step: "1", inputmode: "numeric", value: String(s[key]) });
    return { key, input, field: field(t(label), input) };
  });
  const times = TIMES.map(([key, label]) => {
    const input = h("input", { type: "time", name: `waitlist.${key}`, value: s[key] });
    return { key, input, field: field(t(label), input) };
  });
  const element = h("fieldset", { "data-field": "waitlist", id: "facility-waitlist" },
    h("legend", {}, t("op.waitlist.title")),
    note(t("op.waitlist.note")),
    h("div", { class: "field", "data-field": "waitlist.enabled" }, h("span", { class: "choice" }, enabled, h("label", { for: "waitlist-enabled" }, t("op.waitlist.enabled"))), h("p", { class: "field-error", hidden: true })),
    h("div", { class: "grid-fields" }, numbers.map((n) => n.field), times.map((x) => x.field)),
    h("p", { class: "field-error", hidden: true }));
  const value = () => {
    const out = { enabled: enabled.checked };
    for (const n of numbers) if (n.input.value.trim() !== "") out[n.key] = Number(n.input.value);
    for (const x of times) if (x.input.value) out[x.key] = x.input.value.slice(0, 5);
    return out;
  };
  return { element, value };
}
