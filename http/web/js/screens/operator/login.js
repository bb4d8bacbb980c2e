// The login of operators and auditors (/operator/login, /audit/login): login
// name and password, and the authenticator's code (or a recovery code) once
// the server says the account needs one; the role decides where it leads.
import { h, field, actions, button, alertSlot, alertBox, clearErrors } from "../../dom.js";
import { render, act } from "../../layout.js";
import { session, loginStaff } from "../../session.js";
import { navigate } from "../../router.js";
import { t } from "../../i18n.js";

export function staffLogin(ctx) {
  const audit = ctx.path.startsWith("/audit");
  const login = h("input", { name: "login", id: "staffLogin", autocomplete: "username" });
  const password = h("input", { name: "password", id: "staffPassword", type: "password", autocomplete: "current-password" });
  const totp = h("input", { name: "totp", id: "staffTotp", autocomplete: "one-time-code", class: "mono", spellcheck: "false" });
  const totpField = field(t("staff.totp.code"), totp, { hint: t("staff.totp.codeOrRecoveryHint") });
  totpField.hidden = true;
  const slot = alertSlot();
  const form = h("form", { class: "login-form", novalidate: true },
    slot,
    field(t("staff.login.id"), login, { required: true }),
    field(t("common.password"), password, { required: true }),
    totpField,
    actions(button(t("login.logIn"), null, { type: "submit", kind: "primary", id: "staff-login" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      let me;
      try {
        me = await loginStaff(login.value.trim(), password.value, totpField.hidden ? "" : totp.value.trim());
      } catch (e) {
        if (e.code !== "totp_required") throw e;
        // The password was right; this account also needs its code.
        clearErrors(form);
        totpField.hidden = false;
        slot.replaceChildren(alertBox(t("staff.totp.needed"), "info"));
        totp.focus();
        return;
      }
      const home = me.role === "auditor" ? "/audit" : "/operator";
      const next = ctx.query.get("next");
      navigate(next && next.startsWith(home) ? next : home);
    }, form.querySelector("#staff-login"));
  });
  render(ctx, audit ? t("staff.login.title.audit") : t("staff.login.title.operator"),
    h("section", { class: "panel narrow" },
      session.staff ? h("p", {}, t("staff.login.loggedInAs", { login: session.staff.login }), " ",
        h("a", { href: session.staff.role === "auditor" ? "/audit" : "/operator" }, t("staff.login.toConsole"))) : null,
      h("p", {}, t("staff.login.intro")), form));
  login.focus();
}
