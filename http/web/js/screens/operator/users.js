// O4: register a postcard applicant (email optional; the user number may be
// given, e.g. the one printed on the postcard) and erase a user's data.
import { h, field, choices, radioValue, actions, button, alertSlot, summary, alertBox, note, replace } from "../../dom.js";
import { act, ask } from "../../layout.js";
import { api } from "../../api.js";
import { categoryLabel, fmtDate, suspensionReason } from "../../format.js";
import { t, msgid } from "../../i18n.js";
import { opRender } from "./shell.js";
import { noticeLetter } from "./notice-letter.js";

const FIELDS = [
  ["nameKanji", msgid("register.nameKanji"), true], ["nameKana", msgid("op.users.nameKana"), true], ["birthDate", msgid("register.birthDate"), true, "date"],
  ["postalCode", msgid("op.users.postalCode"), true], ["address", msgid("register.address"), true], ["phone", msgid("register.phone"), true, "tel"],
  ["email", msgid("op.users.email"), false, "email"], ["userNumber", msgid("op.users.userNumber"), false],
];

export function postcardUser(ctx) {
  const workplace = h("div", { class: "workplace" },
    field(t("register.workplaceName"), h("input", { name: "workplaceName" })), field(t("register.workplaceAddress"), h("input", { name: "workplaceAddress" }), { wide: true }));
  const form = h("form", { novalidate: true, id: "postcard-form" },
    note(t("op.users.hint")),
    FIELDS.map(([name, label, required, type]) => field(t(label), h("input", { name, type: type || "text" }), { required })),
    choices(t("register.category"), "category", [["resident", categoryLabel("resident")], ["worker", categoryLabel("worker")]], { value: "resident", required: true,
      onChange: () => { workplace.hidden = radioValue(form, "category") !== "worker"; } }),
    workplace, alertSlot(),
    actions(button(t("op.users.submit"), null, { type: "submit", kind: "primary", id: "postcard-submit" })));
  workplace.hidden = true;
  const out = h("div", { id: "postcard-result" });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const body = { category: radioValue(form, "category") };
      for (const i of form.querySelectorAll("input[name]:not([type=radio])")) if (i.value.trim()) body[i.name] = i.value.trim();
      if (!ask(t("op.users.confirm"))) return;
      const r = await api("POST", "/api/operator/users", { body });
      const name = body.nameKanji;
      if (!r.userNumber) {
        replace(out, alertBox(t("op.users.duplicate", { list: r.duplicates.join(", ") }), "warn"),
          summary([[t("op.registrationId"), h("strong", { class: "mono", id: "postcard-registration-id" }, r.registrationId)]]));
      } else {
        replace(out, alertBox(t("op.users.done"), "success"),
          summary([[t("common.userNumber"), h("strong", { class: "mono big", id: "postcard-user-number" }, r.userNumber)], [t("op.registrationId"), r.registrationId]]),
          r.activationCode ? noticeLetter({ name, userNumber: r.userNumber, activationCode: r.activationCode }) : null);
      }
      form.reset();
      workplace.hidden = true;
    }, form.querySelector("#postcard-submit"));
  });
  const number = h("input", { name: "userNumber", id: "erase-user", inputmode: "numeric" });
  const reason = h("input", { name: "reason", id: "erase-reason" });
  const erase = h("form", { novalidate: true, class: "inline-form" },
    field(t("common.userNumber"), number, { required: true }), field(t("op.users.reason"), reason, { required: true, wide: true }), alertSlot(),
    actions(button(t("op.users.erase"), null, { type: "submit", kind: "danger" })));
  erase.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(erase, async () => {
      if (!ask(t("op.users.eraseConfirm", { n: number.value }))) return;
      await api("POST", `/api/operator/users/${encodeURIComponent(number.value.trim())}/erasure`, { body: { reason: reason.value.trim() } });
      replace(erase.querySelector(".alert-slot"), alertBox(t("op.users.erased"), "success"));
    });
  });
  opRender(ctx, t("op.users.title"), form, out,
    h("h2", {}, t("op.users.suspensionTitle")), note(t("op.users.suspensionNote")), suspensionForm(ctx.query.get("userNumber") || ""),
    h("h2", {}, t("op.users.eraseTitle")), note(t("op.users.eraseNote")), erase);
}

// 利用停止 (issue 17): check a user's suspension and lift it with a reason.
function suspensionForm(initial) {
  const number = h("input", { name: "userNumber", id: "suspension-user", inputmode: "numeric", value: initial });
  const reason = h("input", { name: "reason", id: "lift-reason" });
  const state = h("div", { id: "suspension-state" });
  const form = h("form", { novalidate: true, class: "inline-form", id: "suspension-form" },
    field(t("common.userNumber"), number, { required: true }), alertSlot(),
    actions(button(t("op.users.check"), null, { type: "submit", id: "suspension-check" })), state);
  const n = () => number.value.trim();
  const show = async () => {
    const s = await api("GET", `/api/operator/users/${encodeURIComponent(n())}/suspension`);
    if (!s.suspended) return replace(state, alertBox(t("op.users.notSuspended", { n: n() }), "info"));
    const why = suspensionReason(s.suspensionReason, s.suspensionReservation);
    const lift = button(t("op.users.lift"), (ev) => act(form, async () => {
      if (!ask(t("op.users.liftConfirm", { n: n() }))) return;
      await api("POST", `/api/operator/users/${encodeURIComponent(n())}/suspension/lift`, { body: { reason: reason.value.trim() } });
      replace(state, alertBox(t("op.users.lifted", { n: n() }), "success"));
    }, ev.currentTarget), { kind: "danger", id: "lift-suspension" });
    replace(state, alertBox(t("op.users.suspendedUntil", { n: n(), until: fmtDate(s.suspendedUntil), reason: why }), "warn"),
      field(t("op.users.liftReason"), reason, { required: true, wide: true }), actions(lift));
  };
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, show, form.querySelector("#suspension-check"));
  });
  return form;
}
