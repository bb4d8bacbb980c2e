// O4 / O6: find reservations (by facility and dates, by user, by number),
// download them as CSV, the guest list of a night, and book, change or cancel
// on a user's behalf (the events record the operator as the actor).
import { h, field, actions, button, alertSlot, alertBox, table, summary, note, choices, radioValue, append, replace } from "../../dom.js";
import { act, ask } from "../../layout.js";
import { api, qs } from "../../api.js";
import { navigate, reload } from "../../router.js";
import { fmtDate, fmtInstant, nightsLabel, peopleLabel, styleLabel, reservationStatus, originLabel, addDays, tokyoToday, fw } from "../../format.js";
import { stayForm } from "../../stayform.js";
import { opRender } from "./shell.js";

function facilitySelect(list, value, { any = true, name = "facilityId" } = {}) {
  const s = h("select", { name }, any ? h("option", { value: "" }, "（指定しない）") : null, list.map((f) => h("option", { value: f.id }, f.name)));
  s.value = value || (any ? "" : list[0]?.id || "");
  return s;
}

export async function reservationSearch(ctx) {
  const facilities = await api("GET", "/api/operator/facilities");
  const q = Object.fromEntries(["facilityId", "from", "to", "userNumber", "number"].map((k) => [k, ctx.query.get(k) || ""]));
  const fac = facilitySelect(facilities, q.facilityId);
  const from = h("input", { type: "date", name: "from", value: q.from });
  const to = h("input", { type: "date", name: "to", value: q.to });
  const user = h("input", { name: "userNumber", value: q.userNumber, inputmode: "numeric" });
  const number = h("input", { name: "number", value: q.number, inputmode: "numeric" });
  const form = h("form", { novalidate: true, id: "search-form", class: "search" },
    h("div", { class: "grid-fields" }, field("施設", fac), field("利用日（から）", from), field("利用日（まで）", to),
      field("利用者番号", user), field("予約番号", number)),
    note("施設・利用者番号・予約番号のどれかを指定してください。日付を省略すると今日から30日間です。"),
    alertSlot(), actions(button("検索", null, { type: "submit", kind: "primary", id: "search" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    navigate(`/operator/reservations${qs({ facilityId: fac.value, from: from.value, to: to.value, userNumber: user.value.trim(), number: number.value.trim() })}`);
  });
  const content = [form];
  const searched = q.facilityId || q.userNumber || q.number;
  if (searched) {
    const list = await api("GET", `/api/operator/reservations${qs(q)}`);
    const csv = `/api/operator/reservations.csv${qs(q)}`;
    const results = h("div", { id: "results" });
    const pick = (r) => (r.status !== "cancelled" ? h("input", { type: "checkbox", name: "reservationNumbers", value: r.reservationNumber, "data-user": r.userNumber, "aria-label": `予約番号 ${r.reservationNumber} を選択` }) : "");
    append(results, 
      h("div", { class: "results-head" }, h("p", {}, `${list.length} 件`), h("a", { class: "btn small", href: csv, download: "reservations.csv", id: "csv-link" }, "CSV ダウンロード")),
      list.length ? table([
        ["選択", pick],
        ["予約番号", (r) => h("a", { href: `/operator/reservations/${r.reservationNumber}`, class: "mono" }, r.reservationNumber)],
        ["利用者番号", (r) => h("span", { class: "mono" }, r.userNumber)],
        ["施設", (r) => facilities.find((f) => f.id === r.facilityId)?.name || r.facilityId],
        ["利用日", (r) => fmtDate(r.checkIn)], ["泊数", (r) => nightsLabel(r.nights)], ["人数", (r) => peopleLabel(r.people)],
        ["部屋", (r) => styleLabel(r.roomStyle)], ["区分", (r) => originLabel(r.origin)], ["状態", (r) => reservationStatus(r.status)],
        ["予約日時", (r) => fmtInstant(r.bookedAt)],
      ], list, { id: "reservations", rowAttrs: (r) => ({ "data-reservation": r.reservationNumber, class: r.status === "cancelled" ? "muted" : "" }) }) : null,
      alertSlot(),
      list.length ? actions(button("選択した予約を取消し（代理）", (ev) => act(results, async () => {
        const checked = [...results.querySelectorAll("input[name=reservationNumbers]:checked")];
        if (!checked.length) throw new Error("取り消す予約を選択してください。");
        if (!ask(`${checked.length} 件の予約を利用者に代わって取り消します。よろしいですか？`)) return;
        await api("POST", "/api/operator/reservations/cancellations", { body: { reservationNumbers: checked.map((c) => c.value) } });
        reload();
      }, ev.currentTarget), { kind: "danger", id: "cancel-for" })) : null);
    content.push(results);
  }
  opRender(ctx, "予約検索・CSV", ...content);
}

export async function reservationEdit(ctx) {
  const n = ctx.params.number;
  const [facilities, list] = await Promise.all([api("GET", "/api/operator/facilities"), api("GET", `/api/operator/reservations?number=${encodeURIComponent(n)}`)]);
  const r = list[0];
  if (!r) throw Object.assign(new Error("予約が見つかりません"), { status: 404 });
  const f = facilities.find((x) => x.id === r.facilityId);
  const form = h("form", { novalidate: true, id: "change-for" });
  const rows = r.people.map((p, i) => ({ i, p, date: addDays(r.checkIn, i) }));
  const cap = Math.max(...f.roomTypes.map((t) => t.capacity));
  append(form, 
    summary([["予約番号", h("span", { class: "mono" }, r.reservationNumber)], ["利用者番号", h("span", { class: "mono" }, r.userNumber)],
      ["施設", f.name], ["利用日", `${fmtDate(r.checkIn)}（${nightsLabel(r.nights)}）`], ["人数", peopleLabel(r.people)],
      ["部屋", styleLabel(r.roomStyle)], ["区分", originLabel(r.origin)], ["状態", reservationStatus(r.status)],
      ["変更", r.changeable ? "可" : "期間外"], ["取消", r.cancellable ? "可" : "期間外"]]),
    r.status === "cancelled" ? alertBox("この予約は取り消されています。", "warn") : [
      note("利用者に代わって変更します（変更の期限は利用者と同じです）。変更した内容は利用者へ連絡してください。"),
      table([
        ["泊", (row) => `${fw(row.i + 1)}泊目`], ["日付", (row) => fmtDate(row.date)],
        ["人数", (row) => { const s = h("select", { name: `people${row.i + 1}`, "aria-label": `${row.i + 1}泊目の人数` }, Array.from({ length: Math.max(cap, row.p) }, (_, k) => h("option", { value: String(k + 1) }, `${k + 1}名`))); s.value = String(row.p); return s; }],
        ["削除", (row) => (r.nights === 2 ? h("input", { type: "checkbox", name: "dropNight", value: String(row.i + 1), "aria-label": `${row.i + 1}泊目を削除` }) : "－")],
      ], rows, { id: "nights" }),
      f.styleWish ? choices("和洋室希望", "roomStyle", [["japanese", "和室"], ["western", "洋室"], ["any", "どちらでも"]], { value: r.roomStyleWish || "any" }) : null,
      alertSlot(),
      actions(button("変更（代理）", null, { type: "submit", kind: "primary", id: "change-submit" }),
        r.status !== "cancelled" ? button("取消し（代理）", (ev) => act(form, async () => {
          if (!ask(`予約 ${n} を利用者に代わって取り消します。よろしいですか？`)) return;
          await api("POST", "/api/operator/reservations/cancellations", { body: { reservationNumbers: [n] } });
          reload();
        }, ev.currentTarget), { kind: "danger", id: "cancel-one" }) : null),
    ],
    actions(h("a", { class: "btn", href: `/operator/reservations?userNumber=${r.userNumber}` }, "この利用者の予約一覧"), h("a", { class: "btn", href: "/operator/reservations" }, "予約検索へ")));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const drops = [...form.querySelectorAll("input[name=dropNight]:checked")].map((c) => Number(c.value));
      if (drops.length > 1) throw new Error("両方の泊を削除する場合は取消しを行ってください。");
      const body = { people: rows.filter((row) => !drops.includes(row.i + 1)).map((row) => Number(form.querySelector(`[name=people${row.i + 1}]`).value)) };
      if (drops.length) body.dropNight = drops[0];
      if (f.styleWish) body.roomStyle = radioValue(form, "roomStyle") || "any";
      if (!ask("利用者に代わって予約を変更します。よろしいですか？")) return;
      await api("PATCH", `/api/operator/reservations/${n}`, { body });
      reload();
    }, form.querySelector("#change-submit"));
  });
  opRender(ctx, `予約 ${n}`, form);
}

