// 利用状況 (issue 17): the member menu's panel of the user's limits on stays,
// what they hold against each, and their suspension, from GET /api/me/limits.
import { h, table } from "./dom.js";
import { api } from "./api.js";
import { fmtMonth } from "./format.js";
import { t } from "./i18n.js";
import { suspensionBox } from "./suspension.js";

// A period of a limit: the fiscal year (2026年度) or the month.
function periodLabel(u) {
  if (u.kind === "nights_per_fiscal_year") return t("usage.fiscalYear", { y: Number(u.period.slice(0, 4)) });
  return fmtMonth(u.period.slice(0, 7));
}

// The panel, or null when no limit and no suspension applies to the user.
// Reads afresh: a limit or a suspension can change at any time.
export async function usagePanel() {
  const me = await api("GET", "/api/me/limits");
  const minPeople = me.limits.minPeoplePerRoom > 1 ? me.limits.minPeoplePerRoom : 0;
  if (!me.suspended && !me.usage.length && !minPeople) return null;
  return h("section", { class: "usage-panel", id: "usage", "aria-labelledby": "usage-title" },
    h("h2", { id: "usage-title" }, t("usage.title")),
    suspensionBox(me),
    me.usage.length ? table([
      [t("usage.period"), (u) => periodLabel(u)],
      [t("usage.max"), (u) => t("usage.nights", { n: u.max })],
      [t("usage.used"), (u) => t("usage.nights", { n: u.used })],
      [t("usage.left"), (u) => h("strong", {}, t("usage.nights", { n: u.left }))],
    ], me.usage, { id: "usage-table", rowAttrs: (u) => ({ "data-kind": u.kind, "data-period": u.period }) }) : null,
    me.usage.length ? h("p", { class: "hint" }, t("usage.counted")) : null,
    minPeople ? h("p", { id: "usage-people" }, t("usage.minPeople", { n: minPeople })) : null);
}
