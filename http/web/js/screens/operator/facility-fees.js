// The parts of the facility form that hold issue 17's rules: the rate tables
// (料金表, each in force from its date) and the facility's own penalty rules
// over the ward's. Each editor returns its element and value(), the body's
// field as the API takes it (docs/api.md: `rates`, `penalties` of PUT
// /api/operator/facilities/{id}). Inputs are named as the API names the
// fields (`rates[0].adult`, `penalties.lateDays`), so the server's field
// errors appear beside them.
import { h, field, button, note, uid } from "../../dom.js";
import { t, msgid } from "../../i18n.js";

// [API field, label id, required]: yen per person per night.
const YEN_FIELDS = [
  ["adult", msgid("op.fees.adult"), true],
  ["child", msgid("op.fees.child"), true],
  ["infant", msgid("op.fees.infant"), false],
  ["saturdaySurcharge", msgid("op.fees.saturdaySurcharge"), false],
  ["holidayEveSurcharge", msgid("op.fees.holidayEveSurcharge"), false],
  ["bathingTax", msgid("op.fees.bathingTax"), false],
];
const REDUCTIONS = [["senior", msgid("op.fees.senior")], ["disability", msgid("op.fees.disability")]];
const FLAGS = [["excludeSaturdays", msgid("op.fees.excludeSaturdays")], ["excludeHolidayEves", msgid("op.fees.excludeHolidayEves")]];
// A new facility's first table: the domain's defaults for the exclusions.
const BLANK = { effectiveFrom: "", adult: "", child: "", infant: 0, excludeSaturdays: true, excludeHolidayEves: true, excludedRanges: [{ from: "12-29", to: "01-03" }] };

// A number as typed: an integer as a number, anything else as typed (the
// server answers it with a field error), blank as undefined (left out).
function typed(input) {
  const v = input.value.trim();
  if (v === "") return undefined;
  return /^-?\d+$/.test(v) ? Number(v) : v;
}

// The number fields in `scope` whose text the browser cannot read as a
// number (it reports them as "", which would save as left out): a field
// error for each, for showError().
export function unreadableNumbers(scope) {
  return [...scope.querySelectorAll("input[type=number]")].filter((i) => i.validity.badInput)
    .map((i) => ({ field: i.name, message: t("op.fees.badNumber") }));
}

// "12-29~01-03, 08-13~08-16" and back (a full-width wave dash is read as ~).
const rangesText = (ranges) => (ranges || []).map((r) => `${r.from}~${r.to}`).join(", ");
function rangesOf(text) {
  return text.split(/[,、\s]+/).filter(Boolean).map((part) => {
    const [from, to] = part.split(/[\u301c~]/);
    return { from: from || "", to: to === undefined ? from : to };
  });
}

// The rate tables, newest first on screen; value() is the list in the order shown.
export function ratesEditor(rates) {
  const list = h("div", { class: "rate-tables", id: "rate-tables" });
  const tables = [];
  const renumber = () => tables.forEach((tb, i) => tb.name(i));
  const add = (rate) => {
    const tb = rateTable(rate, () => {
      tables.splice(tables.indexOf(tb), 1);
      tb.element.remove();
      renumber();
    });
    tables.push(tb);
    list.append(tb.element);
    renumber();
    return tb;
  };
  [...rates].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom)).forEach(add);
  const element = h("fieldset", { "data-field": "rates", id: "rates" },
    h("legend", {}, t("op.fees.title")),
    note(t("op.fees.note")),
    list,
    tables.length ? null : h("p", { id: "no-rates" }, t("op.fees.none")),
    button(t("op.fees.add"), () => {
      element.querySelector("#no-rates")?.remove();
      // A new year's table starts from the newest one's prices.
      const from = tables.length ? tables[0].value() : BLANK;
      add({ ...from, effectiveFrom: "" }).focus();
    }, { kind: "small", id: "add-rate-table" }),
    h("p", { class: "field-error", hidden: true }));
  return { element, value: () => tables.map((tb) => tb.value()) };
}

