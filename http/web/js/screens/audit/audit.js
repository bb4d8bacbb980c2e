// A1–A3, the auditor's console (read-only): the event log with paging,
// verification of the whole history, re-running a draw, the history of one
// subject, and vacancy / a reservation as of a past log position.
import { h, field, actions, button, alertSlot, alertBox, table, summary, note, replace } from "../../dom.js";
import { act } from "../../layout.js";
import { api, qs } from "../../api.js";
import { navigate } from "../../router.js";
import { fmtDate, nightsLabel, peopleLabel, styleLabel, reservationStatus } from "../../format.js";
import { auditRender, AUDIT_NAV } from "../operator/shell.js";
import { t } from "../../i18n.js";

// NDJSON → objects.
const lines = (text) => text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));

function eventTable(events, id) {
  return table([
    ["位置", (e) => h("span", { class: "mono" }, String(e.position))],
    ["日時", (e) => e.at],
    ["種類", (e) => h("strong", {}, e.type)],
    ["ストリーム", (e) => h("span", { class: "mono" }, `${e.streamId} #${e.version}`)],
    ["実行者", (e) => e.actor],
    ["内容", (e) => h("details", {}, h("summary", {}, "表示"), h("pre", { class: "json" }, JSON.stringify(e.data, null, 2)))],
    ["ハッシュ", (e) => h("span", { class: "mono hash", title: e.hash }, (e.hash || "").slice(0, 12) + "…")],
  ], events, { id, className: "events" });
}

export async function auditHome(ctx) {
  const health = await api("GET", "/api/health");
  auditRender(ctx, "監査コンソール",
    h("p", {}, "イベントログの現在の位置: ", h("strong", {}, String(health.position))),
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
  const form = h("form", { class: "search", novalidate: true }, h("div", { class: "grid-fields" }, field("開始位置", fromInput), field("件数", limitInput)),
    actions(button("表示", null, { type: "submit", kind: "primary" })));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); navigate(`/audit/events${qs({ from: fromInput.value, limit: limitInput.value })}`); });
  const go = (f) => navigate(`/audit/events${qs({ from: f, limit })}`);
  auditRender(ctx, "イベントログ", form,
    h("p", { id: "events-range" }, events.length ? `位置 ${events[0].position} ～ ${events[events.length - 1].position}（全 ${head} 件）` : `イベントはありません（全 ${head} 件）`),
    actions(button("前へ", () => go(Math.max(1, from - limit)), { disabled: from <= 1, id: "events-prev" }),
      button("次へ", () => go(from + limit), { disabled: from + limit > head, id: "events-next" }),
      button("最新", () => go(Math.max(1, head - limit + 1)), { id: "events-last" })),
    eventTable(events, "events"));
}

export function auditVerify(ctx) {
  const out = h("div", { id: "verify-result", "aria-live": "polite" });
  const box = h("div", {}, 
    h("p", {}, "イベントログ全体について、ハッシュ連鎖が壊れていないこと、位置に欠番がないこと、どの日・部屋の種類も在庫を超えて予約されていないこと、すべての抽選が同じ結果で再実行できることを検証します。"),
    alertSlot(),
    actions(button("検証する", (ev) => act(box, async () => {
      replace(out, h("p", {}, "検証中…"));
      const r = await api("GET", "/api/audit/verify");
      replace(out, 
        r.ok ? alertBox(`正常です（ok）: ${r.checked} 件のイベントを検証しました。`, "success") : alertBox(`異常があります: 位置 ${r.firstFault?.position} — ${r.firstFault?.reason}`),
        summary([["結果", h("strong", { id: "verify-ok", "data-ok": String(r.ok) }, r.ok ? "ok（正常）" : "NG（異常あり）")], ["検証したイベント", h("span", { id: "verify-checked" }, String(r.checked))],
          ["再実行した抽選", (r.draws || []).length ? r.draws.map((d) => (typeof d === "object" ? JSON.stringify(d) : String(d))).join(", ") : "なし"],
          r.firstFault ? ["最初の異常", `位置 ${r.firstFault.position}: ${r.firstFault.reason}`] : null]));
    }, ev.currentTarget), { kind: "primary", id: "verify" })),
    out);
  auditRender(ctx, "整合性の検証", box);
}

