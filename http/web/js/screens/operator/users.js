// O4: register a postcard applicant (email optional; the user number may be
// given, e.g. the one printed on the postcard) and erase a user's data.
import { h, field, choices, radioValue, actions, button, alertSlot, summary, alertBox, note, replace, table } from "../../dom.js";
import { act, ask } from "../../layout.js";
import { api } from "../../api.js";
import { categoryLabel, fmtDate, fmtInstant, nightsLabel, peopleLabel, suspensionReason } from "../../format.js";
import { facilities, facilityLabel } from "../../data.js";
import { t, msgid } from "../../i18n.js";
import { opRender } from "./shell.js";
import { noticeLetter } from "./notice-letter.js";

const FIELDS = [
  ["nameKanji", msgid("register.nameKanji"), true], ["nameKana", msgid("op.users.nameKana"), true], ["birthDate", msgid("register.birthDate"), true, "date"],
  ["postalCode", msgid("op.users.postalCode"), true], ["address", msgid("register.address"), true], ["phone", msgid("register.phone"), true, "tel"],
  ["email", msgid("op.users.email"), false, "email"], ["userNumber", msgid("op.users.userNumber"), false],
];

export function postcardUser(ctx) {
  const workplace = h("div", { class: "workplace" },
    field(t("register.workplaceName"), h("input", { name: "workplaceName" })), field(t("register.workplaceAddress"), h("input", { name: "workplaceAddress" }), { wide: true }));
  const form = h("form", { novalidate: true, id: "postcard-form" },
    note(t("op.users.hint")),
    FIELDS.map(([name, label, required, type]) => field(t(label), h("input", { name, type: type || "text" }), { required })),
    choices(t("register.category"), "category", [["resident", categoryLabel("resident")], ["worker", categoryLabel("worker")]], { value: "resident", required: true,
      onChange: () => { workplace.hidden = radioValue(form, "category") !== "worker"; } }),
    workplace, alertSlot(),
    actions(button(t("op.users.submit"), null, { type: "submit", kind: "primary", id: "postcard-submit" })));
  workplace.hidden = true;
  const out = h("div", { id: "postcard-result" });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const body = { category: radioValue(form, "category") };
      for (const i of form.querySelectorAll("input[name]:not([type=radio])")) if (i.value.trim()) body[i.name] = i.value.trim();
      if (!ask(t("op.users.confirm"))) return;
      const r = await api("POST", "/api/operator/users", { body });
      const name = body.nameKanji;
      if (!r.userNumber) {
        replace(out, alertBox(t("op.users.duplicate", { list: r.duplicates.join(", ") }), "warn"),
          summary([[t("op.registrationId"), h("strong", { class: "mono", id: "postcard-registration-id" }, r.registrationId)]]));
      } else {
        replace(out, alertBox(t("op.users.done"), "success"),
          summary([[t("common.userNumber"), h("strong", { class: "mono big", id: "postcard-user-number" }, r.userNumber)], [t("op.registrationId"), r.registrationId]]),
          r.activationCode ? noticeLetter({ name, userNumber: r.userNumber, activationCode: r.activationCode }) : null);
      }
      form.reset();
      workplace.hidden = true;
    }, form.querySelector("#postcard-submit"));
  });
  const number = h("input", { name: "userNumber", id: "erase-user", inputmode: "numeric" });
  const reason = h("input", { name: "reason", id: "erase-reason" });
  const erase = h("form", { novalidate: true, class: "inline-form" },
    field(t("common.userNumber"), number, { required: true }), field(t("op.users.reason"), reason, { required: true, wide: true }), alertSlot(),
    actions(button(t("op.users.erase"), null, { type: "submit", kind: "danger" })));
  erase.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(erase, async () => {
      if (!ask(t("op.users.eraseConfirm", { n: number.value }))) return;
      await api("POST", `/api/operator/users/${encodeURIComponent(number.value.trim())}/erasure`, { body: { reason: reason.value.trim() } });
      replace(erase.querySelector(".alert-slot"), alertBox(t("op.users.erased"), "success"));
    });
  });
  opRender(ctx, t("op.users.title"), form, out,
    h("h2", {}, t("op.users.suspensionTitle")), note(t("op.users.suspensionNote")), suspensionForm(ctx.query.get("userNumber") || ""),
    h("h2", {}, t("op.users.offersTitle")), note(t("op.users.offersNote")), offersForm(ctx.query.get("userNumber") || ""),
    h("h2", {}, t("op.users.eraseTitle")), note(t("op.users.eraseNote")), erase);
}

