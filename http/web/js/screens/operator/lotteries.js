// O3: lottery periods. Opening one commits the seed: the page draws a
// 32-byte secret (crypto.getRandomValues), shows it for the operator to keep,
// and sends only seedHash = hex SHA-256 of its bytes. The draw takes the
// secret back (hex) once the auditor has revealed theirs (the two-party
// draw); publication makes results and winners' reservations visible. O6:
// each period's applications, and their CSV.
import { h, field, actions, button, alertSlot, alertBox, table, summary, note, choices, radioValue, replace } from "../../dom.js";
import { act, ask } from "../../layout.js";
import { api } from "../../api.js";
import { navigate, reload } from "../../router.js";
import { fmtInstant, fmtMonth, fmtDate, nightsLabel, peopleLabel, styleLabel, applicationStatus, lotteryStatus, addMonths, tokyoToday } from "../../format.js";
import { randomSecret, sha256Hex, toHex, fromHex } from "../../crypto.js";
import { t, msgid } from "../../i18n.js";
import { opRender } from "./shell.js";

const ALGORITHM = { serial_dictatorship: msgid("op.lottery.algorithm.serialDictatorship"), preference_rounds: msgid("op.lottery.algorithm.preferenceRounds") };
const algorithmLabel = (a) => (ALGORITHM[a] ? t(ALGORITHM[a]) : a);

export async function lotteryList(ctx) {
  const list = await api("GET", "/api/operator/lotteries");
  opRender(ctx, t("op.lotteries.title"),
    list.length === 0 ? h("p", {}, t("common.noLotteries")) : table([
      [t("common.id"), (l) => h("a", { href: `/operator/lotteries/${l.lotteryId}`, class: "mono", id: `lottery-${l.lotteryId}` }, l.lotteryId)],
      [t("common.stayMonth"), (l) => fmtMonth(l.stayMonth)],
      [t("common.facility"), (l) => l.facilityIds.join(", ")],
      [t("common.applicationPeriod"), (l) => t("common.range", { from: fmtInstant(l.opensAt), to: fmtInstant(l.closesAt) })],
      [t("op.lotteries.draw"), (l) => fmtInstant(l.drawAt)],
      [t("op.lotteries.publish"), (l) => fmtInstant(l.publishAt)],
      [t("op.applications"), (l) => t("common.count", { n: l.applications })],
      [t("common.status"), (l) => h("span", { class: `badge ${l.status}`, "data-status": l.status }, lotteryStatus(l.status))],
    ], list, { id: "lotteries" }),
    actions(h("a", { class: "btn primary", href: "/operator/lotteries/new", id: "new-lottery" }, t("op.lotteries.open"))));
}

