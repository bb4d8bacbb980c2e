// M1: the top page (ログイン画面) and /login. User number (half-width digits)
// and password (shown as ●), ログイン, "※パスワードを忘れた場合"; the top
// page also leads to vacancy without login and to 新規利用者登録 (M9).
import { h, field, button, actions, alertSlot, note, append } from "../dom.js";
import { render, act, setFlash } from "../layout.js";
import { session, loginUser } from "../session.js";
import { navigate } from "../router.js";
import { t } from "../i18n.js";
import { usesActivationCodes } from "../settings.js";

// Where to go after logging in: `next` when it is a path of this site
// ("/confirmations?x=1"), else `fallback`. Never another origin: not
// "//evil.example", "/\evil.example" (browsers read "\" as "/"),
// "https://evil.example" nor "javascript:...".
export function safeNext(ctx, fallback) {
  const next = ctx.query.get("next");
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return fallback;
  try {
    const url = new URL(next, location.origin);
    // The normalised path too: "/..//evil.example" becomes "//evil.example".
    if (url.origin !== location.origin || url.pathname.startsWith("//") || url.pathname.includes("\\")) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}

function loginForm(ctx) {
  const number = h("input", { name: "userNumber", id: "userNumber", inputmode: "numeric", autocomplete: "username",
    pattern: "[0-9]*", maxlength: "20", class: "mono" });
  const password = h("input", { name: "password", id: "password", type: "password", autocomplete: "current-password" });
  const form = h("form", { class: "login-form", novalidate: true });
  append(form, alertSlot(),
    field(t("common.userNumber"), number, { hint: t("login.numberHint"), required: true }),
    field(t("common.password"), password, { required: true }),
    actions(button(t("login.logIn"), null, { type: "submit", kind: "primary", id: "login" })),
    h("p", {}, h("a", { href: "/password-reset", id: "forgot" }, t("login.forgot"))));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const btn = form.querySelector("#login");
    act(form, async () => {
      const errors = [];
      const n = number.value.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
      if (!n) errors.push({ field: "userNumber", message: t("login.numberRequired") });
      else if (!/^[0-9]+$/.test(n)) errors.push({ field: "userNumber", message: t("login.numberDigits") });
      if (!password.value) errors.push({ field: "password", message: t("login.passwordRequired") });
      if (errors.length) throw Object.assign(new Error(t("common.invalidInput")), { errors });
      const me = await loginUser(n, password.value);
      if (me.mustChangePassword) {
        setFlash(await usesActivationCodes()
          ? t("login.activationCode")
          : t("login.initialPassword"), "warn");
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
    h("h2", { id: "guest-title" }, t("login.guest")),
    h("p", {}, t("login.guestVacancy")),
    h("p", {}, h("a", { class: "btn wide", href: "/vacancy", id: "guest-vacancy" }, t("vacancy.title"))),
    h("p", {}, t("login.guestRegister")),
    h("p", {}, h("a", { class: "btn wide", href: "/register", id: "register" }, t("register.title"))));
  const loginPanel = h("section", { class: "panel", "aria-labelledby": "login-title" },
    h("h2", { id: "login-title" }, t("login.registered")),
    session.user ? [
      h("p", {}, t("login.loggedInAs", { name: session.user.name })),
      actions(h("a", { class: "btn primary", href: "/menu" }, t("login.toMenu"))),
    ] : form);
  render(ctx, top ? t("site.title") : t("login.logIn"),
    top ? note(t("login.intro")) : null,
    h("div", { class: "columns" }, loginPanel, side));
  if (!top && !session.user) form.querySelector("#userNumber").focus();
}
