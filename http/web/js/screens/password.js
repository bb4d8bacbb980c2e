// M10 パスワード変更 (current, new twice, 設定, confirm; then logged out and
// sent to the login page) and M11 パスワードの再設定 (user number + email,
// 確認メール送信, always the "sent" screen; the mailed link
// /password-reset/{token} takes the new password twice, 設定, done, 終了).
import { h, field, actions, button, alertSlot, note, alertBox } from "../dom.js";
import { render, act, ask, setFlash } from "../layout.js";
import { api } from "../api.js";
import { session, forgetUser } from "../session.js";
import { navigate } from "../router.js";
import { t } from "../i18n.js";
import { usesActivationCodes } from "../settings.js";

function passwordInput(name, autocomplete) {
  return h("input", { type: "password", name, id: name, autocomplete });
}

export async function passwordChange(ctx) {
  const initial = session.user?.mustChangePassword;
  const codes = initial && (await usesActivationCodes());
  const current = passwordInput("currentPassword", "current-password");
  const next = passwordInput("newPassword", "new-password");
  const again = passwordInput("newPasswordConfirm", "new-password");
  const form = h("form", { novalidate: true },
    initial ? alertBox(codes
      ? t("password.firstLogin")
      : t("password.initialWarning"), "warn") : null,
    h("p", {}, t("password.change.hint")),
    field(initial && codes ? t("password.activationCode") : t("password.current"), current, { required: true,
      hint: !initial ? null : codes ? t("password.activationCodeHint")
        : t("password.initialHint") }),
    field(t("password.new"), next, { required: true, hint: t("password.policy") }),
    field(t("password.newAgain"), again, { required: true }),
    alertSlot(),
    actions(button(t("common.set"), null, { type: "submit", kind: "primary", id: "set" }),
      initial ? null : h("a", { class: "btn", href: "/menu" }, t("common.back"))));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const errors = [];
      if (!current.value) errors.push({ field: "currentPassword", message: t("password.currentRequired") });
      if (!next.value) errors.push({ field: "newPassword", message: t("password.newRequired") });
      if (next.value && again.value !== next.value) errors.push({ field: "newPasswordConfirm", message: t("password.mismatch") });
      if (errors.length) throw Object.assign(new Error(t("common.invalidInput")), { errors });
      if (!ask(t("password.change.confirm"))) return;
      await api("POST", "/api/me/password", { body: { currentPassword: current.value, newPassword: next.value, newPasswordConfirm: again.value } });
      forgetUser();
      setFlash(t("password.change.done"), "success");
      navigate("/login");
    }, form.querySelector("#set"));
  });
  render(ctx, t("password.change.title"), form);
}

export function resetRequest(ctx) {
  const number = h("input", { name: "userNumber", id: "resetUserNumber", inputmode: "numeric", autocomplete: "username", class: "mono" });
  const email = h("input", { name: "email", id: "resetEmail", type: "email", autocomplete: "email" });
  const form = h("form", { novalidate: true },
    h("p", {}, t("reset.hint")),
    h("p", { class: "note strong", id: "postcard-note" }, t("reset.postcardNote")),
    field(t("common.userNumber"), number, { required: true, hint: t("login.numberHint") }),
    field(t("common.email"), email, { required: true }),
    alertSlot(),
    actions(button(t("reset.send"), null, { type: "submit", kind: "primary", id: "send" }),
      h("a", { class: "btn", href: "/login" }, t("common.back"))));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const errors = [];
      if (!number.value.trim()) errors.push({ field: "userNumber", message: t("login.numberRequired") });
      if (!email.value.trim()) errors.push({ field: "email", message: t("reset.emailRequired") });
      if (errors.length) throw Object.assign(new Error(t("common.invalidInput")), { errors });
      await api("POST", "/api/password-resets", { body: { userNumber: number.value.trim(), email: email.value.trim() } });
      render(ctx, t("reset.title"),
        h("p", { class: "done-message", id: "reset-sent" }, t("reset.sent")),
        h("p", {}, t("reset.sentHint")),
        note(t("reset.noMail")),
        actions(h("a", { class: "btn primary", href: "/login", id: "finish" }, t("common.finish"))));
    }, form.querySelector("#send"));
  });
  render(ctx, t("reset.title"), form);
}

export function resetComplete(ctx) {
  const token = ctx.params.token;
  const next = passwordInput("newPassword", "new-password");
  const again = passwordInput("newPasswordConfirm", "new-password");
  const form = h("form", { novalidate: true },
    h("p", {}, t("reset.enterTwice")),
    field(t("password.new"), next, { required: true, hint: t("password.policy") }),
    field(t("password.newAgain"), again, { required: true }),
    h("p", { class: "note" }, t("reset.postcardNote")),
    alertSlot(),
    actions(button(t("common.set"), null, { type: "submit", kind: "primary", id: "set" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const errors = [];
      if (!next.value) errors.push({ field: "newPassword", message: t("password.newRequired") });
      if (next.value && again.value !== next.value) errors.push({ field: "newPasswordConfirm", message: t("password.mismatch") });
      if (errors.length) throw Object.assign(new Error(t("common.invalidInput")), { errors });
      try {
        await api("POST", `/api/password-resets/${encodeURIComponent(token)}`, { body: { newPassword: next.value, newPasswordConfirm: again.value } });
      } catch (e) {
        if (e.status === 410 || e.status === 404) {
          render(ctx, t("reset.title"),
            alertBox(t("reset.expired")),
            actions(h("a", { class: "btn", href: "/password-reset" }, t("reset.again")), h("a", { class: "btn", href: "/login" }, t("common.finish"))));
          return;
        }
        throw e;
      }
      session.user = null;
      render(ctx, t("reset.done.title"),
        h("p", { class: "done-message", id: "reset-done" }, t("reset.done.message")),
        h("p", {}, t("reset.done.hint")),
        actions(h("a", { class: "btn primary", href: "/login", id: "finish" }, t("common.finish"))));
    }, form.querySelector("#set"));
  });
  render(ctx, t("reset.title"), form);
}
