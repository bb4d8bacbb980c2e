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

const POLICY = "８文字以上で、生年月日やよく使われる文字列は使えません。";

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
      ? t("初回ログインです。アクティベーションコードを入力し、新しいパスワードを設定してください。設定するまで他の機能は使えません。")
      : t("現在のパスワードは初期パスワード（生年月日８桁）です。安全のため、新しいパスワードに変更してください。変更するまで他の機能は使えません。"), "warn") : null,
    h("p", {}, t("現在利用中のパスワードと、新しいパスワード（確認のため２回）を入力してください。")),
    field(initial && codes ? t("アクティベーションコード") : t("現在のパスワード"), current, { required: true,
      hint: !initial ? null : codes ? t("登録完了のメール（はがきでお申込みの方はお知らせの文書）に記載の、XXXX-XXXX-XXXX-XXXX の形のコードです。")
        : t("初期パスワードは生年月日８桁（例：1980年4月1日生まれの方は 19800401）です。") }),
    field(t("新しいパスワード"), next, { required: true, hint: t(POLICY) }),
    field(t("新しいパスワード（確認）"), again, { required: true }),
    alertSlot(),
    actions(button(t("設定"), null, { type: "submit", kind: "primary", id: "set" }),
      initial ? null : h("a", { class: "btn", href: "/menu" }, t("もどる"))));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const errors = [];
      if (!current.value) errors.push({ field: "currentPassword", message: t("現在のパスワードを入力してください") });
      if (!next.value) errors.push({ field: "newPassword", message: t("新しいパスワードを入力してください") });
      if (next.value && again.value !== next.value) errors.push({ field: "newPasswordConfirm", message: t("確認用のパスワードが一致しません") });
      if (errors.length) throw Object.assign(new Error(t("入力内容に誤りがあります")), { errors });
      if (!ask(t("パスワードを変更します。よろしいですか？"))) return;
      await api("POST", "/api/me/password", { body: { currentPassword: current.value, newPassword: next.value, newPasswordConfirm: again.value } });
      forgetUser();
      setFlash(t("パスワードを変更しました。新しいパスワードでログインしてください。"), "success");
      navigate("/login");
    }, form.querySelector("#set"));
  });
  render(ctx, t("パスワード変更"), form);
}

const POSTCARD_NOTE = "※専用はがき等で利用者登録をした方、またはインターネットで利用者登録をしてメールアドレスを忘れた方は、入力できませんので、みなと予約センターまでお問合せください。";

export function resetRequest(ctx) {
  const number = h("input", { name: "userNumber", id: "resetUserNumber", inputmode: "numeric", autocomplete: "username", class: "mono" });
  const email = h("input", { name: "email", id: "resetEmail", type: "email", autocomplete: "email" });
  const form = h("form", { novalidate: true },
    h("p", {}, t("登録している利用者番号と、予約システムに登録しているメールアドレスを入力して、確認メール送信ボタンを選択してください。")),
    h("p", { class: "note strong", id: "postcard-note" }, t(POSTCARD_NOTE)),
    field(t("利用者番号"), number, { required: true, hint: t("半角数字で入力してください。") }),
    field(t("メールアドレス"), email, { required: true }),
    alertSlot(),
    actions(button(t("確認メール送信"), null, { type: "submit", kind: "primary", id: "send" }),
      h("a", { class: "btn", href: "/login" }, t("もどる"))));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const errors = [];
      if (!number.value.trim()) errors.push({ field: "userNumber", message: t("利用者番号を入力してください") });
      if (!email.value.trim()) errors.push({ field: "email", message: t("メールアドレスを入力してください") });
      if (errors.length) throw Object.assign(new Error(t("入力内容に誤りがあります")), { errors });
      await api("POST", "/api/password-resets", { body: { userNumber: number.value.trim(), email: email.value.trim() } });
      render(ctx, t("パスワードの再設定"),
        h("p", { class: "done-message", id: "reset-sent" }, t("登録されているメールアドレスにパスワード再設定のメールを送信しました。")),
        h("p", {}, t("「港区区民保養施設予約システムからのお知らせ」のメールに記載されている URL を開き、新しいパスワードを設定してください。")),
        note(t("メールが届かない場合は、利用者番号とメールアドレスをご確認ください。")),
        actions(h("a", { class: "btn primary", href: "/login", id: "finish" }, t("終了"))));
    }, form.querySelector("#send"));
  });
  render(ctx, t("パスワードの再設定"), form);
}

export function resetComplete(ctx) {
  const token = ctx.params.token;
  const next = passwordInput("newPassword", "new-password");
  const again = passwordInput("newPasswordConfirm", "new-password");
  const form = h("form", { novalidate: true },
    h("p", {}, t("新しいパスワードを、確認のため２回入力してください。")),
    field(t("新しいパスワード"), next, { required: true, hint: t(POLICY) }),
    field(t("新しいパスワード（確認）"), again, { required: true }),
    h("p", { class: "note" }, t(POSTCARD_NOTE)),
    alertSlot(),
    actions(button(t("設定"), null, { type: "submit", kind: "primary", id: "set" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const errors = [];
      if (!next.value) errors.push({ field: "newPassword", message: t("新しいパスワードを入力してください") });
      if (next.value && again.value !== next.value) errors.push({ field: "newPasswordConfirm", message: t("確認用のパスワードが一致しません") });
      if (errors.length) throw Object.assign(new Error(t("入力内容に誤りがあります")), { errors });
      try {
        await api("POST", `/api/password-resets/${encodeURIComponent(token)}`, { body: { newPassword: next.value, newPasswordConfirm: again.value } });
      } catch (e) {
        if (e.status === 410 || e.status === 404) {
          render(ctx, t("パスワードの再設定"),
            alertBox(t("この URL は使用済みか有効期限が切れています。もう一度「※パスワードを忘れた場合」から手続きしてください。")),
            actions(h("a", { class: "btn", href: "/password-reset" }, t("パスワードの再設定へ")), h("a", { class: "btn", href: "/login" }, t("終了"))));
          return;
        }
        throw e;
      }
      session.user = null;
      render(ctx, t("パスワードの再設定完了"),
        h("p", { class: "done-message", id: "reset-done" }, t("新しいパスワードの設定が完了しました。")),
        h("p", {}, t("ログイン画面から、新しいパスワードでログインできることを確認してください。")),
        actions(h("a", { class: "btn primary", href: "/login", id: "finish" }, t("終了"))));
    }, form.querySelector("#set"));
  });
  render(ctx, t("パスワードの再設定"), form);
}
