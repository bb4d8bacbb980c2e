// ルール設定 (issue 17): the ward's penalty rules (利用停止) and limits on
// stays, as they are in force, each edited with its own form: the new values
// are shown for confirmation before they are saved, the server's field
// errors appear beside their fields, and the saved values replace those
// shown. Every PUT carries every field: a field left out of the penalty
// rules would take its default (docs/api.md).
import { h, field, actions, button, alertSlot, alertBox, summary, note, replace, clearErrors } from "../../dom.js";
import { act } from "../../layout.js";
import { api } from "../../api.js";
import { t, msgid } from "../../i18n.js";
import { opRender } from "./shell.js";

// [API field, label id, kind ("bool" or the unit's message id), min, max]
const PENALTY_FIELDS = [
  ["enabled", msgid("op.rules.enabled"), "bool"],
  ["lateDays", msgid("op.rules.lateDays"), msgid("op.rules.unit.days"), 0, 60],
  ["lateCancellationDays", msgid("op.rules.lateCancellationDays"), msgid("op.rules.unit.days"), 1, 365],
  ["noShowDays", msgid("op.rules.noShowDays"), msgid("op.rules.unit.days"), 1, 365],
];
const LIMIT_FIELDS = [
  ["nightsPerFiscalYear", msgid("op.rules.nightsPerFiscalYear"), msgid("op.rules.unit.nights"), 0, 366],
  ["nightsPerMonth", msgid("op.rules.nightsPerMonth"), msgid("op.rules.unit.nights"), 0, 31],
  ["minPeoplePerRoom", msgid("op.rules.minPeoplePerRoom"), msgid("op.rules.unit.people"), 0, 20],
];

export async function rulesScreen(ctx) {
  const [penalties, limits] = await Promise.all([
    api("GET", "/api/operator/settings/penalties"), api("GET", "/api/operator/settings/limits")]);
  opRender(ctx, t("op.rules.title"),
    h("h2", {}, t("op.rules.penaltiesTitle")), note(t("op.rules.penaltiesNote")),
    settingsForm("penalties", "/api/operator/settings/penalties", PENALTY_FIELDS, penalties, { offIsZero: false }),
    h("h2", {}, t("op.rules.limitsTitle")), note(t("op.rules.limitsNote")),
    settingsForm("limits", "/api/operator/settings/limits", LIMIT_FIELDS, limits, { offIsZero: true }));
}

// A value as the screen shows it: on/off, or a number with its unit ("off"
// for 0 where 0 turns the rule off).
function shown(kind, v, offIsZero) {
  if (kind === "bool") return v ? t("op.rules.on") : t("op.rules.off");
  if (offIsZero && v === 0) return t("op.rules.noLimit");
  return t(kind, { n: v });
}

function valuesList(fields, values, offIsZero, { id, before } = {}) {
  return summary(fields.map(([name, label, kind]) => {
    const now = shown(kind, values[name], offIsZero);
    const changed = before && before[name] !== values[name];
    return [t(label), h("span", { "data-value": name, class: changed ? "rule-changed" : null }, now,
      changed ? ` ${t("op.rules.was", { v: shown(kind, before[name], offIsZero) })}` : null)];
  }), { id });
}

// The rules in force (`values`), a form to edit them, and its confirmation.
function settingsForm(id, path, fields, values, { offIsZero }) {
  let current = values;
  const inForce = h("div", { id: `${id}-current` });
  const showInForce = () => replace(inForce, h("h3", {}, t("op.rules.inForce")), valuesList(fields, current, offIsZero));
  const inputs = {};
  const rows = fields.map(([name, label, kind, min, max]) => {
    if (kind === "bool") {
      const box = h("input", { type: "checkbox", name, id: `${id}-${name}` });
      inputs[name] = box;
      return h("div", { class: "field", "data-field": name },
        h("span", { class: "choice" }, box, h("label", { for: box.id }, t(label))),
        h("p", { class: "field-error", hidden: true }));
    }
    const input = h("input", { type: "number", name, id: `${id}-${name}`, min: String(min), max: String(max), step: "1", inputmode: "numeric" });
    inputs[name] = input;
    return field(t(label), input, { required: true, hint: t("op.rules.range", { min, max }) });
  });
  const fill = () => {
    for (const [name, , kind] of fields) {
      if (kind === "bool") inputs[name].checked = !!current[name];
      else inputs[name].value = String(current[name]);
    }
  };
  const form = h("form", { novalidate: true, id: `${id}-form` },
    h("fieldset", {}, h("legend", {}, t("op.rules.edit")), h("div", { class: "grid-fields" }, rows)),
    alertSlot(),
    actions(button(t("op.rules.review"), null, { type: "submit", kind: "primary", id: `${id}-review` })));
  const review = h("section", { id: `${id}-confirm`, class: "confirm-step", hidden: true, "aria-labelledby": `${id}-confirm-title` });
  const result = h("div", { id: `${id}-result` });

  // Every field, always: a number the server will judge (an empty or
  // malformed one is sent as typed and answered with a field error).
  const body = () => Object.fromEntries(fields.map(([name, , kind]) => {
    if (kind === "bool") return [name, inputs[name].checked];
    const v = inputs[name].value.trim();
    return [name, /^-?\d+$/.test(v) ? Number(v) : v];
  }));
  const back = () => {
    review.hidden = true;
    form.hidden = false;
  };
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    clearErrors(form);
    replace(result);
    const next = body();
    // Saving: an error goes back to the form, each beside its field.
    const save = button(t("op.rules.save"), (e) => act(form, async () => {
      try {
        current = await api("PUT", path, { body: next });
      } catch (err) {
        back();
        throw err;
      }
      back();
      fill();
      showInForce();
      replace(result, alertBox(t("op.rules.saved"), "success"));
    }, e.currentTarget), { kind: "primary", id: `${id}-save` });
    replace(review,
      h("h3", { id: `${id}-confirm-title`, tabindex: "-1" }, t("op.rules.confirmTitle")),
      note(t("op.rules.confirmNote")),
      valuesList(fields, next, offIsZero, { before: current, id: `${id}-new` }),
      actions(save, button(t("op.rules.fix"), () => { back(); form.querySelector("input")?.focus(); }, { id: `${id}-fix` })));
    form.hidden = true;
    review.hidden = false;
    review.querySelector("h3").focus();
  });
  fill();
  showInForce();
  return h("div", { class: "settings", id }, inForce, result, form, review);
}
