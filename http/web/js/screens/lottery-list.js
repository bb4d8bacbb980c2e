// M3 抽選申込みの確認 (every application in periods not yet published; もどる),
// M4 抽選申込みの取消し (those still cancellable, ☑ several, 取消し, confirm,
// done, メニューへ) and M5 抽選結果の確認 (当選 with its 予約番号, or the
// applications that lost).
import { h, table, actions, button, alertSlot, note, summary, append } from "../dom.js";
import { render, act, ask, setFlash } from "../layout.js";
import { api } from "../api.js";
import { facilities, facilityLabel } from "../data.js";
import { fmtDate, fmtMonth, fmtInstant, fw, nightsLabel, peopleLabel, styleLabel, applicationStatus, lotteryStatus, confirmationState } from "../format.js";
import { t } from "../i18n.js";
import { navigate } from "../router.js";
import { confirmWin, confirmButton } from "../confirm-win.js";
import { offerButtons } from "../offer.js";

async function applicationsOf(filter) {
  const [lotteries, list] = await Promise.all([api("GET", "/api/lotteries"), facilities()]);
  const rows = [];
  for (const l of lotteries.filter(filter)) {
    const apps = await api("GET", `/api/lotteries/${l.lotteryId}/applications`);
    for (const a of apps.sort((x, y) => x.preference - y.preference)) rows.push({ l, a });
  }
  return { lotteries, list, rows };
}

function columns(list) {
  return [
    [t("common.lottery"), (r) => t("lottery.monthStays", { month: fmtMonth(r.l.stayMonth) })],
    [t("lottery.preference"), (r) => t("lottery.nth", { k: fw(r.a.preference) })],
    [t("common.facility"), (r) => facilityLabel(list, r.a.facilityId)],
    [t("common.date"), (r) => fmtDate(r.a.checkIn)],
    [t("common.nights"), (r) => nightsLabel(r.a.nights)],
    [t("common.people"), (r) => peopleLabel(r.a.people)],
    [t("common.styleWish"), (r) => (list.find((f) => f.id === r.a.facilityId)?.styleWish ? styleLabel(r.a.roomStyle) : "－")],
  ];
}

export async function lotteryApplications(ctx) {
  const { list, rows } = await applicationsOf((l) => l.status !== "published");
  render(ctx, t("lottery.list.title"),
    rows.length === 0 ? h("p", { id: "no-applications" }, t("lottery.list.none")) :
      table([...columns(list),
        [t("common.status"), (r) => applicationStatus(r.a.status)],
        [t("lottery.list.lotteryStatus"), (r) => lotteryStatus(r.l.status)]], rows,
      { id: "applications", rowAttrs: (r) => ({ "data-application": r.a.applicationId, class: r.a.status === "cancelled" ? "muted" : "" }) }),
    actions(h("a", { class: "btn", href: "/menu", id: "back" }, t("common.back"))));
}

export async function lotteryCancel(ctx) {
  const { list, rows: all } = await applicationsOf((l) => l.status === "open");
  const rows = all.filter((r) => r.a.status === "active");
  const box = h("div", {});
  const pick = (r) => h("input", { type: "checkbox", name: "applicationIds", value: r.a.applicationId, "data-lottery": r.l.lotteryId,
    "aria-label": t("lottery.cancel.pick", { k: fw(r.a.preference), date: fmtDate(r.a.checkIn) }) });
  append(box, 
    rows.length === 0 ? h("p", { id: "no-applications" }, t("lottery.cancel.none")) : [
      h("p", {}, t("lottery.cancel.hint")),
      table([[t("common.select"), pick], ...columns(list)], rows, { id: "applications" }),
    ],
    alertSlot(),
    actions(
      rows.length ? button(t("common.cancel"), (ev) => cancel(ev.currentTarget), { kind: "danger", id: "cancel" }) : null,
      h("a", { class: "btn", href: "/menu" }, t("common.back"))));
  async function cancel(btn) {
    await act(box, async () => {
      const checked = [...box.querySelectorAll("input[name=applicationIds]:checked")];
      if (checked.length === 0) throw new Error(t("lottery.cancel.nothingChosen"));
      if (!ask(t("lottery.cancel.confirm", { n: checked.length }))) return;
      const byLottery = new Map();
      for (const c of checked) {
        if (!byLottery.has(c.dataset.lottery)) byLottery.set(c.dataset.lottery, []);
        byLottery.get(c.dataset.lottery).push(c.value);
      }
      for (const [lotteryId, ids] of byLottery) {
        await api("POST", `/api/lotteries/${lotteryId}/applications/cancellations`, { body: { applicationIds: ids } });
      }
      const gone = rows.filter((r) => checked.some((c) => c.value === r.a.applicationId));
      render(ctx, t("lottery.cancel.done.title"),
        h("p", { class: "done-message", id: "cancel-done" }, t("lottery.cancel.done.message")),
        table(columns(list), gone, { id: "cancelled" }),
        note(t("lottery.cancel.done.note")),
        actions(h("a", { class: "btn primary", href: "/menu", id: "to-menu" }, t("common.toMenu"))));
    }, btn);
  }
  render(ctx, t("lottery.cancel.title"), box);
}