export function auditRedraw(ctx) {
  const id = h("input", { name: "lotteryId", id: "redraw-id", value: ctx.query.get("lotteryId") || "" });
  const out = h("div", { id: "redraw-result" });
  const form = h("form", { novalidate: true }, field("抽選ID（例: 2027-03）", id, { required: true }), alertSlot(),
    actions(button("再実行して比較", null, { type: "submit", kind: "primary", id: "redraw" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const r = await api("GET", `/api/audit/lotteries/${encodeURIComponent(id.value.trim())}/redraw`);
      replace(out, r.identical ? alertBox(`抽選 ${r.lotteryId} をログから再実行し、同じ当選者・部屋になりました（identical）。`, "success")
        : alertBox(`抽選 ${r.lotteryId} の再実行結果が記録と異なります: ${(r.differences || []).join(" / ")}`));
    }, form.querySelector("#redraw"));
  });
  auditRender(ctx, "抽選の再実行", note("記録されたシードと申込みから抽選をやり直し、記録された結果と一致するかを確かめます。"), form, out);
}

const KINDS = [["user", "利用者"], ["reservation", "予約"], ["facility", "施設"], ["lottery", "抽選"], ["registration", "登録申請"], ["operator", "オペレーター"]];

export async function auditHistory(ctx) {
  const kind = ctx.query.get("kind") || "user";
  const id = ctx.query.get("id") || "";
  const kindSel = h("select", { name: "kind" }, KINDS.map(([k, l]) => h("option", { value: k }, l)));
  kindSel.value = kind;
  const idInput = h("input", { name: "id", id: "history-id", value: id });
  const form = h("form", { class: "search", novalidate: true }, h("div", { class: "grid-fields" }, field("対象", kindSel), field("ID（利用者番号・予約番号・施設IDなど）", idInput)),
    actions(button("表示", null, { type: "submit", kind: "primary", id: "show-history" })));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); navigate(`/audit/history${qs({ kind: kindSel.value, id: idInput.value.trim() })}`); });
  const content = [form];
  if (id) {
    const events = lines(await api("GET", `/api/audit/history/${kind}/${encodeURIComponent(id)}`, { as: "text" }));
    content.push(h("p", {}, `${events.length} 件`), events.length ? eventTable(events, "history") : h("p", {}, "記録はありません。"));
  }
  auditRender(ctx, "履歴", ...content);
}

export async function auditReplay(ctx) {
  const q = Object.fromEntries(["position", "facilityId", "from", "reservationNumber"].map((k) => [k, ctx.query.get(k) || ""]));
  const facilities = await api("GET", "/api/facilities");
  const pos = h("input", { type: "number", name: "position", min: "1", value: q.position });
  const fac = h("select", { name: "facilityId" }, h("option", { value: "" }, "（指定しない）"), facilities.map((f) => h("option", { value: f.id }, f.name)));
  fac.value = q.facilityId;
  const from = h("input", { type: "date", name: "from", value: q.from });
  const number = h("input", { name: "reservationNumber", value: q.reservationNumber });
  const form = h("form", { class: "search", novalidate: true },
    h("div", { class: "grid-fields" }, field("ログの位置", pos, { required: true }), field("施設", fac), field("表示開始日", from), field("予約番号", number)),
    alertSlot(), actions(button("再現", null, { type: "submit", kind: "primary", id: "replay" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    navigate(`/audit/replay${qs({ position: pos.value, facilityId: fac.value, from: from.value, reservationNumber: number.value.trim() })}`);
  });
  const content = [note("指定した位置までのイベントだけから状態を作り直し、その時点の空き状況や予約を表示します。"), form];
  if (q.position) {
    const r = await api("GET", `/api/audit/replay${qs(q)}`);
    content.push(h("h2", {}, `位置 ${r.position}（${r.at}）の時点`));
    if (r.vacancy) {
      content.push(table([["日付", (d) => fmtDate(d.date)], ["空き室", (d) => String(d.freeRooms)], ["総室数", (d) => String(d.totalRooms)], ["記号", (d) => d.symbol]],
        r.vacancy.days, { id: "replay-vacancy", caption: facilities.find((f) => f.id === r.vacancy.facilityId)?.name || r.vacancy.facilityId }));
    }
    if ("reservation" in r) {
      const x = r.reservation;
      content.push(x ? summary([["予約番号", x.reservationNumber], ["施設", x.facilityId], ["利用日", `${fmtDate(x.checkIn)}（${nightsLabel(x.nights)}）`],
        ["人数", peopleLabel(x.people)], ["部屋", styleLabel(x.roomStyle)], ["状態", reservationStatus(x.status)]], { id: "replay-reservation" })
        : h("p", { id: "replay-reservation" }, "この時点ではその予約はありません。"));
    }
  }
  auditRender(ctx, "過去の状態（リプレイ）", ...content);
}
