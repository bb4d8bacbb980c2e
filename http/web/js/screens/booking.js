// M6 ⑧–⑫: check facility and date, nights and people (and the room-style
// wish where the facility asks it), 申込み or 申込み中止, a confirm dialog,
// and the done screen with the reservation number; 終了 → menu.
import { h, summary, actions, button, alertSlot, note, append } from "../dom.js";
import { render, act, ask } from "../layout.js";
import { api } from "../api.js";
import { facility } from "../data.js";
import { navigate } from "../router.js";
import { stayForm } from "../stayform.js";
import { fmtDate, addDays, nightsLabel, peopleLabel, styleLabel } from "../format.js";
import { t } from "../i18n.js";

export async function bookingScreen(ctx) {
  const { facilityId: id, date } = ctx.params;
  const f = await facility(id);
  if (!f) throw Object.assign(new Error(t("施設が見つかりません")), { status: 404 });
  const suffix = ctx.query.get("all") === "1" ? "?all=1" : "";
  const form = stayForm(f, date, { maxNights: 2 });
  const box = h("form", { class: "booking", novalidate: true });
  append(box, 
    summary([[t("施設"), h("span", { id: "book-facility" }, f.name)], [t("利用日（チェックイン）"), h("span", { id: "book-date" }, fmtDate(date))]]),
    note(t("施設と日付に間違いがないことを確認してください。")),
    form.element, alertSlot(),
    actions(button(t("申込み"), null, { type: "submit", kind: "primary", id: "apply" }),
      button(t("申込み中止"), () => navigate(`/vacancy/${id}/week/${date}${suffix}`), { id: "abort" })));
  box.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(box, async () => {
      const stay = form.read();
      const text = [t("以下の内容で予約を申込みます。よろしいですか？"), "",
        `${t("施設")}: ${f.name}`, `${t("利用日")}: ${fmtDate(date)}`, `${t("宿泊数")}: ${nightsLabel(stay.nights)}`,
        `${t("人数")}: ${peopleLabel(stay.people)}`, stay.roomStyle ? `${t("和洋室希望")}: ${styleLabel(stay.roomStyle)}` : null].filter((x) => x !== null).join("\n");
      if (!ask(text)) return;
      const r = await api("POST", "/api/reservations", { body: { facilityId: id, checkIn: date, ...stay } });
      done(ctx, f, r);
    }, box.querySelector("#apply"));
  });
  render(ctx, t("予約の申込み"), box);
}

function done(ctx, f, r) {
  render(ctx, t("予約申込みの完了"),
    h("p", { class: "done-message" }, t("予約の申込みが完了しました。")),
    summary([
      [t("予約番号"), h("strong", { id: "reservationNumber", class: "mono big" }, r.reservationNumber)],
      [t("施設"), f.name],
      [t("利用日"), `${fmtDate(r.checkIn)} ～ ${fmtDate(addDays(r.checkIn, r.nights))}（${nightsLabel(r.nights)}）`],
      [t("人数"), peopleLabel(r.people)],
      f.styleWish ? [t("部屋"), styleLabel(r.roomStyle)] : null,
    ]),
    note(t("予約内容は「予約の確認・変更」で確認できます。")),
    actions(h("a", { class: "btn primary", href: "/menu", id: "finish" }, t("終了"))));
}