function rateTable(rate, onRemove) {
  const inputs = {};
  const number = (key, value) => (inputs[key] = h("input", { type: "number", min: "0", step: "1", inputmode: "numeric", value: value ?? "" }));
  const from = h("input", { type: "date", value: rate.effectiveFrom || "" });
  inputs.effectiveFrom = from;
  const yen = YEN_FIELDS.map(([key, label, required]) => field(t(label), number(key, rate[key]), { required }));
  const reduced = REDUCTIONS.map(([key, label]) => {
    const r = rate[key] || {};
    const box = h("div", { class: "field reduced", "data-field": "" },
      h("p", { class: "label" }, t(label)),
      field(t("op.fees.perNight"), number(`${key}.perNight`, r.perNight)),
      field(t("op.fees.capNights"), number(`${key}.nightsPerFiscalYear`, r.nightsPerFiscalYear)),
      h("p", { class: "field-error", hidden: true }));
    return { key, box };
  });
  const flags = FLAGS.map(([key, label]) => {
    const box = h("input", { type: "checkbox", id: uid("flag"), checked: rate[key] !== false });
    inputs[key] = box;
    return h("span", { class: "choice" }, box, h("label", { for: box.id }, t(label)));
  });
  const ranges = h("input", { value: rangesText(rate.excludedRanges), placeholder: "12-29~01-03" });
  inputs.excludedRanges = ranges;
  const legend = h("legend", {});
  const element = h("fieldset", { class: "rate-table" }, legend,
    field(t("op.fees.effectiveFrom"), from, { required: true }),
    h("div", { class: "grid-fields" }, yen),
    h("div", { class: "grid-fields" }, reduced.map((r) => r.box)),
    h("div", { class: "field" }, h("div", { class: "choice-row" }, flags)),
    field(t("op.fees.excludedRanges"), ranges, { hint: t("op.fees.excludedRangesHint"), wide: true }),
    button(t("op.fees.remove"), onRemove, { kind: "small ghost" }));
  const name = (i) => {
    const at = `rates[${i}]`;
    legend.textContent = t("op.fees.tableN", { n: i + 1 });
    for (const [key, input] of Object.entries(inputs)) {
      input.name = `${at}.${key}`;
      input.closest(".field")?.setAttribute("data-field", `${at}.${key}`);
    }
    for (const r of reduced) r.box.setAttribute("data-field", `${at}.${r.key}`);
  };
  const value = () => {
    const out = { effectiveFrom: from.value };
    for (const [key] of YEN_FIELDS) out[key] = typed(inputs[key]);
    for (const [key] of REDUCTIONS) {
      const per = typed(inputs[`${key}.perNight`]);
      const cap = typed(inputs[`${key}.nightsPerFiscalYear`]);
      // Both or neither: one alone is sent as it is and refused beside its field.
      if (per !== undefined || cap !== undefined) out[key] = { perNight: per ?? null, nightsPerFiscalYear: cap ?? null };
    }
    for (const [key] of FLAGS) out[key] = inputs[key].checked;
    out.excludedRanges = rangesOf(ranges.value);
    return out;
  };
  return { element, name, value, focus: () => from.focus() };
}

// The facility's own penalty rules: each left blank follows the ward's
// (`ward`, shown as the hint). value() is always an object: `{}` follows the
// ward in everything.
export function penaltyOverrides(overrides, ward) {
  const enabled = h("select", { name: "penalties.enabled" },
    h("option", { value: "" }, t("op.fees.followWard", { v: ward.enabled ? t("op.rules.on") : t("op.rules.off") })),
    h("option", { value: "true" }, t("op.rules.on")),
    h("option", { value: "false" }, t("op.rules.off")));
  enabled.value = overrides.enabled === undefined ? "" : String(overrides.enabled);
  const days = [
    ["lateDays", msgid("op.rules.lateDays")],
    ["lateCancellationDays", msgid("op.rules.lateCancellationDays")],
    ["noShowDays", msgid("op.rules.noShowDays")],
  ].map(([key, label]) => {
    const input = h("input", { type: "number", name: `penalties.${key}`, min: "0", max: "365", step: "1", inputmode: "numeric", value: overrides[key] ?? "" });
    return { key, input, field: field(t(label), input, { hint: t("op.fees.wardDays", { n: ward[key] }) }) };
  });
  const element = h("fieldset", { "data-field": "penalties", id: "facility-penalties" },
    h("legend", {}, t("op.fees.penaltiesTitle")),
    note(t("op.fees.penaltiesNote")),
    h("div", { class: "grid-fields" }, field(t("op.rules.enabled"), enabled), days.map((d) => d.field)),
    h("p", { class: "field-error", hidden: true }));
  const value = () => {
    const out = {};
    if (enabled.value) out.enabled = enabled.value === "true";
    for (const d of days) {
      const v = typed(d.input);
      if (v !== undefined) out[d.key] = v;
    }
    return out;
  };
  return { element, value };
}
