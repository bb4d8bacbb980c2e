// A staff member's own account (/operator/account, /audit/account), for
// operators and auditors alike: two-step verification with an authenticator
// app (TOTP) — set up (the secret, the otpauth URI and the recovery codes,
// shown once; a code confirms it), or turn off (password and a code) — and
// the password change (every session ends; log in again).
import { h, field, actions, button, alertSlot, alertBox, note, summary } from "../../dom.js";
import { act, ask, setFlash } from "../../layout.js";
import { api } from "../../api.js";
import { session } from "../../session.js";
import { navigate, reload } from "../../router.js";
import { t } from "../../i18n.js";
import { opRender, auditRender } from "./shell.js";

function input(name, id, attrs = {}) {
  return h("input", { name, id, ...attrs });
}

// Off (or set up but never confirmed): a button that starts the set-up.
function totpOff(me, panel) {
  const start = button(t("staff.totp.start"), (ev) => act(panel, async () => {
    const enrolment = await api("POST", "/api/operator/me/totp");
    panel.replaceChildren(...totpEnrolment(enrolment, panel));
    panel.querySelector("#totp-confirm-code").focus();
  }, ev.currentTarget), { kind: "primary", id: "totp-start" });
  return [
    h("p", { id: "totp-status", "data-status": me.totp }, me.totp === "pending"
      ? t("staff.totp.pending")
      : t("staff.totp.off")),
    note(t("staff.totp.offNote")),
    alertSlot(),
    actions(start),
  ];
}

// The secret and the recovery codes, shown this once; a code confirms.
function totpEnrolment(e, panel) {
  const code = input("totp", "totp-confirm-code", { autocomplete: "one-time-code", inputmode: "numeric", class: "mono" });
  const form = h("form", { novalidate: true },
    field(t("staff.totp.code"), code, { required: true, hint: t("staff.totp.codeHint") }),
    alertSlot(),
    actions(button(t("staff.totp.confirm"), null, { type: "submit", kind: "primary", id: "totp-confirm" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      await api("POST", "/api/operator/me/totp/confirmation", { body: { totp: code.value.trim() } });
      setFlash(t("staff.totp.enabled"), "success");
      reload();
    }, form.querySelector("#totp-confirm"));
  });
  return [
    h("p", {}, t("staff.totp.addKey")),
    summary([
      [t("staff.totp.key"), h("code", { class: "mono wrap", id: "totp-secret" }, e.secret)],
      [t("staff.totp.uri"), h("code", { class: "mono wrap", id: "totp-uri" }, e.otpauthUri)],
    ]),
    h("h3", {}, t("staff.totp.recoveryCodes")),
    alertBox(t("staff.totp.recoveryNote"), "warn"),
    h("ol", { id: "recovery-codes", class: "mono" }, e.recoveryCodes.map((c) => h("li", {}, c))),
    h("p", {}, t("staff.totp.thenCode")),
    form,
  ];
}

// On: turning it off needs the password and a code.
function totpOn(panel) {
  const password = input("password", "totp-off-password", { type: "password", autocomplete: "current-password" });
  const code = input("totp", "totp-off-code", { autocomplete: "one-time-code", class: "mono" });
  const form = h("form", { novalidate: true },
    field(t("common.password"), password, { required: true }),
    field(t("staff.totp.code"), code, { required: true, hint: t("staff.totp.codeOrRecoveryHint") }),
    alertSlot(),
    actions(button(t("staff.totp.disable"), null, { type: "submit", id: "totp-disable" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      if (!ask(t("staff.totp.disableConfirm"))) return;
      await api("DELETE", "/api/operator/me/totp", { body: { password: password.value, totp: code.value.trim() } });
      setFlash(t("staff.totp.disabled"), "success");
      reload();
    }, form.querySelector("#totp-disable"));
  });
  return [
    h("p", { id: "totp-status", "data-status": "on" }, t("staff.totp.on")),
    note(t("staff.totp.onNote")),
    h("h3", {}, t("staff.totp.disable")),
    form,
  ];
}

function passwordForm(audit) {
  const current = input("currentPassword", "staff-current-password", { type: "password", autocomplete: "current-password" });
  const next = input("newPassword", "staff-new-password", { type: "password", autocomplete: "new-password" });
  const again = input("newPasswordConfirm", "staff-new-password-confirm", { type: "password", autocomplete: "new-password" });
  const form = h("form", { novalidate: true, id: "staff-password" },
    field(t("password.current"), current, { required: true }),
    field(t("password.new"), next, { required: true, hint: t("staff.password.policy") }),
    field(t("password.newAgain"), again, { required: true }),
    alertSlot(),
    actions(button(t("staff.password.submit"), null, { type: "submit", kind: "primary", id: "staff-password-set" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const errors = [];
      if (!current.value) errors.push({ field: "currentPassword", message: t("password.currentRequired") });
      if (!next.value) errors.push({ field: "newPassword", message: t("password.newRequired") });
      if (next.value && again.value !== next.value) errors.push({ field: "newPasswordConfirm", message: t("password.mismatch") });
      if (errors.length) throw Object.assign(new Error(t("common.invalidInput")), { errors });
      if (!ask(t("password.change.confirm"))) return;
      await api("POST", "/api/operator/me/password", { body: { currentPassword: current.value, newPassword: next.value, newPasswordConfirm: again.value } });
      session.staff = null;
      setFlash(t("password.change.done"), "success");
      navigate(audit ? "/audit/login" : "/operator/login");
    }, form.querySelector("#staff-password-set"));
  });
  return form;
}

export async function staffAccount(ctx) {
  const audit = ctx.path.startsWith("/audit");
  const me = await api("GET", "/api/operator/me");
  const panel = h("section", { class: "panel", id: "totp" });
  panel.append(...(me.totp === "on" ? totpOn(panel) : totpOff(me, panel)));
  (audit ? auditRender : opRender)(ctx, t("staff.account.title"),
    h("h2", {}, t("staff.totp.title")), panel,
    h("h2", {}, t("password.change.title")),
    h("section", { class: "panel" }, h("p", {}, t("staff.password.hint")), passwordForm(audit)));
}
