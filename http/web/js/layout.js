// The frame around every screen: the header (the user's name top left, as
// the manual has it, the title, language and logout), the footer (the link to
// the accessibility policy), the screen's heading
// (focused on each new screen), one-shot notices ("flash") and the
// error handling shared by screens and their buttons.
import { h, alertBox, showError, append } from "./dom.js";
import { ApiError } from "./api.js";
import { session, logout } from "./session.js";
import { navigate, currentPath } from "./router.js";
import { t, msgid, lang, setLang } from "./i18n.js";

const main = () => document.getElementById("main");
let flash = null;

export function setFlash(message, kind = "info") { flash = { message, kind }; }

const ROLE = { operator: msgid("role.operator"), auditor: msgid("role.auditor") };

export function renderHeader() {
  const who = document.getElementById("who");
  const tools = document.getElementById("tools");
  document.getElementById("site-title").textContent = t("site.title");
  const skip = document.querySelector("a.skip");
  if (skip) skip.textContent = t("site.skipLink");
  if (session.user) {
    who.replaceChildren(h("span", { class: "name", id: "user-name" }, t("header.userName", { name: session.user.name })),
      h("span", { class: "number" }, t("header.userNumber", { n: session.user.userNumber })));
  } else if (session.staff) {
    who.replaceChildren(h("span", { class: "name", id: "user-name" }, t("common.paren", { a: session.staff.login, b: ROLE[session.staff.role] ? t(ROLE[session.staff.role]) : session.staff.role })));
  } else {
    who.replaceChildren();
  }
  const langButton = h("button", { type: "button", class: "btn small ghost", lang: lang() === "ja" ? "en" : "ja",
    onClick: () => { setLang(lang() === "ja" ? "en" : "ja"); location.reload(); } },
  t("header.language"));
  const items = [langButton];
  if (session.user || session.staff) {
    items.push(h("button", { type: "button", class: "btn small ghost", id: "logout", onClick: async () => {
      const staff = !!session.staff;
      await logout().catch(() => {});
      setFlash(t("header.loggedOut"));
      navigate(staff ? "/operator/login" : "/login");
    } }, t("header.logout")));
  }
  tools.replaceChildren(...items);
  document.getElementById("footer").replaceChildren(
    h("p", {}, t("site.footer")),
    h("p", {}, h("a", { href: "/accessibility", id: "footer-accessibility" }, t("site.accessibility"))));
}

// Replaces the screen: heading `title` and `content`. Returns <main>.
export function render(ctx, title, ...content) {
  if (ctx && !ctx.live()) return null;
  document.title = `${title} | ${t("site.title")}`;
  renderHeader();
  const heading = h("h1", { tabindex: "-1", id: "screen-title" }, title);
  const m = main();
  const notice = flash ? alertBox(flash.message, flash.kind) : null;
  flash = null;
  m.replaceChildren();
  append(m, [heading, notice, ...content]);
  if (document.activeElement === document.body || !m.contains(document.activeElement)) heading.focus({ preventScroll: true });
  window.scrollTo(0, 0);
  return m;
}

// What a screen or a button does with an error it did not handle itself:
// log in again (401), change the initial password first (403
// password_change_required), or show it.
export function handleAuthError(e) {
  if (!(e instanceof ApiError)) return false;
  const staffArea = location.pathname.startsWith("/operator") || location.pathname.startsWith("/audit");
  // A refused login is an answer to show, not a lost session.
  if (e.status === 401 && !["/api/session", "/api/operator/session"].includes(e.path)) {
    session.user = null;
    session.staff = null;
    setFlash(t("auth.pleaseLogIn"), "warn");
    const next = encodeURIComponent(currentPath());
    navigate(`${staffArea ? "/operator/login" : "/login"}?next=${next}`, { replace: true });
    return true;
  }
  if (e.status === 403 && e.code === "password_change_required") {
    if (session.user) session.user.mustChangePassword = true;
    navigate("/password", { replace: true });
    return true;
  }
  return false;
}

export function errorScreen(e, ctx) {
  if (handleAuthError(e)) return;
  console.error(e);
  const box = h("div", { class: "alert-slot" });
  render(ctx, t("error.title"), box,
    h("div", { class: "actions" }, h("a", { class: "btn", href: "/" }, t("common.toTop"))));
  showError(box.parentElement, e);
}

// Runs a button's action: the button is disabled meanwhile; errors are shown
// in `scope` (next to their fields) unless they mean "log in" or "change
// your password".
export async function act(scope, fn, btn) {
  if (btn) btn.disabled = true;
  try {
    return await fn();
  } catch (e) {
    if (!handleAuthError(e)) showError(scope, e);
    return undefined;
  } finally {
    if (btn && btn.isConnected) btn.disabled = false;
  }
}

export function ask(message) {
  return window.confirm(message);
}