export async function lotteryResults(ctx) {
  const [lotteries, list] = await Promise.all([api("GET", "/api/lotteries"), facilities()]);
  const sections = [];
  const box = h("div", {});
  // A win awaiting its confirmation: its deadline and 確定する.
  const confirmation = (a) => {
    const waits = a.reservationStatus === "booked" && a.confirmation === "required";
    return h("span", { class: "won-confirmation", "data-confirmation": a.reservationStatus === "lapsed" ? "lapsed" : a.confirmation },
      confirmationState(a.reservationStatus, a.confirmation, a.confirmBy),
      waits ? [" ", confirmButton(a.reservationNumber, (btn) => act(box, async () => {
        if (!(await confirmWin(a.reservationNumber))) return;
        setFlash(t("confirm.done", { n: a.reservationNumber }), "success");
        navigate("/lottery/results", { replace: true });
      }, btn))] : null);
  };
  for (const l of lotteries) {
    const apps = await api("GET", `/api/lotteries/${l.lotteryId}/applications`);
    if (apps.length === 0) continue;
    const r = await api("GET", `/api/lotteries/${l.lotteryId}/result`);
    const title = h("h2", {}, t("lottery.results.heading", { month: fmtMonth(l.stayMonth) }));
    if (r.status === "won") {
      const a = r.won;
      sections.push(h("section", { class: "result won", "data-lottery": l.lotteryId }, title,
        h("p", { class: "result-head" }, h("span", { class: "badge won" }, t("status.application.won")), t("lottery.results.won")),
        summary([[t("common.reservationNumber"), h("strong", { class: "mono big", id: "won-number" }, a.reservationNumber || "")],
          [t("lottery.preference"), t("lottery.nth", { k: fw(a.preference) })],
          [t("common.facility"), facilityLabel(list, a.facilityId)], [t("common.date"), t("common.paren", { a: fmtDate(a.checkIn), b: nightsLabel(a.nights) })],
          [t("common.people"), peopleLabel(a.people)],
          list.find((f) => f.id === a.facilityId)?.styleWish ? [t("common.styleWish"), styleLabel(a.roomStyle)] : null,
          a.confirmation !== "none" || a.reservationStatus === "lapsed" ? [t("confirm.column"), confirmation(a)] : null]),
        note(t("lottery.results.wonNote"))));
    } else if (r.status === "offered") {
      const o = r.offer;
      sections.push(h("section", { class: "result offered", "data-lottery": l.lotteryId, "data-offer": o.offerId }, title,
        h("p", { class: "result-head" }, h("span", { class: "badge won" }, t("offer.badge")), t("offer.lead")),
        summary([[t("common.facility"), facilityLabel(list, o.facilityId)],
          [t("common.date"), t("common.paren", { a: fmtDate(o.checkIn), b: nightsLabel(o.nights) })],
          [t("common.people"), peopleLabel(o.people)],
          list.find((f) => f.id === o.facilityId)?.styleWish ? [t("common.styleWish"), styleLabel(o.roomStyle)] : null,
          [t("offer.deadline"), h("span", { class: "offer-by" }, fmtInstant(o.offerBy))]]),
        actions(...offerButtons(box, o, "/lottery/results"))));
    } else if (r.status === "lost") {
      sections.push(h("section", { class: "result lost", "data-lottery": l.lotteryId }, title,
        h("p", { class: "result-head" }, h("span", { class: "badge lost" }, t("status.application.lost")), t("lottery.results.lost")),
        table([
          [t("lottery.preference"), (a) => t("lottery.nth", { k: fw(a.preference) })],
          [t("common.facility"), (a) => facilityLabel(list, a.facilityId)],
          [t("common.date"), (a) => fmtDate(a.checkIn)],
          [t("common.nights"), (a) => nightsLabel(a.nights)],
          [t("common.people"), (a) => peopleLabel(a.people)],
        ], r.lost, { id: `lost-${l.lotteryId}` })));
    } else {
      sections.push(h("section", { class: "result pending", "data-lottery": l.lotteryId }, title,
        h("p", {}, t("lottery.results.pending", { at: fmtInstant(l.publishAt) }))));
    }
  }
  append(box, sections.length ? sections : h("p", { id: "no-results" }, t("lottery.results.none")), alertSlot(),
    actions(h("a", { class: "btn", href: "/menu", id: "back" }, t("common.back"))));
  render(ctx, t("lottery.results.title"), box);
}
