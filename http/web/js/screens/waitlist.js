// キャンセル待ち (the cancellation waitlist, issue 17), the member's side:
// joining from a sold-out (×) date of a facility that takes entries, with the
// stay as a booking's (nights, people, each night's children and infants, the
// style wish, and a reduction claim where the rates in force offer one; the
// room is priced with them when an offer is accepted), a dialog and the done
// screen; and the member menu's list of the user's entries, each with 削除
// (after a dialog) and, while a room is offered to it, its deadline and the
// offer's 受ける / 辞退する (offer.js, as for a runner-up).
import { h, summary, actions, button, alertSlot, note, table, append } from "../dom.js";
import { render, act, ask, setFlash } from "../layout.js";
import { api, ApiError } from "../api.js";
import { facility, facilities, facilityLabel, reductionsOffered } from "../data.js";
import { navigate } from "../router.js";
import { stayForm } from "../stayform.js";
import { addDays, fmtDate, fmtInstant, nightsLabel, peopleLabel, styleLabel, reductionLabel } from "../format.js";
import { t, msgid } from "../i18n.js";
import { suspensionNotice } from "../suspension.js";
import { offerButtons } from "../offer.js";

// Whether facility `f` (of GET /api/facilities) takes waitlist entries.
export const takesWaitlist = (f) => Boolean(f && f.waitlist && f.waitlist.enabled);

// Where a sold-out date of facility `id` leads: the joining form.
export const joinPath = (id, date) => `/vacancy/${encodeURIComponent(id)}/waitlist/${date}`;

// Each refusal of POST /api/waitlist (docs/api.md), in the catalogue's words.
const REFUSAL = {
  not_enabled: msgid("waitlist.refused.notEnabled"),
  conflict: msgid("waitlist.refused.conflict"),
  limit_reached: msgid("waitlist.refused.limitReached"),
  not_open: msgid("waitlist.refused.notOpen"),
  window_closed: msgid("waitlist.refused.windowClosed"),
  suspended: msgid("waitlist.refused.suspended"),
  validation: msgid("waitlist.refused.validation"),
};

// A refusal of joining as the error to show: the catalogue's message as its
// title, the server's own words as its detail, the fields' errors kept.
function refusal(e) {
  if (!(e instanceof ApiError) || !REFUSAL[e.code]) return e;
  return Object.assign(new Error(t(REFUSAL[e.code])), {
    status: e.status, code: e.code, path: e.path, title: t(REFUSAL[e.code]), detail: e.detail, errors: e.errors,
  });
}

const stayText = (e) => t("common.paren", { a: t("common.range", { from: fmtDate(e.checkIn), to: fmtDate(addDays(e.checkIn, e.nights)) }), b: nightsLabel(e.nights) });

// The guests of each night when any are children or infants, else the people.
function guestsText(e) {
  if (!(e.guests || []).some((g) => g.children || g.infants)) return peopleLabel(e.people);
  return e.guests.map((g) => t("waitlist.guestsOfNight", { adults: g.adults, children: g.children, infants: g.infants })).join(" / ");
}

export async function waitlistJoinScreen(ctx) {
  const { facilityId: id, date } = ctx.params;
  const [f, suspension, reductions] = await Promise.all([facility(id), suspensionNotice(), reductionsOffered(id, date)]);
  if (!f) throw Object.assign(new Error(t("error.noFacility")), { status: 404 });
  const back = () => navigate(`/vacancy/${encodeURIComponent(id)}/week/${date}`);
  const form = stayForm(f, date, { maxNights: 2, guests: true, reductions });
  const box = h("form", { class: "booking", novalidate: true, id: "waitlist-form" });
  const w = f.waitlist;
  if (!takesWaitlist(f)) {
    render(ctx, t("waitlist.join.title"), h("p", { id: "waitlist-off" }, t("waitlist.refused.notEnabled")),
      actions(button(t("common.back"), back, { id: "abort" })));
    return;
  }
  append(box, suspension,
    summary([[t("common.facility"), h("span", { id: "waitlist-facility" }, f.name)], [t("common.checkIn"), h("span", { id: "waitlist-date" }, fmtDate(date))]]),
    h("p", {}, t("waitlist.join.how", { pickAt: w.pickAt })),
    note(t("waitlist.join.limits", { days: w.closeDaysBefore, k: w.entriesPerMonth })),
    form.element, alertSlot(),
    actions(button(t("waitlist.join"), null, { type: "submit", kind: "primary", id: "join-waitlist" }),
      button(t("booking.abort"), back, { id: "abort" })));
  box.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(box, async () => {
      const stay = form.read();
      const text = [t("waitlist.join.confirm"), "",
        `${t("common.facility")}: ${f.name}`, `${t("common.date")}: ${fmtDate(date)}`, `${t("common.nights")}: ${nightsLabel(stay.nights)}`,
        `${t("common.people")}: ${guestsText(stay)}`, stay.roomStyle ? `${t("common.styleWish")}: ${styleLabel(stay.roomStyle)}` : null,
        stay.reduction ? `${t("waitlist.reduction")}: ${reductionLabel(stay.reduction)}` : null]
        .filter((x) => x !== null).join("\n");
      if (!ask(text)) return;
      let entry;
      try {
        entry = await api("POST", "/api/waitlist", { body: { facilityId: id, checkIn: date, ...stay } });
      } catch (e) {
        throw refusal(e);
      }
      joined(ctx, f, entry);
    }, box.querySelector("#join-waitlist"));
  });
  render(ctx, t("waitlist.join.title"), box);
}

