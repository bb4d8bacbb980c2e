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

const POLICY = "８文字以上で、よく使われる文字列は使えません。";

function input(name, id, attrs = {}) {
  return h("input", { name, id, ...attrs });
}

// Off (or set up but never confirmed): a button that starts the set-up.
function totpOff(me, panel) {
  const start = button(t("二段階認証を設定する"), (ev) => act(panel, async () => {
    const enrolment = await api("POST", "/api/operator/me/totp");
    panel.replaceChildren(...totpEnrolment(enrolment, panel));
    panel.querySelector("#totp-confirm-code").focus();
  }, ev.currentTarget), { kind: "primary", id: "totp-start" });
  return [
    h("p", { id: "totp-status", "data-status": me.totp }, me.totp === "pending"
      ? t("二段階認証の設定が完了していません（確認コードの入力待ち）。もう一度設定してください。")
      : t("二段階認証は設定されていません。ログインにはパスワードだけを使います。")),
    note(t("設定すると、ログインのたびにパスワードに加えて認証アプリ（Google Authenticator など）の確認コードが必要になります。")),
    alertSlot(),
    actions(start),
  ];
}

// The secret and the recovery codes, shown this once; a code confirms.
function totpEnrolment(e, panel) {
  const code = input("totp", "totp-confirm-code", { autocomplete: "one-time-code", inputmode: "numeric", class: "mono" });
  const form = h("form", { novalidate: true },
    field(t("確認コード"), code, { required: true, hint: t("認証アプリに表示されている6桁の数字を入力してください。") }),
    alertSlot(),
    actions(button(t("確認して有効にする"), null, { type: "submit", kind: "primary", id: "totp-confirm" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      await api("POST", "/api/operator/me/totp/confirmation", { body: { totp: code.value.trim() } });
      setFlash(t("二段階認証を有効にしました。次回のログインから確認コードが必要です。"), "success");
      reload();
    }, form.querySelector("#totp-confirm"));
  });
  return [
    h("p", {}, t("認証アプリに次のキーを登録してください（手入力するか、otpauth URI から QR コードを作って読み取ります）。")),
    summary([
      [t("キー"), h("code", { class: "mono wrap", id: "totp-secret" }, e.secret)],
      [t("otpauth URI"), h("code", { class: "mono wrap", id: "totp-uri" }, e.otpauthUri)],
    ]),
    h("h3", {}, t("リカバリーコード")),
    alertBox(t("認証アプリを使えなくなったときに、確認コードの代わりに１つずつ１回だけ使えます。この画面を離れると二度と表示されません。安全な場所に控えてください。"), "warn"),
    h("ol", { id: "recovery-codes", class: "mono" }, e.recoveryCodes.map((c) => h("li", {}, c))),
    h("p", {}, t("登録できたら、認証アプリに表示されている確認コードを入力してください。")),
    form,
  ];
}

// On: turning it off needs the password and a code.
function totpOn(panel) {
  const password = input("password", "totp-off-password", { type: "password", autocomplete: "current-password" });
  const code = input("totp", "totp-off-code", { autocomplete: "one-time-code", class: "mono" });
  const form = h("form", { novalidate: true },
    field(t("パスワード"), password, { required: true }),
    field(t("確認コード"), code, { required: true, hint: t("認証アプリに表示されている6桁の数字、またはリカバリーコードを入力してください。") }),
    alertSlot(),
    actions(button(t("二段階認証を無効にする"), null, { type: "submit", id: "totp-disable" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      if (!ask(t("二段階認証を無効にします。よろしいですか？"))) return;
      await api("DELETE", "/api/operator/me/totp", { body: { password: password.value, totp: code.value.trim() } });
      setFlash(t("二段階認証を無効にしました。"), "success");
      reload();
    }, form.querySelector("#totp-disable"));
  });
  return [
    h("p", { id: "totp-status", "data-status": "on" }, t("二段階認証は有効です。ログインには認証アプリの確認コードが必要です。")),
    note(t("認証アプリを使えなくなったときは、リカバリーコードでログインできます。リカバリーコードもない場合は、システム管理者に解除を依頼してください。")),
    h("h3", {}, t("二段階認証を無効にする")),
    form,
  ];
}

function passwordForm(audit) {
  const current = input("currentPassword", "staff-current-password", { type: "password", autocomplete: "current-password" });
  const next = input("newPassword", "staff-new-password", { type: "password", autocomplete: "new-password" });
  const again = input("newPasswordConfirm", "staff-new-password-confirm", { type: "password", autocomplete: "new-password" });
  const form = h("form", { novalidate: true, id: "staff-password" },
    field(t("現在のパスワード"), current, { required: true }),
    field(t("新しいパスワード"), next, { required: true, hint: t(POLICY) }),
    field(t("新しいパスワード（確認）"), again, { required: true }),
    alertSlot(),
    actions(button(t("パスワードを変更する"), null, { type: "submit", kind: "primary", id: "staff-password-set" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const errors = [];
      if (!current.value) errors.push({ field: "currentPassword", message: t("現在のパスワードを入力してください") });
      if (!next.value) errors.push({ field: "newPassword", message: t("新しいパスワードを入力してください") });
      if (next.value && again.value !== next.value) errors.push({ field: "newPasswordConfirm", message: t("確認用のパスワードが一致しません") });
      if (errors.length) throw Object.assign(new Error(t("入力内容に誤りがあります")), { errors });
      if (!ask(t("パスワードを変更します。よろしいですか？"))) return;
      await api("POST", "/api/operator/me/password", { body: { currentPassword: current.value, newPassword: next.value, newPasswordConfirm: again.value } });
      session.staff = null;
      setFlash(t("パスワードを変更しました。新しいパスワードでログインしてください。"), "success");
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
  (audit ? auditRender : opRender)(ctx, t("アカウント設定"),
    h("h2", {}, t("二段階認証（認証アプリ）")), panel,
    h("h2", {}, t("パスワード変更")),
    h("section", { class: "panel" }, h("p", {}, t("現在のパスワードと、新しいパスワード（確認のため２回）を入力してください。変更すると、すべての端末でログアウトします。")), passwordForm(audit)));
}
