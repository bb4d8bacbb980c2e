// 当選の確定: the winner confirms one of their lottery wins, after saying yes
// to a dialog. The 当選の確定 screen, the lottery results and the reservation
// list share it.
import { h } from "./dom.js";
import { ask } from "./layout.js";
import { api } from "./api.js";
import { t } from "./i18n.js";

// Whether a reservation (as GET /api/reservations gives it) awaits its
// winner's confirmation.
export const awaitsConfirmation = (r) => r.status === "booked" && r.confirmation === "required";

// Asks, then confirms reservation `number`. True once confirmed (the server
// answers 200 for a win confirmed already too), false when the user said no;
// a refusal (past the deadline: window_closed) is thrown as the ApiError.
export async function confirmWin(number) {
  if (!ask(t("confirm.ask", { n: number }))) return false;
  await api("POST", `/api/reservations/${encodeURIComponent(number)}/confirmation`);
  return true;
}

// The 確定する button of reservation `number`; `onClick` gets the button.
export function confirmButton(number, onClick) {
  return h("button", { type: "button", class: "btn primary small confirm-win", "data-confirm": number,
    "aria-label": t("confirm.buttonFor", { n: number }), onClick: (ev) => onClick(ev.currentTarget) }, t("confirm.button"));
}
