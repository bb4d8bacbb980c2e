// M1: the top page (ログイン画面) and /login. User number (half-width digits)
// and password (shown as ●), ログイン, "※パスワードを忘れた場合"; the top
// page also leads to vacancy without login and to 新規利用者登録 (M9).
import { h, field, button, actions, alertSlot, note, append } from "../dom.js";
import { render, act, setFlash } from "../layout.js";
import { session, loginUser } from "../session.js";
import { navigate } from "../router.js";
import { t } from "../i18n.js";
import { usesActivationCodes } from "../settings.js";

export function safeNext(ctx, fallback) {
  const next = ctx.query.get("next");
  return next && next.startsWith("/") && !next.startsWith("//") ? next : fallback;
}

function loginForm(ctx) {
  const number = h("input", { name: "userNumber", id: "userNumber", inputmode: "numeric", autocomplete: "username",
    pattern: "[0-9]*", maxlength: "20", class: "mono" });
  const password = h("input", { name: "password", id: "password", type: "password", autocomplete: "current-password" });
  const form = h("form", { class: "login-form", novalidate: true });
  append(form, alertSlot(),
    field(t("利用者番号"), number, { hint: t("半角数字で入力してください。"), required: true }),
    field(t("パスワード"), password, { required: true }),
    actions(button(t("ログイン"), null, { type: "submit", kind: "primary", id: "login" })),
    h("p", {}, h("a", { href: "/password-reset", id: "forgot" }, t("※パスワードを忘れた場合"))));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const btn = form.querySelector("#login");
    act(form, async () => {
      const errors = [];
      const n = number.value.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
      if (!n) errors.push({ field: "userNumber", message: t("利用者番号を入力してください") });
      else if (!/^[0-9]+$/.test(n)) errors.push({ field: "userNumber", message: t("利用者番号は半角数字で入力してください") });
      if (!password.value) errors.push({ field: "password", message: t("パスワードを入力してください") });
      if (errors.length) throw Object.assign(new Error(t("入力内容に誤りがあります")), { errors });
      const me = await loginUser(n, password.value);
      if (me.mustChangePassword) {
        setFlash(await usesActivationCodes()
          ? t("アクティベーションコードでログインしました。新しいパスワードを設定してください。")
          : t("初期パスワード（生年月日８桁）でログインしました。パスワードを変更してください。"), "warn");
        navigate("/password");
      } else {
        navigate(safeNext(ctx, "/menu"));
      }
    }, btn);
  });
  return form;
}

export async function loginScreen(ctx) {
  const top = ctx.path === "/";
  const form = loginForm(ctx);
  const side = h("section", { class: "panel guest", "aria-labelledby": "guest-title" },
    h("h2", { id: "guest-title" }, t("利用者登録をしていない方")),
    h("p", {}, t("利用者登録をしていない方も、保養施設の空き室状況を参照できます。")),
    h("p", {}, h("a", { class: "btn wide", href: "/vacancy", id: "guest-vacancy" }, t("空き室照会・予約"))),
    h("p", {}, t("港区内在住・在勤の方は、利用者登録をするとインターネットから予約や抽選の申込みができます。")),
    h("p", {}, h("a", { class: "btn wide", href: "/register", id: "register" }, t("新規利用者登録"))));
  const loginPanel = h("section", { class: "panel", "aria-labelledby": "login-title" },
    h("h2", { id: "login-title" }, t("登録されている方")),
    session.user ? [
      h("p", {}, t("{name} 様としてログインしています。", { name: session.user.name })),
      actions(h("a", { class: "btn primary", href: "/menu" }, t("専用メニューへ"))),
    ] : form);
  render(ctx, top ? t("港区区民保養施設予約システム") : t("ログイン"),
    top ? note(t("港区の区民保養施設（大平台みなと荘ほか）の空き室照会・予約、抽選の申込みができます。")) : null,
    h("div", { class: "columns" }, loginPanel, side));
  if (!top && !session.user) form.querySelector("#userNumber").focus();
}
