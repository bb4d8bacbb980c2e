// M7 予約の確認・変更: the list (select one with a radio; reservations outside
// the change window cannot be selected) and 変更: people per night, 削除 ☑
// on a night's row of a 2-night stay, the room-style wish; done → 終了 back
// to the list; もどる → menu. M8 予約の取消し: only cancellable ones, ☑
// several, 取消し, confirm, done, メニューへ.
import { h, table, actions, button, alertSlot, note, summary, choices, radioValue, field, append } from "../dom.js";
import { render, act, ask } from "../layout.js";
import { api } from "../api.js";
import { facilities, facilityLabel, capacity } from "../data.js";
import { navigate } from "../router.js";
import { addDays, fmtDate, fw, nightsLabel, peopleLabel, styleLabel, reservationStatus, originLabel } from "../format.js";
import { t } from "../i18n.js";

function columns(list) {
  return [
    [t("予約番号"), (r) => h("span", { class: "mono" }, r.reservationNumber)],
    [t("施設"), (r) => facilityLabel(list, r.facilityId)],
    [t("利用日"), (r) => fmtDate(r.checkIn)],
    [t("宿泊数"), (r) => nightsLabel(r.nights)],
    [t("人数"), (r) => peopleLabel(r.people)],
    [t("部屋"), (r) => (list.find((f) => f.id === r.facilityId)?.styleWish ? styleLabel(r.roomStyle) : "－")],
    [t("区分"), (r) => originLabel(r.origin)],
  ];
}

const upcomingFirst = (a, b) => (a.checkIn < b.checkIn ? -1 : a.checkIn > b.checkIn ? 1 : a.reservationNumber.localeCompare(b.reservationNumber));

export async function reservationList(ctx) {
  const [all, list] = await Promise.all([api("GET", "/api/reservations"), facilities()]);
  const rows = all.filter((r) => r.status !== "cancelled").sort(upcomingFirst);
  const box = h("div", {});
  const pick = (r) => h("input", { type: "radio", name: "reservation", value: r.reservationNumber, disabled: !r.changeable,
    "aria-label": t("予約番号 {n} を選択", { n: r.reservationNumber }) });
  append(box, 
    rows.length === 0 ? h("p", { id: "no-reservations" }, t("予約はありません。")) : [
      h("p", {}, t("変更したい予約を選択し、変更を選択してください。")),
      table([[t("選択"), pick], ...columns(list),
        [t("変更"), (r) => (r.changeable ? t("変更可") : t("変更期間外"))]], rows,
      { id: "reservations", rowAttrs: (r) => ({ "data-reservation": r.reservationNumber, class: r.changeable ? "" : "muted" }) }),
      note(t("※変更期間外（利用日の３日前以降）の予約は選択できません。")),
    ],
    alertSlot(),
    actions(
      rows.length ? button(t("変更"), () => act(box, async () => {
        const n = radioValue(box, "reservation");
        if (!n) throw new Error(t("変更する予約を選択してください。"));
        navigate(`/reservations/${n}/change`);
      }), { kind: "primary", id: "change" }) : null,
      h("a", { class: "btn", href: "/menu", id: "back" }, t("もどる"))));
  render(ctx, t("予約の確認・変更"), box);
}

