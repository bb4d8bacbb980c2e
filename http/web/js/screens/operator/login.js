// The login of operators and auditors (/operator/login, /audit/login): login
// name and password; the role decides where it leads.
import { h, field, actions, button, alertSlot } from "../../dom.js";
import { render, act } from "../../layout.js";
import { session, loginStaff } from "../../session.js";
import { navigate } from "../../router.js";
import { t } from "../../i18n.js";

export function staffLogin(ctx) {
  const audit = ctx.path.startsWith("/audit");
  const login = h("input", { name: "login", id: "staffLogin", autocomplete: "username" });
  const password = h("input", { name: "password", id: "staffPassword", type: "password", autocomplete: "current-password" });
  const form = h("form", { class: "login-form", novalidate: true },
    alertSlot(),
    field(t("ログインID"), login, { required: true }),
    field(t("パスワード"), password, { required: true }),
    actions(button(t("ログイン"), null, { type: "submit", kind: "primary", id: "staff-login" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const me = await loginStaff(login.value.trim(), password.value);
      const home = me.role === "auditor" ? "/audit" : "/operator";
      const next = ctx.query.get("next");
      navigate(next && next.startsWith(home) ? next : home);
    }, form.querySelector("#staff-login"));
  });
  render(ctx, audit ? t("監査コンソール ログイン") : t("運用コンソール ログイン"),
    h("section", { class: "panel narrow" },
      session.staff ? h("p", {}, t("{login} としてログインしています。", { login: session.staff.login }), " ",
        h("a", { href: session.staff.role === "auditor" ? "/audit" : "/operator" }, t("コンソールへ"))) : null,
      h("p", {}, t("予約センターの運用担当者・監査担当者専用の画面です。")), form));
  login.focus();
}