export async function guestList(ctx) {
  const facilities = await api("GET", "/api/operator/facilities");
  const fid = ctx.query.get("facilityId") || facilities[0]?.id;
  const date = ctx.query.get("date") || tokyoToday();
  const fac = facilitySelect(facilities, fid, { any: false });
  const day = h("input", { type: "date", name: "date", value: date });
  const form = h("form", { novalidate: true, class: "search" }, h("div", { class: "grid-fields" }, field("施設", fac), field("宿泊日", day)),
    actions(button("表示", null, { type: "submit", kind: "primary", id: "show-guests" })));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); navigate(`/operator/guests${qs({ facilityId: fac.value, date: day.value })}`); });
  const g = await api("GET", `/api/operator/facilities/${encodeURIComponent(fid)}/guests?date=${date}`);
  const total = g.guests.reduce((s, x) => s + x.people, 0);
  opRender(ctx, "宿泊者名簿", form,
    h("h2", {}, `${facilities.find((f) => f.id === fid)?.name || fid}　${fmtDate(date)} 宿泊`),
    h("p", {}, `${g.guests.length} 室・${total} 名`),
    g.guests.length ? table([
      ["予約番号", (x) => h("a", { href: `/operator/reservations/${x.reservationNumber}`, class: "mono" }, x.reservationNumber)],
      ["利用者番号", (x) => h("span", { class: "mono" }, x.userNumber)], ["氏名", (x) => x.name || "（消去済み）"],
      ["チェックイン", (x) => fmtDate(x.checkIn)], ["泊数", (x) => nightsLabel(x.nights)], ["人数", (x) => `${x.people}名`], ["部屋", (x) => styleLabel(x.roomStyle)],
    ], g.guests, { id: "guests" }) : h("p", {}, "この日の宿泊者はいません。"));
}

