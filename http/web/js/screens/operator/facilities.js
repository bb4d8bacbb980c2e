// O2: the facility catalogue: facilities, room types (style, rooms,
// capacity), the room-style wish, the booking rules, and closed dates.
import { h, field, actions, button, alertSlot, alertBox, table, note, append, replace } from "../../dom.js";
import { act, ask } from "../../layout.js";
import { api } from "../../api.js";
import { navigate, reload } from "../../router.js";
import { styleLabel } from "../../format.js";
import { opRender } from "./shell.js";

const RULES = [
  ["openMonthsBefore", "受付開始（利用月の何か月前の１日）", 0, 12],
  ["openHour", "受付開始時刻（時）", 0, 23],
  ["closeDaysBefore", "受付締切（利用日の何日前まで）", 0, 60],
  ["changeCloseDaysBefore", "変更締切（何日前まで）", 0, 60],
  ["cancelCloseDaysBefore", "取消締切（何日前まで）", 0, 60],
  ["maxUpcoming", "１人が持てる先着予約の件数", 1, 20],
  ["maxNights", "最大泊数", 1, 2],
];

export async function facilityList(ctx) {
  const list = await api("GET", "/api/operator/facilities");
  opRender(ctx, "施設・休館日",
    table([
      ["ID", (f) => h("span", { class: "mono" }, f.id)],
      ["施設名", (f) => f.name],
      ["部屋", (f) => f.roomTypes.map((rt) => `${styleLabel(rt.style)} ${rt.rooms}室・定員${rt.capacity}名`).join(" / ")],
      ["和洋室希望", (f) => (f.styleWish ? "あり" : "なし")],
      ["休館日", (f) => (f.closedDates.length ? f.closedDates.join(", ") : "－")],
      ["", (f) => h("a", { class: "btn small", href: `/operator/facilities/${f.id}`, id: `edit-${f.id}` }, "編集")],
    ], list, { id: "facilities" }),
    actions(h("a", { class: "btn", href: "/operator/facilities/new" }, "施設を追加")));
}

