// M9 新規利用者登録: the form → 確認 → the confirmation screen (workers attach
// the proof of employment with 参照: jpg, jpeg or png, at most 10 MB) →
// ☑ 上記に同意して利用者登録する。 → 申込み → confirm → done screen with the
// first-password notice (and the user number when approved at once). The
// first password is a mailed activation code by default; the manual's
// birth-date wording shows only when the server runs that legacy rule.
import { h, field, choices, radioValue, actions, button, alertSlot, note, summary, showError, uid } from "../dom.js";
import { render, act, ask } from "../layout.js";
import { api, ApiError } from "../api.js";
import { categoryLabel } from "../format.js";
import { t, msgid } from "../i18n.js";
import { usesActivationCodes } from "../settings.js";

const MAX_PROOF = 10 * 1024 * 1024;
const FORM_FIELDS = ["nameKanji", "nameKana", "birthDate", "postalCode", "address", "phone", "email", "category", "workplaceName", "workplaceAddress"];

const TERMS = [msgid("register.terms.users"), msgid("register.terms.changes"), msgid("register.terms.proof"),
  msgid("register.terms.privacy"), msgid("register.terms.misuse")];

function toHalfWidth(s) {
  return s.replace(/[０-９－]/g, (c) => (c === "－" ? "-" : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

export async function registerScreen(ctx) {
  const codes = await usesActivationCodes();
  const values = {};
  let proof = null;
  showForm();

  function showForm(serverError) {
    const input = (name, attrs = {}) => h("input", { name, id: `reg-${name}`, value: values[name] || "", ...attrs });
    const workplace = h("div", { class: "workplace", id: "workplace" },
      field(t("register.workplaceName"), input("workplaceName", { autocomplete: "organization" }), { required: true }),
      field(t("register.workplaceAddress"), input("workplaceAddress"), { required: true, wide: true }));
    const category = choices(t("register.category"), "category", [["resident", categoryLabel("resident")], ["worker", categoryLabel("worker")]],
      { value: values.category || "", required: true, onChange: () => { workplace.hidden = radioValue(form, "category") !== "worker"; } });
    const form = h("form", { novalidate: true, id: "register-form" },
      h("p", {}, t("register.hint")),
      field(t("register.nameKanji"), input("nameKanji", { autocomplete: "name" }), { required: true, hint: t("register.nameKanjiHint") }),
      field(t("register.nameKana"), input("nameKana"), { required: true, hint: t("register.nameKanaHint") }),
      field(t("register.birthDate"), input("birthDate", { type: "date", autocomplete: "bday", max: new Date().toISOString().slice(0, 10) }), { required: true, hint: codes ? null : t("register.birthDateHint") }),
      field(t("register.postalCode"), input("postalCode", { autocomplete: "postal-code", inputmode: "numeric", placeholder: "105-0011" }), { required: true, hint: t("register.postalCodeHint") }),
      field(t("register.address"), input("address", { autocomplete: "street-address" }), { required: true, wide: true }),
      field(t("register.phone"), input("phone", { type: "tel", autocomplete: "tel", placeholder: "03-3578-2111" }), { required: true, hint: t("register.phoneHint") }),
      field(t("common.email"), input("email", { type: "email", autocomplete: "email" }), { required: true, hint: t("register.emailHint") }),
      category, workplace,
      alertSlot(),
      actions(button(t("common.confirm"), null, { type: "submit", kind: "primary", id: "confirm" }),
        h("a", { class: "btn", href: "/" }, t("common.back"))));
    workplace.hidden = (values.category || "") !== "worker";
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      act(form, async () => {
        for (const name of FORM_FIELDS) {
          if (name === "category") values.category = radioValue(form, "category");
          else values[name] = form.querySelector(`[name=${name}]`).value.trim();
        }
        values.postalCode = toHalfWidth(values.postalCode);
        values.phone = toHalfWidth(values.phone);
        const errors = validate(values);
        if (errors.length) throw Object.assign(new Error(t("common.invalidInput")), { errors });
        showConfirm();
      }, form.querySelector("#confirm"));
    });
    render(ctx, t("register.title"), form);
    if (serverError) showError(form, serverError);
  }

  function showConfirm() {
    const worker = values.category === "worker";
    const fileInput = h("input", { type: "file", name: "proof", id: "proof", accept: ".jpg,.jpeg,.png", class: "visually-hidden" });
    const fileName = h("span", { class: "file-name", id: "proof-name" }, proof ? proof.name : t("register.noFile"));
    fileInput.addEventListener("change", () => {
      const file = fileInput.files[0] || null;
      proof = file;
      fileName.textContent = file ? t("common.paren", { a: file.name, b: `${Math.ceil(file.size / 1024)} KB` }) : t("register.noFile");
    });
    const consentId = uid("consent");
    const box = h("form", { novalidate: true, id: "register-confirm" },
      h("p", {}, t("register.confirm.hint")),
      summary([
        [t("register.nameKanji"), values.nameKanji], [t("register.nameKana"), values.nameKana], [t("register.birthDate"), values.birthDate],
        [t("register.postalCode"), values.postalCode], [t("register.address"), values.address], [t("register.phone"), values.phone], [t("common.email"), values.email],
        [t("register.category"), categoryLabel(values.category)],
        worker ? [t("register.workplaceName"), values.workplaceName] : null, worker ? [t("register.workplaceAddress"), values.workplaceAddress] : null,
      ], { id: "register-summary" }),
      worker ? h("fieldset", { class: "proof", "data-field": "proof" },
        h("legend", {}, t("register.proof"), h("span", { class: "req" }, t("common.required"))),
        h("p", {}, t("register.proofHint")),
        h("div", { class: "file-row" }, fileInput, h("label", { for: "proof", class: "btn", id: "proof-button" }, t("register.browse")), fileName),
        note(t("register.fileRules")),
        h("p", { class: "field-error", hidden: true })) : null,
      // Scrollable: focusable, so that the keyboard can scroll it too.
      h("section", { class: "terms", "aria-labelledby": "terms-title", tabindex: "0" },
        h("h2", { id: "terms-title" }, t("register.terms")),
        h("ol", {}, TERMS.map((x) => h("li", {}, t(x))))),
      h("div", { class: "consent", "data-field": "consent" },
        h("input", { type: "checkbox", id: consentId, name: "consent", value: "true" }),
        h("label", { for: consentId }, t("register.consent")),
        h("p", { class: "field-error", hidden: true })),
      alertSlot(),
      actions(button(t("common.apply"), null, { type: "submit", kind: "primary", id: "submit" }),
        button(t("common.back"), () => showForm(), { id: "back" })));
    box.addEventListener("submit", (ev) => {
      ev.preventDefault();
      act(box, async () => {
        const errors = [];
        if (worker) {
          if (!proof) errors.push({ field: "proof", message: t("register.proofRequired") });
          else if (!/\.(jpe?g|png)$/i.test(proof.name)) errors.push({ field: "proof", message: t("register.proofType") });
          else if (proof.size > MAX_PROOF) errors.push({ field: "proof", message: t("register.proofSize") });
        }
        if (!box.querySelector(`#${consentId}`).checked) errors.push({ field: "consent", message: t("register.consentRequired") });
        if (errors.length) throw Object.assign(new Error(t("common.invalidInput")), { errors });
        if (!ask(t("register.confirm.ask"))) return;
        const fd = new FormData();
        for (const name of FORM_FIELDS) {
          if (!worker && (name === "workplaceName" || name === "workplaceAddress")) continue;
          fd.append(name, values[name] || "");
        }
        fd.append("consent", "true");
        if (worker && proof) fd.append("proof", proof, proof.name);
        let r;
        try {
          r = await api("POST", "/api/registrations", { form: fd });
        } catch (e) {
          // Errors about the first screen's fields are shown there.
          if (e instanceof ApiError && e.errors.some((x) => FORM_FIELDS.includes(x.field))) { showForm(e); return; }
          throw e;
        }
        done(r);
      }, box.querySelector("#submit"));
    });
    render(ctx, t("register.confirm.title"), box);
  }

  function done(r) {
    const approved = r.status === "approved";
    render(ctx, t("register.done.title"),
      h("p", { class: "done-message", id: "register-done" }, approved
        ? t("register.done.approved") : t("register.done.received")),
      approved ? summary([[t("common.userNumber"), h("strong", { class: "mono big", id: "new-user-number" }, r.userNumber)]]) : null,
      approved ? h("p", {}, t("register.done.numberMailed")) :
        h("p", { id: "pending-note" }, t("register.done.pendingNote")),
      h("section", { class: "notice", "aria-labelledby": "notice-title" },
        h("h2", { id: "notice-title" }, t("register.done.notice")),
        codes
          ? h("p", { id: "initial-password-note" }, approved
            ? t("register.done.activationMailed")
            : t("register.done.activationLater"))
          : h("p", { id: "initial-password-note" }, t("register.done.initialPassword")),
        h("p", {}, t("register.done.keepSecret"))),
      h("p", {}, t("register.done.complete")),
      actions(h("a", { class: "btn primary", href: "/login", id: "to-login" }, t("register.done.toLogin"))));
  }
}

function validate(v) {
  const errors = [];
  const req = (name, message) => { if (!v[name]) errors.push({ field: name, message }); };
  req("nameKanji", t("register.required.nameKanji"));
  req("nameKana", t("register.required.nameKana"));
  if (v.nameKana && !/^[\u30a1-\u30fa\u30fc\u30fb\u3000 ]+$/.test(v.nameKana)) errors.push({ field: "nameKana", message: t("register.kanaInvalid") });
  req("birthDate", t("register.required.birthDate"));
  if (v.postalCode && !/^\d{3}-\d{4}$/.test(v.postalCode)) errors.push({ field: "postalCode", message: t("register.postalCodeInvalid") });
  req("postalCode", t("register.required.postalCode"));
  req("address", t("register.required.address"));
  req("phone", t("register.required.phone"));
  req("email", t("register.required.email"));
  if (v.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.email)) errors.push({ field: "email", message: t("register.emailInvalid") });
  if (!v.category) errors.push({ field: "category", message: t("register.categoryRequired") });
  if (v.category === "worker") { req("workplaceName", t("register.required.workplaceName")); req("workplaceAddress", t("register.required.workplaceAddress")); }
  return errors;
}