export async function bookFor(ctx) {
  const facilities = await api("GET", "/api/facilities");
  const fid = ctx.query.get("facilityId") || facilities[0]?.id;
  const date = ctx.query.get("date") || addDays(tokyoToday(), 7);
  const f = facilities.find((x) => x.id === fid) || facilities[0];
  const user = h("input", { name: "userNumber", id: "book-user", inputmode: "numeric", value: ctx.query.get("userNumber") || "" });
  const fac = facilitySelect(facilities, f.id, { any: false });
  const day = h("input", { type: "date", name: "checkIn", id: "book-checkin", value: date });
  const redraw = () => navigate(`/operator/book${qs({ facilityId: fac.value, date: day.value, userNumber: user.value.trim() })}`, { replace: true });
  fac.addEventListener("change", redraw);
  day.addEventListener("change", redraw);
  const stay = stayForm(f, date);
  const out = h("div", { id: "book-result" });
  const form = h("form", { novalidate: true, id: "book-for" },
    note("電話・窓口で受け付けた予約を、利用者に代わって登録します（先着順の受付期間・件数の上限は利用者と同じです）。"),
    h("div", { class: "grid-fields" }, field("利用者番号", user, { required: true }), field("施設", fac), field("利用日（チェックイン）", day)),
    stay.element, alertSlot(),
    actions(button("予約（代理）", null, { type: "submit", kind: "primary", id: "book-submit" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const s = stay.read();
      if (!user.value.trim()) throw Object.assign(new Error("入力内容に誤りがあります"), { errors: [{ field: "userNumber", message: "利用者番号を入力してください" }] });
      if (!ask(`利用者 ${user.value} に代わって ${f.name} ${fmtDate(date)} を予約します。よろしいですか？`)) return;
      const r = await api("POST", "/api/operator/reservations", { body: { userNumber: user.value.trim(), facilityId: f.id, checkIn: date, ...s } });
      replace(out, alertBox("予約しました。", "success"),
        summary([["予約番号", h("a", { href: `/operator/reservations/${r.reservationNumber}`, class: "mono big", id: "booked-number" }, r.reservationNumber)],
          ["利用日", `${fmtDate(r.checkIn)}（${nightsLabel(r.nights)}）`], ["人数", peopleLabel(r.people)]]));
    }, form.querySelector("#book-submit"));
  });
  opRender(ctx, "代理予約", form, out);
}
