// A1–A3, the auditor's console (read-only): the event log with paging,
// verification of the whole history, re-running a draw, the history of one
// subject, and vacancy / a reservation as of a past log position.
import { h, field, actions, button, alertSlot, alertBox, table, summary, note, replace } from "../../dom.js";
import { act } from "../../layout.js";
import { api, qs } from "../../api.js";
import { navigate } from "../../router.js";
import { fmtDate, nightsLabel, peopleLabel, styleLabel, reservationStatus } from "../../format.js";
import { auditRender, AUDIT_NAV } from "../operator/shell.js";
import { t, msgid } from "../../i18n.js";

// NDJSON → objects.
const lines = (text) => text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));

function eventTable(events, id) {
  return table([
    [t("audit.event.position"), (e) => h("span", { class: "mono" }, String(e.position))],
    [t("audit.event.at"), (e) => e.at],
    [t("audit.event.type"), (e) => h("strong", {}, e.type)],
    [t("audit.event.stream"), (e) => h("span", { class: "mono" }, `${e.streamId} #${e.version}`)],
    [t("audit.event.actor"), (e) => e.actor],
    [t("audit.event.data"), (e) => h("details", {}, h("summary", {}, t("common.show")), h("pre", { class: "json" }, JSON.stringify(e.data, null, 2)))],
    [t("audit.event.hash"), (e) => h("span", { class: "mono hash", title: e.hash }, (e.hash || "").slice(0, 12) + "…")],
  ], events, { id, className: "events" });
}

export async function auditHome(ctx) {
  const health = await api("GET", "/api/health");
  auditRender(ctx, t("audit.home.title"),
    h("p", {}, t("audit.home.position"), " ", h("strong", {}, String(health.position))),
    h("ul", { class: "menu" }, AUDIT_NAV.slice(1).map(([href, label]) => h("li", {}, h("a", { class: "menu-item", href }, t(label))))));
}

export async function auditEvents(ctx) {
  const limit = Math.min(Math.max(Number(ctx.query.get("limit") || 50), 1), 10000);
  const from = Math.max(Number(ctx.query.get("from") || 1), 1);
  const res = await api("GET", `/api/audit/events${qs({ from, limit })}`, { as: "response" });
  const head = Number(res.headers.get("X-Log-Position") || 0);
  const events = lines(await res.text());
  const fromInput = h("input", { type: "number", name: "from", min: "1", value: String(from) });
  const limitInput = h("input", { type: "number", name: "limit", min: "1", max: "10000", value: String(limit) });
  const form = h("form", { class: "search", novalidate: true }, h("div", { class: "grid-fields" }, field(t("audit.events.from"), fromInput), field(t("audit.events.limit"), limitInput)),
    actions(button(t("common.show"), null, { type: "submit", kind: "primary" })));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); navigate(`/audit/events${qs({ from: fromInput.value, limit: limitInput.value })}`); });
  const go = (f) => navigate(`/audit/events${qs({ from: f, limit })}`);
  auditRender(ctx, t("audit.events.title"), form,
    h("p", { id: "events-range" }, events.length
      ? t("audit.events.range", { from: events[0].position, to: events[events.length - 1].position, total: head })
      : t("audit.events.none", { total: head })),
    actions(button(t("audit.events.prev"), () => go(Math.max(1, from - limit)), { disabled: from <= 1, id: "events-prev" }),
      button(t("audit.events.next"), () => go(from + limit), { disabled: from + limit > head, id: "events-next" }),
      button(t("audit.events.last"), () => go(Math.max(1, head - limit + 1)), { id: "events-last" })),
    eventTable(events, "events"));
}

export function auditVerify(ctx) {
  const out = h("div", { id: "verify-result", "aria-live": "polite" });
  const box = h("div", {}, 
    h("p", {}, t("audit.verify.hint")),
    alertSlot(),
    actions(button(t("audit.verify.submit"), (ev) => act(box, async () => {
      replace(out, h("p", {}, t("audit.verify.running")));
      const r = await api("GET", "/api/audit/verify");
      replace(out, 
        r.ok ? alertBox(t("audit.verify.ok", { n: r.checked }), "success") : alertBox(t("audit.verify.fault", { position: r.firstFault?.position, reason: r.firstFault?.reason })),
        summary([[t("audit.verify.result"), h("strong", { id: "verify-ok", "data-ok": String(r.ok) }, r.ok ? t("audit.verify.resultOk") : t("audit.verify.resultNg"))],
          [t("audit.verify.checked"), h("span", { id: "verify-checked" }, String(r.checked))],
          [t("audit.verify.draws"), (r.draws || []).length ? r.draws.map((d) => (typeof d === "object" ? JSON.stringify(d) : String(d))).join(", ") : t("common.none")],
          r.firstFault ? [t("audit.verify.firstFault"), t("audit.verify.faultAt", { position: r.firstFault.position, reason: r.firstFault.reason })] : null]));
    }, ev.currentTarget), { kind: "primary", id: "verify" })),
    out);
  auditRender(ctx, t("audit.verify.title"), box);
}