export async function reservationChange(ctx) {
  const n = ctx.params.number;
  const [all, list] = await Promise.all([api("GET", "/api/reservations"), facilities()]);
  const r = all.find((x) => x.reservationNumber === n);
  if (!r) throw Object.assign(new Error(t("予約が見つかりません")), { status: 404 });
  const f = list.find((x) => x.id === r.facilityId);
  const box = h("form", { novalidate: true });
  if (!r.changeable) {
    render(ctx, t("予約の変更"), h("p", {}, t("この予約は変更期間外のため変更できません。")),
      actions(h("a", { class: "btn", href: "/reservations" }, t("もどる"))));
    return;
  }
  const styleSet = f.styleWish ? choices(t("和洋室希望"), "roomStyle",
    [["japanese", t("和室")], ["western", t("洋室")], ["any", t("どちらでも")]], { value: r.roomStyleWish || "any" }) : null;
  const max = capacity(f, f.styleWish ? (r.roomStyle || null) : null);
  const nightRows = r.people.map((p, i) => ({ i, date: addDays(r.checkIn, i), p }));
  const peopleSel = (row) => {
    const sel = h("select", { name: `people${row.i + 1}`, class: "people", "data-night": row.i + 1,
      "aria-label": t("{k}泊目（{date}）の人数", { k: fw(row.i + 1), date: fmtDate(row.date) }) },
    Array.from({ length: Math.max(max, row.p) }, (_, k) => h("option", { value: String(k + 1) }, t("{n}名", { n: k + 1 }))));
    sel.value = String(row.p);
    return h("div", { class: "cell", "data-field": `people${row.i + 1}` }, sel, h("p", { class: "field-error", hidden: true }));
  };
  const dropBox = (row) => r.nights === 2
    ? h("input", { type: "checkbox", name: "dropNight", value: String(row.i + 1), "aria-label": t("{k}泊目（{date}）を削除", { k: fw(row.i + 1), date: fmtDate(row.date) }) })
    : "－";
  append(box, 
    summary([[t("予約番号"), h("span", { class: "mono", id: "change-number" }, r.reservationNumber)], [t("施設"), f.name],
      [t("利用日"), `${fmtDate(r.checkIn)}（${nightsLabel(r.nights)}）`],
      f.styleWish ? [t("部屋"), styleLabel(r.roomStyle)] : null]),
    h("p", {}, t("変更したい予約の内容が表示されていることを確認し、利用人数を変更してください。")),
    r.nights === 2 ? note(t("宿泊数を減らす場合は、削除の欄に☑を入れてください（１泊目を削除するとチェックインは２日目になります）。")) : null,
    table([
      [t("泊"), (row) => t("{k}泊目", { k: fw(row.i + 1) })],
      [t("日付"), (row) => fmtDate(row.date)],
      [t("人数"), peopleSel],
      [t("削除"), dropBox],
    ], nightRows, { id: "nights", rowAttrs: (row) => ({ "data-night": row.i + 1 }) }),
    h("div", { "data-field": "dropNight" }, h("p", { class: "field-error", hidden: true })),
    styleSet,
    note(t("※４歳未満のお子様は人数に含めません。")),
    alertSlot(),
    actions(button(t("変更"), null, { type: "submit", kind: "primary", id: "submit-change" }),
      h("a", { class: "btn", href: "/reservations", id: "back" }, t("もどる"))));
  box.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(box, async () => {
      const drops = [...box.querySelectorAll("input[name=dropNight]:checked")].map((c) => Number(c.value));
      if (drops.length > 1) throw Object.assign(new Error(t("入力内容に誤りがあります")), { errors: [{ field: "dropNight", message: t("両方の泊を削除する場合は「予約の取消し」から取り消してください。") }] });
      const people = nightRows.filter((row) => !drops.includes(row.i + 1)).map((row) => Number(box.querySelector(`select[name=people${row.i + 1}]`).value));
      const body = {};
      if (drops.length) body.dropNight = drops[0];
      if (drops.length || people.some((p, i) => p !== r.people.filter((_, k) => !drops.includes(k + 1))[i])) body.people = people;
      const wish = styleSet ? radioValue(box, "roomStyle") : null;
      if (wish && wish !== (r.roomStyleWish || "any")) body.roomStyle = wish;
      if (Object.keys(body).length === 0) throw new Error(t("変更する内容がありません。"));
      const lines = [t("予約を以下の内容に変更します。よろしいですか？"), "", `${t("予約番号")}: ${r.reservationNumber}`];
      if (body.dropNight) lines.push(t("{k}泊目（{date}）を削除", { k: fw(body.dropNight), date: fmtDate(addDays(r.checkIn, body.dropNight - 1)) }));
      if (body.people) lines.push(`${t("人数")}: ${peopleLabel(body.people)}`);
      if (body.roomStyle) lines.push(`${t("和洋室希望")}: ${styleLabel(body.roomStyle)}`);
      if (!ask(lines.join("\n"))) return;
      const changed = await api("PATCH", `/api/reservations/${r.reservationNumber}`, { body });
      render(ctx, t("予約変更の完了"),
        h("p", { class: "done-message", id: "change-done" }, t("予約の変更が完了しました。")),
        summary([[t("予約番号"), h("span", { class: "mono" }, changed.reservationNumber)], [t("施設"), f.name],
          [t("利用日"), h("span", { id: "changed-date" }, `${fmtDate(changed.checkIn)}（${nightsLabel(changed.nights)}）`)],
          [t("人数"), h("span", { id: "changed-people" }, peopleLabel(changed.people))],
          f.styleWish ? [t("部屋"), styleLabel(changed.roomStyle)] : null]),
        actions(h("a", { class: "btn primary", href: "/reservations", id: "finish" }, t("終了"))));
    }, box.querySelector("#submit-change"));
  });
  render(ctx, t("予約の変更"), box);
}

export async function reservationCancel(ctx) {
  const [all, list] = await Promise.all([api("GET", "/api/reservations"), facilities()]);
  const rows = all.filter((r) => r.cancellable && r.status !== "cancelled").sort(upcomingFirst);
  const box = h("div", {});
  const pick = (r) => h("input", { type: "checkbox", name: "reservationNumbers", value: r.reservationNumber,
    "aria-label": t("予約番号 {n} を取り消す", { n: r.reservationNumber }) });
  append(box, 
    rows.length === 0 ? h("p", { id: "no-reservations" }, t("取消しできる予約はありません。")) : [
      h("p", {}, t("取消しする予約を選択し、☑をつけてください（複数選択できます）。")),
      table([[t("選択"), pick], ...columns(list)], rows, { id: "reservations", rowAttrs: (r) => ({ "data-reservation": r.reservationNumber }) }),
    ],
    note(t("※取消期間外（利用日の３日前以降）の予約は表示されません。予約センターへご連絡ください。")),
    alertSlot(),
    actions(
      rows.length ? button(t("取消し"), (ev) => cancel(ev.currentTarget), { kind: "danger", id: "cancel" }) : null,
      h("a", { class: "btn", href: "/menu", id: "back" }, t("もどる"))));
  async function cancel(btn) {
    await act(box, async () => {
      const numbers = [...box.querySelectorAll("input[name=reservationNumbers]:checked")].map((c) => c.value);
      if (numbers.length === 0) throw new Error(t("取消しする予約を選択してください。"));
      if (!ask(t("選択した {n} 件の予約を取り消します。よろしいですか？\n{list}", { n: numbers.length, list: numbers.join(", ") }))) return;
      await api("POST", "/api/reservations/cancellations", { body: { reservationNumbers: numbers } });
      render(ctx, t("予約の取消完了"),
        h("p", { class: "done-message", id: "cancel-done" }, t("予約の取消しが完了しました。")),
        table(columns(list), rows.filter((r) => numbers.includes(r.reservationNumber)), { id: "cancelled" }),
        actions(h("a", { class: "btn primary", href: "/menu", id: "to-menu" }, t("メニューへ"))));
    }, btn);
  }
  render(ctx, t("予約の取消し"), box);
}