// 利用停止 (issue 17): check a user's suspensions, each with its period,
// cause and reservation, and lift one (or all of them) with a reason.
function suspensionForm(initial) {
  const number = h("input", { name: "userNumber", id: "suspension-user", inputmode: "numeric", value: initial });
  const reason = h("input", { name: "reason", id: "lift-reason" });
  const state = h("div", { id: "suspension-state" });
  const form = h("form", { novalidate: true, class: "inline-form", id: "suspension-form" },
    field(t("common.userNumber"), number, { required: true }), alertSlot(),
    actions(button(t("op.users.check"), null, { type: "submit", id: "suspension-check" })), state);
  const n = () => number.value.trim();
  // Lifts the suspension named `id`, or every one without it; then shows what is left.
  const lift = (btn, id, question, done) => act(form, async () => {
    if (!ask(question)) return;
    const body = { reason: reason.value.trim() };
    if (id) body.suspension = id;
    await api("POST", `/api/operator/users/${encodeURIComponent(n())}/suspension/lift`, { body });
    reason.value = "";
    await show(alertBox(done, "success"));
  }, btn);
  const show = async (done) => {
    const s = await api("GET", `/api/operator/users/${encodeURIComponent(n())}/suspension`);
    if (!s.suspended) return replace(state, done, alertBox(t("op.users.notSuspended", { n: n() }), "info"));
    const why = suspensionReason(s.suspensionReason, s.suspensionReservation);
    const one = (x) => {
      const cause = suspensionReason(x.cause, x.reservation);
      return h("button", { type: "button", class: "btn danger small lift-one",
        onClick: (ev) => lift(ev.currentTarget, x.id, t("op.users.liftOneConfirm", { n: n(), reason: cause }),
          t("op.users.liftedOne", { n: n(), reason: cause })) }, t("op.users.liftOne"));
    };
    const all = button(t("op.users.lift"), (ev) => lift(ev.currentTarget, null, t("op.users.liftConfirm", { n: n() }),
      t("op.users.lifted", { n: n() })), { kind: "danger", id: "lift-suspension" });
    replace(state, done, alertBox(t("op.users.suspendedUntil", { n: n(), until: fmtDate(s.suspendedUntil), reason: why }), "warn"),
      table([
        [t("op.users.suspendedFrom"), (x) => fmtDate(x.from)],
        [t("op.users.suspendedTo"), (x) => fmtDate(x.until)],
        [t("op.users.suspensionCause"), (x) => suspensionReason(x.cause, x.reservation)],
        [t("op.users.liftColumn"), one],
      ], s.suspensions, { id: "suspensions-of-user", rowAttrs: (x) => ({ "data-suspension": x.id }) }),
      field(t("op.users.liftReason"), reason, { required: true, wide: true }), actions(all));
  };
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, () => show(null), form.querySelector("#suspension-check"));
  });
  return form;
}

// 繰り上げ当選 (issue 16): a runner-up who telephones: their open offers,
// accepted or declined on their behalf (the operator is the events' actor).
function offersForm(initial) {
  const number = h("input", { name: "userNumber", id: "offers-user", inputmode: "numeric", value: initial });
  const list = h("div", { id: "operator-offers" });
  const form = h("form", { novalidate: true, class: "inline-form", id: "offers-form" },
    field(t("common.userNumber"), number, { required: true }), alertSlot(),
    actions(button(t("op.users.check"), null, { type: "submit", id: "offers-check" })), list);
  const n = () => number.value.trim();
  const answer = (o, how, btn) => act(form, async () => {
    const accepting = how === "acceptance";
    const question = accepting ? t("op.users.offerAcceptAsk", { n: n() }) : t("op.users.offerDeclineAsk", { n: n() });
    if (!ask(question)) return;
    const r = await api("POST", `/api/operator/offers/${encodeURIComponent(o.offerId)}/${how}`);
    await show();
    replace(form.querySelector(".alert-slot"),
      alertBox(accepting ? t("op.users.offerAccepted", { n: r.reservationNumber }) : t("op.users.offerDeclined"), "success"));
  }, btn);
  const show = async () => {
    const [offers, all] = await Promise.all([api("GET", `/api/operator/users/${encodeURIComponent(n())}/offers`), facilities()]);
    if (offers.length === 0) return replace(list, alertBox(t("op.users.noOffers", { n: n() }), "info"));
    replace(list, table([
      [t("common.facility"), (o) => facilityLabel(all, o.facilityId)],
      [t("common.date"), (o) => t("common.paren", { a: fmtDate(o.checkIn), b: nightsLabel(o.nights) })],
      [t("common.people"), (o) => peopleLabel(o.people)],
      [t("offer.deadline"), (o) => h("span", { class: "offer-by" }, fmtInstant(o.offerBy))],
      [t("offer.column"), (o) => [
        h("button", { type: "button", class: "btn primary small accept-offer-for", onClick: (ev) => answer(o, "acceptance", ev.currentTarget) },
          t("op.users.offerAccept")), " ",
        h("button", { type: "button", class: "btn small decline-offer-for", onClick: (ev) => answer(o, "declination", ev.currentTarget) },
          t("op.users.offerDecline"))]],
    ], offers, { id: "offers-of-user", rowAttrs: (o) => ({ "data-offer": o.offerId }) }));
  };
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, show, form.querySelector("#offers-check"));
  });
  return form;
}