export function auditRedraw(ctx) {
  const id = h("input", { name: "lotteryId", id: "redraw-id", value: ctx.query.get("lotteryId") || "" });
  const out = h("div", { id: "redraw-result" });
  const form = h("form", { novalidate: true }, field(t("audit.redraw.id"), id, { required: true }), alertSlot(),
    actions(button(t("audit.redraw.submit"), null, { type: "submit", kind: "primary", id: "redraw" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const r = await api("GET", `/api/audit/lotteries/${encodeURIComponent(id.value.trim())}/redraw`);
      replace(out, r.identical ? alertBox(t("audit.redraw.identical", { id: r.lotteryId }), "success")
        : alertBox(t("audit.redraw.different", { id: r.lotteryId, differences: (r.differences || []).join(" / ") })));
    }, form.querySelector("#redraw"));
  });
  auditRender(ctx, t("audit.redraw.title"), note(t("audit.redraw.hint")), form, out);
}

const KINDS = [["user", msgid("audit.kind.user")], ["reservation", msgid("audit.kind.reservation")], ["facility", msgid("audit.kind.facility")],
  ["lottery", msgid("audit.kind.lottery")], ["registration", msgid("audit.kind.registration")], ["operator", msgid("audit.kind.operator")],
  ["offer", msgid("audit.kind.offer")]];

const HISTORY_PAGE = 1000;

export async function auditHistory(ctx) {
  const kind = ctx.query.get("kind") || "user";
  const id = ctx.query.get("id") || "";
  const kindSel = h("select", { name: "kind" }, KINDS.map(([k, l]) => h("option", { value: k }, t(l))));
  kindSel.value = kind;
  const idInput = h("input", { name: "id", id: "history-id", value: id });
  const form = h("form", { class: "search", novalidate: true }, h("div", { class: "grid-fields" }, field(t("audit.history.kind"), kindSel), field(t("audit.history.id"), idInput)),
    actions(button(t("common.show"), null, { type: "submit", kind: "primary", id: "show-history" })));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); navigate(`/audit/history${qs({ kind: kindSel.value, id: idInput.value.trim() })}`); });
  const content = [form];
  if (id) {
    // A page of HISTORY_PAGE events from `from`; a full page may have more after it.
    const from = Math.max(1, Number(ctx.query.get("from")) || 1);
    // One more than shown says whether a later page has anything.
    const page = lines(await api("GET", `/api/audit/history/${kind}/${encodeURIComponent(id)}${qs({ from, limit: HISTORY_PAGE + 1 })}`, { as: "text" }));
    const events = page.slice(0, HISTORY_PAGE);
    content.push(h("p", {}, t("common.found", { n: events.length })), events.length ? eventTable(events, "history") : h("p", {}, t("audit.history.none")));
    if (page.length > HISTORY_PAGE) {
      const next = events[events.length - 1].position + 1;
      content.push(actions(button(t("audit.history.next"), () => navigate(`/audit/history${qs({ kind, id, from: next })}`), { id: "history-next" })));
    }
  }
  auditRender(ctx, t("audit.history.title"), ...content);
}

export async function auditReplay(ctx) {
  const q = Object.fromEntries(["position", "facilityId", "from", "reservationNumber"].map((k) => [k, ctx.query.get(k) || ""]));
  const facilities = await api("GET", "/api/facilities");
  const pos = h("input", { type: "number", name: "position", min: "1", value: q.position });
  const fac = h("select", { name: "facilityId" }, h("option", { value: "" }, t("common.any")), facilities.map((f) => h("option", { value: f.id }, f.name)));
  fac.value = q.facilityId;
  const from = h("input", { type: "date", name: "from", value: q.from });
  const number = h("input", { name: "reservationNumber", value: q.reservationNumber });
  const form = h("form", { class: "search", novalidate: true },
    h("div", { class: "grid-fields" }, field(t("audit.replay.position"), pos, { required: true }), field(t("common.facility"), fac),
      field(t("audit.replay.from"), from), field(t("common.reservationNumber"), number)),
    alertSlot(), actions(button(t("audit.replay.submit"), null, { type: "submit", kind: "primary", id: "replay" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    navigate(`/audit/replay${qs({ position: pos.value, facilityId: fac.value, from: from.value, reservationNumber: number.value.trim() })}`);
  });
  const content = [note(t("audit.replay.hint")), form];
  if (q.position) {
    const r = await api("GET", `/api/audit/replay${qs(q)}`);
    content.push(h("h2", {}, t("audit.replay.asOf", { position: r.position, at: r.at })));
    if (r.vacancy) {
      content.push(table([[t("common.day"), (d) => fmtDate(d.date)], [t("audit.replay.free"), (d) => String(d.freeRooms)],
        [t("audit.replay.total"), (d) => String(d.totalRooms)], [t("audit.replay.symbol"), (d) => d.symbol]],
        r.vacancy.days, { id: "replay-vacancy", caption: facilities.find((f) => f.id === r.vacancy.facilityId)?.name || r.vacancy.facilityId }));
    }
    if ("reservation" in r) {
      const x = r.reservation;
      content.push(x ? summary([[t("common.reservationNumber"), x.reservationNumber], [t("common.facility"), x.facilityId],
        [t("common.date"), t("common.paren", { a: fmtDate(x.checkIn), b: nightsLabel(x.nights) })],
        [t("common.people"), peopleLabel(x.people)], [t("common.room"), styleLabel(x.roomStyle)], [t("common.status"), reservationStatus(x.status)]], { id: "replay-reservation" })
        : h("p", { id: "replay-reservation" }, t("audit.replay.noReservation")));
    }
  }
  auditRender(ctx, t("audit.replay.title"), ...content);
}
