// The web pages' entry: the routes of every screen (users, operators,
// auditors), who may see them, and the start.
import { route, start, setNotFound, setErrorHandler, setBeforeEach, navigate } from "./router.js";
import { render, errorScreen, renderHeader, setFlash } from "./layout.js";
import { session, loadUser, loadStaff } from "./session.js";
import { h } from "./dom.js";
import { t, setLang, lang } from "./i18n.js";
import { loginScreen } from "./screens/login.js";
import { menuScreen } from "./screens/menu.js";
import { facilityChoice, calendarScreen, weekScreen } from "./screens/vacancy.js";
import { bookingScreen } from "./screens/booking.js";
import { lotteryStart, lotteryWeek, lotteryApply } from "./screens/lottery.js";
import { lotteryApplications, lotteryCancel, lotteryResults } from "./screens/lottery-list.js";
import { reservationList, reservationChange, reservationCancel } from "./screens/reservations.js";
import { confirmationScreen } from "./screens/confirmations.js";
import { passwordChange, resetRequest, resetComplete } from "./screens/password.js";
import { registerScreen } from "./screens/register.js";
import { noticesScreen, preferencesScreen } from "./screens/notices.js";
import { accessibilityScreen } from "./screens/accessibility.js";
import { waitlistJoinScreen, waitlistScreen } from "./screens/waitlist.js";
import { staffLogin } from "./screens/operator/login.js";
import { operatorRoutes } from "./screens/operator/routes.js";
import { auditRoutes } from "./screens/audit/routes.js";

// Public screens.
route("/", loginScreen);
route("/login", loginScreen);
route("/register", registerScreen);
route("/password-reset", resetRequest);
route("/password-reset/:token", resetComplete);
route("/vacancy", facilityChoice);
route("/vacancy/:facilityId", calendarScreen);
route("/vacancy/:facilityId/week/:date", weekScreen);
route("/accessibility", accessibilityScreen);

// A user's screens.
const user = { auth: "user" };
route("/vacancy/:facilityId/book/:date", bookingScreen, user);
route("/vacancy/:facilityId/waitlist/:date", waitlistJoinScreen, user);
route("/waitlist", waitlistScreen, user);
route("/menu", menuScreen, user);
route("/lottery", lotteryStart, user);
route("/lottery/applications", lotteryApplications, user);
route("/lottery/cancel", lotteryCancel, user);
route("/lottery/results", lotteryResults, user);
route("/confirmations", confirmationScreen, user);
route("/lottery/:lotteryId/:facilityId", lotteryWeek, user);
route("/lottery/:lotteryId/:facilityId/apply/:date", lotteryApply, user);
route("/reservations", reservationList, user);
route("/reservations/cancel", reservationCancel, user);
route("/reservations/:number/change", reservationChange, user);
route("/notices", noticesScreen, user);
route("/preferences", preferencesScreen, user);
route("/password", passwordChange, { auth: "user", initialOk: true });

// Operators and auditors.
route("/operator/login", staffLogin);
route("/audit/login", staffLogin);
operatorRoutes(route);
auditRoutes(route);

setBeforeEach(async (ctx) => {
  const staffArea = ctx.path.startsWith("/operator") || ctx.path.startsWith("/audit");
  if (staffArea) {
    await loadStaff();
  } else {
    await loadUser();
  }
  const next = encodeURIComponent(location.pathname + location.search);
  if (ctx.meta.auth === "user") {
    if (!session.user) {
      setFlash(t("auth.pleaseLogIn"), "warn");
      navigate(`/login?next=${next}`, { replace: true });
      return false;
    }
    if (session.user.mustChangePassword && !ctx.meta.initialOk) {
      navigate("/password", { replace: true });
      return false;
    }
  }
  if (ctx.meta.auth === "operator" || ctx.meta.auth === "auditor") {
    if (!session.staff) {
      setFlash(t("auth.pleaseLogIn"), "warn");
      navigate(`${ctx.meta.auth === "auditor" ? "/audit/login" : "/operator/login"}?next=${next}`, { replace: true });
      return false;
    }
    if (session.staff.role !== ctx.meta.auth) {
      render(ctx, t("denied.title"),
        h("p", {}, ctx.meta.auth === "auditor" ? t("denied.auditorsOnly") : t("denied.operatorsOnly")),
        h("div", { class: "actions" }, h("a", { class: "btn", href: session.staff.role === "auditor" ? "/audit" : "/operator" }, t("common.back"))));
      return false;
    }
  }
  document.body.classList.toggle("staff", staffArea);
  return true;
});

setNotFound((ctx) => {
  render(ctx, t("notFound.title"),
    h("p", {}, t("notFound.message")),
    h("div", { class: "actions" }, h("a", { class: "btn", href: "/" }, t("common.toTop"))));
});

setErrorHandler(errorScreen);
setLang(lang());
renderHeader();
start();