export async function lotteryDetail(ctx) {
  const id = ctx.params.lotteryId;
  const [list, apps] = await Promise.all([api("GET", "/api/operator/lotteries"), api("GET", `/api/operator/lotteries/${id}/applications`)]);
  const l = list.find((x) => x.lotteryId === id);
  if (!l) throw Object.assign(new Error(t("error.noLottery")), { status: 404 });
  const secret = h("input", { name: "secret", id: "draw-secret", class: "mono", autocomplete: "off", spellcheck: "false" });
  const drawBox = h("form", { novalidate: true, id: "draw-form" },
    h("p", {}, t("op.lottery.drawHint")),
    field(t("lottery.secret.hex"), secret, { required: true, wide: true }),
    alertSlot(),
    actions(button(t("op.lottery.drawSubmit"), null, { type: "submit", kind: "primary", id: "draw" })));
  drawBox.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(drawBox, async () => {
      const hex = secret.value.replace(/\s+/g, "");
      if (!fromHex(hex)) throw Object.assign(new Error(t("common.invalidInput")), { errors: [{ field: "secret", message: t("lottery.secret.hexRequired") }] });
      if (!ask(t("op.lottery.drawConfirm", { id }))) return;
      const r = await api("POST", `/api/operator/lotteries/${id}/draw`, { body: { secret: hex } });
      replace(drawBox, alertBox(t("op.lottery.drawn", { applications: r.applications, winners: r.winners }), "success"),
        summary([[t("op.lottery.seed"), h("span", { class: "mono wrap", id: "draw-seed" }, r.seed)], [t("op.applications"), t("common.count", { n: r.applications })],
          [t("op.lottery.winners"), h("span", { id: "draw-winners" }, t("common.count", { n: r.winners }))]]),
        note(t("op.lottery.drawnNote")),
        actions(button(t("common.refresh"), () => reload())));
    }, drawBox.querySelector("#draw"));
  });
  const publishBox = h("div", { id: "publish-box" }, alertSlot(),
    h("p", {}, t("op.lottery.publishHint")),
    actions(button(t("op.lottery.publishSubmit"), (ev) => act(publishBox, async () => {
      if (!ask(t("op.lottery.publishConfirm", { id }))) return;
      const r = await api("POST", `/api/operator/lotteries/${id}/publication`);
      replace(publishBox, alertBox(t("op.lottery.published", { n: r.reservations }), "success"), actions(button(t("common.refresh"), () => reload())));
    }, ev.currentTarget), { kind: "primary", id: "publish" })));
  opRender(ctx, t("op.lottery.title", { id }),
    summary([
      [t("common.stayMonth"), fmtMonth(l.stayMonth)], [t("common.facility"), l.facilityIds.join(", ")],
      [t("common.applicationPeriod"), t("common.range", { from: fmtInstant(l.opensAt), to: fmtInstant(l.closesAt) })],
      [t("op.lottery.drawAt"), fmtInstant(l.drawAt)], [t("op.lottery.publishAt"), fmtInstant(l.publishAt)],
      [t("lottery.slots"), `${l.preferenceSlots}`], [t("op.lottery.algorithm"), algorithmLabel(l.algorithm)],
      [t("op.lottery.seedHash"), h("span", { class: "mono wrap" }, l.seedHash)],
      l.drawRule === 2 ? [t("lottery.auditorCommitment"), h("span", { class: "mono wrap", id: "lottery-auditor-hash" }, l.auditorSeedHash || t("op.lottery.auditorMissing"))]
        : [t("lottery.rule"), t("lottery.rule.oneParty")],
      l.drawRule === 2 ? [t("lottery.auditorReveal"), h("span", { id: "lottery-auditor-revealed", "data-revealed": String(l.auditorRevealed) },
        l.auditorRevealed ? t("lottery.revealed") : t("op.lottery.notRevealed"))] : null,
      [t("common.status"), h("span", { class: `badge ${l.status}`, id: "lottery-status", "data-status": l.status }, lotteryStatus(l.status))],
    ]),
    l.status === "closed" || l.status === "open" || l.status === "upcoming" ? [h("h2", {}, t("op.lottery.drawTitle")), drawBox] : null,
    l.status === "drawn" ? [h("h2", {}, t("op.lottery.publishTitle")), publishBox] : null,
    h("h2", {}, t("op.lottery.applications")),
    h("p", {}, h("a", { href: `/api/operator/lotteries/${id}/applications.csv`, download: `applications-${id}.csv`, class: "btn small", id: "applications-csv" }, t("op.lottery.csv"))),
    apps.length === 0 ? h("p", {}, t("op.lottery.noApplications")) : table([
      [t("lottery.applicationNumber"), (a) => h("span", { class: "mono" }, a.applicationId)],
      [t("common.userNumber"), (a) => h("span", { class: "mono" }, a.userNumber)],
      [t("common.facility"), (a) => a.facilityId], [t("common.date"), (a) => fmtDate(a.checkIn)], [t("op.nights"), (a) => nightsLabel(a.nights)],
      [t("common.people"), (a) => peopleLabel(a.people)], [t("op.roomStyle"), (a) => styleLabel(a.roomStyle)], [t("lottery.preference"), (a) => t("lottery.nth", { k: a.preference })],
      [t("common.status"), (a) => applicationStatus(a.status)], [t("common.reservationNumber"), (a) => a.reservationNumber || ""],
    ], apps, { id: "lottery-applications" }),
    actions(h("a", { class: "btn", href: "/operator/lotteries" }, t("common.back"))));
}

// "2027-01-01T09:00" in Tokyo → RFC 3339 with +09:00.
const tokyo = (local) => (local ? `${local.length === 16 ? `${local}:00` : local}+09:00` : "");

