// 利用停止 (issue 17): the notice a suspended user sees on the member menu and
// above the booking and application forms: until when, and why.
import { h } from "./dom.js";
import { api } from "./api.js";
import { fmtDate, suspensionReason } from "./format.js";
import { t } from "./i18n.js";

// The suspension an answer of GET /api/me or GET /api/me/limits carries
// (suspendedUntil, suspensionReason, suspensionReservation) as a warning box,
// or null when it carries none.
export function suspensionBox(me) {
  if (!me.suspendedUntil) return null;
  const reason = suspensionReason(me.suspensionReason, me.suspensionReservation || "");
  return h("div", { class: ["alert", "warn"], role: "status", id: "suspension" },
    h("strong", {}, t("suspension.title")), " ",
    h("span", { id: "suspension-message" }, t("suspension.message", { until: fmtDate(me.suspendedUntil) })), " ",
    h("span", { id: "suspension-reason" }, t("suspension.reasonLine", { reason })));
}

// The user's suspension as a warning box, or null when not suspended. Reads
// GET /api/me afresh (a suspension can start or end at any time).
export async function suspensionNotice() {
  return suspensionBox(await api("GET", "/api/me"));
}
