// 利用停止 (issue 17): the notice a suspended user sees on the member menu and
// above the booking and application forms: until when, and why.
import { h } from "./dom.js";
import { api } from "./api.js";
import { fmtDate, suspensionReason } from "./format.js";
import { t } from "./i18n.js";

// The user's suspension as a warning box, or null when not suspended. Reads
// GET /api/me afresh (a suspension can start or end at any time).
export async function suspensionNotice() {
  const me = await api("GET", "/api/me");
  if (!me.suspendedUntil) return null;
  const reason = suspensionReason(me.suspensionReason, me.suspensionReservation || "");
  return h("div", { class: ["alert", "warn"], role: "status", id: "suspension" },
    h("strong", {}, t("suspension.title")), " ",
    h("span", { id: "suspension-message" }, t("suspension.message", { until: fmtDate(me.suspendedUntil) })), " ",
    h("span", { id: "suspension-reason" }, t("suspension.reasonLine", { reason })));
}