export async function facilityEdit(ctx) {
  const id = ctx.params.facilityId;
  const isNew = id === "new";
  const list = await api("GET", "/api/operator/facilities");
  const f = isNew ? { id: "", name: "", nameEn: "", roomTypes: [{ style: "standard", rooms: 10, capacity: 4 }], styleWish: false, closedDates: [], rules: {} } : list.find((x) => x.id === id);
  if (!f) throw Object.assign(new Error("施設が見つかりません"), { status: 404 });
  const idInput = h("input", { name: "facilityId", value: f.id, disabled: !isNew, pattern: "[a-z0-9_-]+" });
  const name = h("input", { name: "name", value: f.name });
  const nameEn = h("input", { name: "nameEn", value: f.nameEn });
  const wish = h("input", { type: "checkbox", name: "styleWish", id: "styleWish", checked: f.styleWish });
  const typesBody = h("tbody", {});
  const addType = (rt) => {
    const style = h("select", { name: "style", "aria-label": "部屋の種類" }, ["japanese", "western", "standard"].map((s) => h("option", { value: s }, styleLabel(s))));
    style.value = rt.style;
    append(typesBody, h("tr", {},
      h("td", {}, style),
      h("td", {}, h("input", { type: "number", name: "rooms", min: "0", max: "1000", value: String(rt.rooms), "aria-label": "室数" })),
      h("td", {}, h("input", { type: "number", name: "capacity", min: "1", max: "20", value: String(rt.capacity), "aria-label": "定員" })),
      h("td", {}, button("削除", (ev) => ev.currentTarget.closest("tr").remove(), { kind: "small ghost" }))));
  };
  f.roomTypes.forEach(addType);
  const rules = RULES.map(([key, label, min, max]) => field(label, h("input", { type: "number", name: `rules.${key}`, min: String(min), max: String(max), value: f.rules[key] ?? "" })));
  const form = h("form", { novalidate: true, id: "facility-form" },
    field("施設ID（英小文字・数字・-・_）", idInput, { required: true }),
    field("施設名", name, { required: true }), field("施設名（英語）", nameEn),
    h("fieldset", { "data-field": "roomTypes" }, h("legend", {}, "部屋の種類"),
      h("table", { class: "data compact" }, h("thead", {}, h("tr", {}, ["種類", "室数", "定員", ""].map((x) => h("th", {}, x)))), typesBody),
      button("種類を追加", () => addType({ style: "standard", rooms: 1, capacity: 2 }), { kind: "small" }),
      h("p", { class: "field-error", hidden: true })),
    h("div", { class: "field", "data-field": "styleWish" }, h("span", { class: "choice" }, wish, h("label", { for: "styleWish" }, "和洋室希望を聞く（和室と洋室がある施設）")), h("p", { class: "field-error", hidden: true })),
    h("fieldset", {}, h("legend", {}, "予約のルール"), h("div", { class: "grid-fields" }, rules)),
    alertSlot(),
    actions(button("保存", null, { type: "submit", kind: "primary", id: "save-facility" }), h("a", { class: "btn", href: "/operator/facilities" }, "もどる")));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const fid = isNew ? idInput.value.trim() : f.id;
      const body = {
        name: name.value.trim(), nameEn: nameEn.value.trim() || undefined, styleWish: wish.checked,
        roomTypes: [...typesBody.querySelectorAll("tr")].map((tr) => ({
          style: tr.querySelector("[name=style]").value, rooms: Number(tr.querySelector("[name=rooms]").value), capacity: Number(tr.querySelector("[name=capacity]").value) })),
        rules: {},
      };
      for (const [key] of RULES) {
        const v = form.querySelector(`[name="rules.${key}"]`).value;
        if (v !== "") body.rules[key] = Number(v);
      }
      if (!fid) throw Object.assign(new Error("入力内容に誤りがあります"), { errors: [{ field: "facilityId", message: "施設IDを入力してください" }] });
      if (!ask(`施設「${body.name}」を保存します。よろしいですか？`)) return;
      await api("PUT", `/api/operator/facilities/${encodeURIComponent(fid)}`, { body });
      if (isNew) navigate(`/operator/facilities/${fid}`);
      else replace(form.querySelector(".alert-slot"), alertBox("保存しました。", "success"));
    }, form.querySelector("#save-facility"));
  });

  const closures = isNew ? null : closedDates(f);
  opRender(ctx, isNew ? "施設の追加" : `施設の編集：${f.name}`, form,
    closures ? [h("h2", {}, "休館日"), closures] : null);
}

function closedDates(f) {
  const dates = h("textarea", { name: "dates", id: "closure-dates", rows: "2", placeholder: "2027-01-12 2027-01-13" });
  const box = h("form", { novalidate: true, id: "closures" },
    f.closedDates.length ? h("ul", { class: "chips", id: "closed-list" }, f.closedDates.map((d) => h("li", {}, d))) : h("p", {}, "休館日はありません。"),
    field("日付（YYYY-MM-DD、空白・改行・カンマ区切りで複数可、50日まで）", dates, { wide: true }),
    note("休館日にした日は空き室照会で「－」になり、予約を受け付けません。すでにある予約は取り消されません。"),
    alertSlot(),
    actions(
      button("休館日にする", (ev) => send("closures", ev.currentTarget), { kind: "primary", id: "close-dates" }),
      button("休館日を解除", (ev) => send("reopenings", ev.currentTarget), { id: "reopen-dates" })));
  function send(kind, btn) {
    act(box, async () => {
      const list = dates.value.split(/[\s,、]+/).filter(Boolean);
      if (!list.length) throw Object.assign(new Error("入力内容に誤りがあります"), { errors: [{ field: "dates", message: "日付を入力してください" }] });
      await api("POST", `/api/operator/facilities/${f.id}/${kind}`, { body: { dates: list } });
      reload();
    }, btn);
  }
  return box;
}