function joined(ctx, f, e) {
  render(ctx, t("waitlist.join.done.title"),
    h("p", { class: "done-message", id: "waitlist-joined", "data-entry": e.entryId }, t("waitlist.join.done.message")),
    summary([
      [t("common.facility"), f.name],
      [t("common.date"), stayText(e)],
      [t("common.people"), h("span", { id: "waitlist-guests" }, guestsText(e))],
      e.reduction && e.reduction !== "none" ? [t("waitlist.reduction"), reductionLabel(e.reduction)] : null,
      f.styleWish ? [t("common.styleWish"), styleLabel(e.roomStyle)] : null,
    ]),
    actions(h("a", { class: "btn primary", href: "/waitlist", id: "to-waitlist" }, t("waitlist.toList")),
      h("a", { class: "btn", href: "/menu", id: "finish" }, t("common.finish"))));
}

export async function waitlistScreen(ctx) {
  const [entries, list] = await Promise.all([api("GET", "/api/waitlist"), facilities()]);
  const box = h("div", {});
  const remove = (e, btn) => act(box, async () => {
    if (!ask(t("waitlist.deleteAsk"))) return;
    await api("DELETE", `/api/waitlist/${encodeURIComponent(e.entryId)}`);
    setFlash(t("waitlist.deleted"), "success");
    navigate("/waitlist", { replace: true });
  }, btn);
  const state = (e) => (e.offer
    ? h("span", { class: "waitlist-state offered" }, h("span", { class: "badge won" }, t("waitlist.state.offered")), " ",
      t("offer.deadline"), " ", h("span", { class: "offer-by" }, fmtInstant(e.offer.offerBy)))
    : h("span", { class: "waitlist-state" }, t("waitlist.state.waiting")));
  append(box,
    h("p", {}, t("waitlist.list.hint")),
    entries.length === 0 ? h("p", { id: "no-waitlist" }, t("waitlist.list.none")) :
      table([
        [t("common.facility"), (e) => facilityLabel(list, e.facilityId)],
        [t("common.date"), stayText],
        [t("common.people"), guestsText],
        [t("waitlist.reduction"), (e) => (e.reduction && e.reduction !== "none" ? reductionLabel(e.reduction) : "－")],
        [t("common.styleWish"), (e) => (list.find((f) => f.id === e.facilityId)?.styleWish ? styleLabel(e.roomStyle) : "－")],
        [t("waitlist.joinedAt"), (e) => fmtInstant(e.joinedAt)],
        [t("common.status"), state],
        [t("offer.column"), (e) => [
          e.offer ? [...offerButtons(box, e.offer, "/waitlist"), " "] : null,
          h("button", { type: "button", class: "btn small danger delete-entry", "data-entry": e.entryId,
            "aria-label": t("waitlist.deleteOf", { date: fmtDate(e.checkIn) }), onClick: (ev) => remove(e, ev.currentTarget) }, t("waitlist.delete")),
        ]],
      ], entries, { id: "waitlist", rowAttrs: (e) => ({ "data-entry": e.entryId, "data-offer": e.offer?.offerId || null }) }),
    alertSlot(),
    actions(
      h("a", { class: "btn", href: "/vacancy", id: "to-vacancy" }, t("vacancy.title")),
      h("a", { class: "btn", href: "/menu", id: "back" }, t("common.back"))));
  render(ctx, t("waitlist.title"), box);
}
