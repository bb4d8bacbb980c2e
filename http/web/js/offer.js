// 繰り上げ当選: a runner-up accepts or declines an offer of a lapsed win's
// room, after saying yes to a dialog. The lottery results and the 当選の確定
// screen share it.
import { h } from "./dom.js";
import { ask, act, setFlash } from "./layout.js";
import { api } from "./api.js";
import { t } from "./i18n.js";
import { navigate } from "./router.js";

// Asks, then accepts offer `id`: the reservation it books (the server answers
// 200 for an offer accepted already too), or null when the user said no; a
// refusal (past the deadline: window_closed) is thrown as the ApiError.
export async function acceptOffer(id) {
  if (!ask(t("offer.acceptAsk"))) return null;
  return api("POST", `/api/offers/${encodeURIComponent(id)}/acceptance`);
}

// Asks, then declines offer `id`. True once declined, false when the user said no.
export async function declineOffer(id) {
  if (!ask(t("offer.declineAsk"))) return false;
  await api("POST", `/api/offers/${encodeURIComponent(id)}/declination`);
  return true;
}

// The 受ける and 辞退する buttons of offer `o` on a screen whose alerts are in
// `box`: accepting leads to the reservation list, declining back to `back`.
export function offerButtons(box, o, back) {
  const accept = (btn) => act(box, async () => {
    const booked = await acceptOffer(o.offerId);
    if (!booked) return;
    setFlash(t("offer.accepted", { n: booked.reservationNumber }), "success");
    navigate("/reservations");
  }, btn);
  const decline = (btn) => act(box, async () => {
    if (!(await declineOffer(o.offerId))) return;
    setFlash(t("offer.declined"), "success");
    navigate(back, { replace: true });
  }, btn);
  return [
    h("button", { type: "button", class: "btn primary small accept-offer", "data-offer": o.offerId,
      onClick: (ev) => accept(ev.currentTarget) }, t("offer.accept")), " ",
    h("button", { type: "button", class: "btn small decline-offer", "data-offer": o.offerId,
      onClick: (ev) => decline(ev.currentTarget) }, t("offer.decline")),
  ];
}
