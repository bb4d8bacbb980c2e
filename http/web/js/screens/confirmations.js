// 当選の確定 (Confirm your wins): the user's lottery wins that await their
// confirmation, each with its stay, reservation number and deadline and a
// 確定する button (a dialog first); a confirmed one leaves the list. Below,
// the user's open offers to runners-up (繰り上げ当選) with 受ける / 辞退する;
// an open cancellation-waitlist offer is answered on the waitlist screen,
// which a link here points to.
import { h, table, actions, alertSlot, note, append } from "../dom.js";
import { render, act, setFlash } from "../layout.js";
import { api } from "../api.js";
import { facilities, facilityLabel } from "../data.js";
import { navigate } from "../router.js";
import { fmtDate, fmtInstant, nightsLabel, peopleLabel, styleLabel } from "../format.js";
import { t } from "../i18n.js";
import { awaitsConfirmation, confirmWin, confirmButton } from "../confirm-win.js";
import { offerButtons } from "../offer.js";

const soonestFirst = (a, b) => (a.confirmBy < b.confirmBy ? -1 : a.confirmBy > b.confirmBy ? 1 : a.reservationNumber.localeCompare(b.reservationNumber));

export async function confirmationScreen(ctx) {
  const [all, list, offers] = await Promise.all([api("GET", "/api/reservations"), facilities(), api("GET", "/api/me/offers")]);
  const rows = all.filter(awaitsConfirmation).sort(soonestFirst);
  const runnerUp = offers.filter((o) => !o.waitlistEntryId);
  const waitlisted = offers.length - runnerUp.length;
  const box = h("div", {});
  const confirm = (r, btn) => act(box, async () => {
    if (!(await confirmWin(r.reservationNumber))) return;
    setFlash(t("confirm.done", { n: r.reservationNumber }), "success");
    navigate("/confirmations", { replace: true });
  }, btn);
  append(box,
    h("p", {}, t("confirm.hint")),
    rows.length === 0 ? h("p", { id: "no-confirmations" }, t("confirm.none")) :
      table([
        [t("common.reservationNumber"), (r) => h("span", { class: "mono" }, r.reservationNumber)],
        [t("common.facility"), (r) => facilityLabel(list, r.facilityId)],
        [t("common.date"), (r) => t("common.paren", { a: fmtDate(r.checkIn), b: nightsLabel(r.nights) })],
        [t("common.people"), (r) => peopleLabel(r.people)],
        [t("common.room"), (r) => (list.find((f) => f.id === r.facilityId)?.styleWish ? styleLabel(r.roomStyle) : "－")],
        [t("confirm.deadline"), (r) => h("span", { class: "confirm-by" }, fmtInstant(r.confirmBy))],
        [t("confirm.column"), (r) => confirmButton(r.reservationNumber, (btn) => confirm(r, btn))],
      ], rows, { id: "confirmations", rowAttrs: (r) => ({ "data-reservation": r.reservationNumber }) }),
    note(t("lottery.results.wonNote")),
    runnerUp.length === 0 ? null : [
      h("h2", {}, t("offer.title")),
      h("p", {}, t("offer.hint")),
      table([
        [t("common.facility"), (o) => facilityLabel(list, o.facilityId)],
        [t("common.date"), (o) => t("common.paren", { a: fmtDate(o.checkIn), b: nightsLabel(o.nights) })],
        [t("common.people"), (o) => peopleLabel(o.people)],
        [t("offer.deadline"), (o) => h("span", { class: "offer-by" }, fmtInstant(o.offerBy))],
        [t("offer.column"), (o) => offerButtons(box, o, "/confirmations")],
      ], runnerUp, { id: "offers", rowAttrs: (o) => ({ "data-offer": o.offerId }) })],
    waitlisted === 0 ? null :
      h("p", { id: "waitlist-offers" }, t("confirm.waitlistOffers", { n: waitlisted }), " ",
        h("a", { href: "/waitlist", class: "to-waitlist" }, t("waitlist.title"))),
    alertSlot(),
    actions(
      h("a", { class: "btn", href: "/reservations", id: "to-reservations" }, t("reservations.title")),
      h("a", { class: "btn", href: "/menu", id: "back" }, t("common.back"))));
  render(ctx, t("confirm.title"), box);
}