export async function lotteryNew(ctx) {
  const [facilities, periods] = await Promise.all([api("GET", "/api/operator/facilities"), api("GET", "/api/operator/lotteries")]);
  // The first stay month, three or more months ahead, without a period yet.
  let month = addMonths(tokyoToday().slice(0, 7), 3);
  while (periods.some((l) => l.stayMonth === month)) month = addMonths(month, 1);
  const prevMonth = addMonths(month, -2);
  const stayMonth = h("input", { type: "month", name: "stayMonth", value: month });
  const opensAt = h("input", { type: "datetime-local", name: "opensAt", value: `${addMonths(month, -3)}-15T09:00` });
  const closesAt = h("input", { type: "datetime-local", name: "closesAt", value: `${prevMonth}-01T08:59` });
  const drawAt = h("input", { type: "datetime-local", name: "drawAt", value: `${prevMonth}-01T09:00` });
  const publishAt = h("input", { type: "datetime-local", name: "publishAt", value: `${prevMonth}-01T10:00` });
  const slots = h("input", { type: "number", name: "preferenceSlots", min: "1", max: "9", value: "3" });
  // Win confirmation and where lapsed wins' rooms go (docs/lottery.md).
  const confirmDays = h("input", { type: "number", name: "confirmDays", min: "1", max: "60", value: "7" });
  const offerDays = h("input", { type: "number", name: "offerDays", min: "1", max: "60", value: "2" });
  const notifyLosers = h("input", { type: "checkbox", id: "notify-losers", name: "notifyLosers" });
  // Sensible times follow the stay month: applications in the month three
  // months before, the draw and publication on the 1st two months before.
  stayMonth.addEventListener("change", () => {
    const m = stayMonth.value;
    if (!/^\d{4}-\d{2}$/.test(m)) return;
    const before = addMonths(m, -2);
    opensAt.value = `${addMonths(m, -3)}-15T09:00`;
    closesAt.value = `${before}-01T08:59`;
    drawAt.value = `${before}-01T09:00`;
    publishAt.value = `${before}-01T10:00`;
  });
  const secretOut = h("input", { readonly: true, class: "mono", id: "new-secret", name: "secretShown" });
  const hashOut = h("input", { readonly: true, class: "mono", id: "new-seed-hash", name: "seedHash" });
  const kept = h("input", { type: "checkbox", id: "secret-kept" });
  let secretBytes = null;
  const form = h("form", { novalidate: true, id: "lottery-form" },
    field(t("op.lottery.new.stayMonth"), stayMonth, { required: true }),
    choices(t("op.lottery.new.facilities"), "facilityIds", facilities.map((f) => [f.id, f.name]), { type: "checkbox", value: facilities.map((f) => f.id) }),
    h("div", { class: "grid-fields" },
      field(t("op.lottery.new.opensAt"), opensAt, { required: true }), field(t("op.lottery.new.closesAt"), closesAt, { required: true }),
      field(t("op.lottery.drawAt"), drawAt, { required: true }), field(t("op.lottery.new.publishAt"), publishAt, { required: true })),
    field(t("op.lottery.new.slots"), slots),
    choices(t("op.lottery.new.algorithm"), "algorithm", Object.keys(ALGORITHM).map((a) => [a, algorithmLabel(a)]), { value: "serial_dictatorship" }),
    choices(t("op.lottery.new.confirmation"), "confirmation", [["required", t("op.lottery.new.confirmationRequired")], ["none", t("op.lottery.new.confirmationNone")]], { value: "required" }),
    field(t("op.lottery.new.confirmDays"), confirmDays),
    choices(t("op.lottery.new.release"), "release", [["first_come", t("op.lottery.new.releaseFirstCome")], ["runners_up", t("op.lottery.new.releaseRunnersUp")]], { value: "first_come" }),
    field(t("op.lottery.new.offerDays"), offerDays),
    h("span", { class: "choice" }, notifyLosers, h("label", { for: "notify-losers" }, t("op.lottery.new.notifyLosers"))),
    h("fieldset", { class: "secret", "data-field": "seedHash" }, h("legend", {}, t("op.lottery.new.secret")),
      h("p", {}, t("op.lottery.new.secretHint")),
      button(t("lottery.secret.generate"), async () => {
        secretBytes = randomSecret();
        secretOut.value = toHex(secretBytes);
        hashOut.value = await sha256Hex(secretBytes);
      }, { id: "generate-secret" }),
      field(t("lottery.secret.shown"), secretOut, { wide: true }),
      field(t("lottery.secret.hash"), hashOut, { wide: true }),
      h("span", { class: "choice" }, kept, h("label", { for: "secret-kept" }, t("lottery.secret.kept"))),
      h("p", { class: "field-error", hidden: true })),
    alertSlot(),
    actions(button(t("op.lotteries.open"), null, { type: "submit", kind: "primary", id: "open-lottery" }), h("a", { class: "btn", href: "/operator/lotteries" }, t("common.back"))));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      if (!secretBytes) throw Object.assign(new Error(t("common.invalidInput")), { errors: [{ field: "seedHash", message: t("op.lottery.new.secretRequired") }] });
      if (!kept.checked) throw Object.assign(new Error(t("common.invalidInput")), { errors: [{ field: "seedHash", message: t("lottery.secret.keptRequired") }] });
      const body = {
        stayMonth: stayMonth.value,
        facilityIds: [...form.querySelectorAll("input[name=facilityIds]:checked")].map((c) => c.value),
        opensAt: tokyo(opensAt.value), closesAt: tokyo(closesAt.value), drawAt: tokyo(drawAt.value), publishAt: tokyo(publishAt.value),
        preferenceSlots: Number(slots.value), algorithm: radioValue(form, "algorithm"), seedHash: hashOut.value,
        confirmation: radioValue(form, "confirmation"), confirmDays: Number(confirmDays.value),
        release: radioValue(form, "release"), offerDays: Number(offerDays.value), notifyLosers: notifyLosers.checked,
      };
      if (!ask(t("op.lottery.new.confirm", { month: body.stayMonth }))) return;
      const r = await api("POST", "/api/operator/lotteries", { body });
      navigate(`/operator/lotteries/${r.lotteryId}`);
    }, form.querySelector("#open-lottery"));
  });
  opRender(ctx, t("op.lottery.new.title"), form);
}
