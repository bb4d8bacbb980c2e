// O1: registrations waiting (pending), approved and rejected; each with the
// applicant's data and the uploaded proof image; approve, reject with a
// reason, erase the personal data (crypto-shredding) with a reason.
import { h, summary, actions, button, alertSlot, field, alertBox, note, append, replace } from "../../dom.js";
import { act, ask } from "../../layout.js";
import { api } from "../../api.js";
import { reload } from "../../router.js";
import { fmtInstant, categoryLabel } from "../../format.js";
import { t, msgid } from "../../i18n.js";
import { opRender } from "./shell.js";
import { noticeLetter } from "./notice-letter.js";

const TABS = [["pending", msgid("op.registrations.status.pending")], ["approved", msgid("op.registrations.status.approved")],
  ["rejected", msgid("op.registrations.status.rejected")]];
const statusLabel = (s) => { const tab = TABS.find(([k]) => k === s); return tab ? t(tab[1]) : s; };

export async function registrations(ctx) {
  const status = TABS.some(([s]) => s === ctx.query.get("status")) ? ctx.query.get("status") : "pending";
  const list = await api("GET", `/api/operator/registrations?status=${status}`);
  list.sort((a, b) => (a.submittedAt < b.submittedAt ? 1 : -1));
  opRender(ctx, t("op.registrations.title"),
    h("nav", { class: "tabs", "aria-label": t("common.status") }, TABS.map(([s, label]) =>
      h("a", { href: `/operator/registrations?status=${s}`, "aria-current": s === status ? "page" : false, id: `tab-${s}` }, t(label)))),
    list.length === 0 ? h("p", { id: "no-registrations" }, t("op.registrations.none")) :
      h("div", { class: "cards", id: "registrations" }, list.map((r) => card(r))));
}

function card(r) {
  const box = h("article", { class: ["card", "registration", r.status], "data-registration": r.registrationId, "data-name": r.name || "" });
  const erased = r.erased;
  append(box, 
    h("h2", {}, erased ? t("op.registrations.erased") : t("common.paren", { a: r.name, b: r.nameKana || "" }),
      " ", h("span", { class: `badge ${r.status}` }, statusLabel(r.status))),
    r.duplicates?.length ? alertBox(t("op.registrations.duplicates", { list: r.duplicates.join(", ") }), "warn") : null,
    summary([
      [t("op.registrationId"), h("span", { class: "mono" }, r.registrationId)],
      r.userNumber ? [t("common.userNumber"), h("strong", { class: "mono user-number" }, r.userNumber)] : null,
      [t("op.registrations.submittedAt"), fmtInstant(r.submittedAt)],
      [t("op.registrations.channel"), r.channel === "postcard" ? t("op.registrations.channel.postcard") : t("op.registrations.channel.internet")],
      [t("common.kind"), categoryLabel(r.category)],
      erased ? null : [t("register.birthDate"), r.birthDate],
      erased ? null : [t("register.address"), t("op.registrations.address", { postalCode: r.postalCode, address: r.address })],
      erased ? null : [t("register.phone"), r.phone],
      erased ? null : [t("common.email"), r.email || t("common.noneParen")],
      !erased && r.category === "worker" ? [t("op.registrations.workplace"), t("common.paren", { a: r.workplaceName, b: r.workplaceAddress })] : null,
      r.approvedAt ? [t("op.registrations.approvedAt"), r.automatic ? t("common.paren", { a: fmtInstant(r.approvedAt), b: t("op.registrations.automatic") }) : fmtInstant(r.approvedAt)] : null,
      r.rejectReason ? [t("op.registrations.rejectReason"), r.rejectReason] : null,
    ]));
  if (r.hasProof && !erased) {
    const src = `/api/operator/registrations/${encodeURIComponent(r.registrationId)}/proof`;
    append(box, h("figure", { class: "proof" },
      h("a", { href: src, target: "_blank", rel: "noopener" }, h("img", { src, alt: t("op.registrations.proofAlt", { name: r.name }), class: "proof-image", loading: "lazy" })),
      h("figcaption", {}, t("op.registrations.proofCaption"))));
  } else if (r.category === "worker" && !erased) {
    append(box, note(t("op.registrations.noProof")));
  }
  // One line: the server refuses a line break in a reason (docs/booking-core.md).
  const reason = h("input", { name: "reason", maxlength: "1000" });
  const slot = alertSlot();
  const buttons = [];
  if (r.status === "pending") {
    buttons.push(button(t("op.registrations.approve"), (ev) => act(box, async () => {
      if (!ask(t("op.registrations.approveConfirm", { name: r.name }))) return;
      const res = await api("POST", `/api/operator/registrations/${r.registrationId}/approval`);
      if (res.activationCode) {
        // A postcard applicant: the code is shown this once, for the letter.
        replace(slot, alertBox(t("op.registrations.approved", { n: res.userNumber }), "success"),
          noticeLetter({ name: r.name, userNumber: res.userNumber, activationCode: res.activationCode }));
      } else {
        replace(slot, alertBox(t("op.registrations.approved", { n: res.userNumber }), "success"));
        setTimeout(reload, 1200);
      }
    }, ev.currentTarget), { kind: "primary", id: `approve-${r.registrationId}` }));
    buttons.push(button(t("op.registrations.reject"), (ev) => act(box, async () => {
      if (!reason.value.trim()) throw Object.assign(new Error(t("common.invalidInput")), { errors: [{ field: "reason", message: t("op.registrations.rejectReasonRequired") }] });
      if (!ask(t("op.registrations.rejectConfirm", { name: r.name }))) return;
      await api("POST", `/api/operator/registrations/${r.registrationId}/rejection`, { body: { reason: reason.value.trim() } });
      reload();
    }, ev.currentTarget), { kind: "danger", id: `reject-${r.registrationId}` }));
  }
  if (!erased) {
    buttons.push(button(t("op.erase"), (ev) => act(box, async () => {
      if (!reason.value.trim()) throw Object.assign(new Error(t("common.invalidInput")), { errors: [{ field: "reason", message: t("op.eraseReasonRequired") }] });
      if (!ask(t("op.registrations.eraseConfirm"))) return;
      if (r.userNumber) await api("POST", `/api/operator/users/${r.userNumber}/erasure`, { body: { reason: reason.value.trim() } });
      else await api("POST", `/api/operator/registrations/${r.registrationId}/erasure`, { body: { reason: reason.value.trim() } });
      reload();
    }, ev.currentTarget), { kind: "ghost", id: `erase-${r.registrationId}` }));
  }
  if (buttons.length && r.status === "pending") {
    append(box, field(t("op.registrations.reason"), reason, { wide: true }), slot, actions(...buttons));
  } else if (buttons.length) {
    append(box, h("details", { class: "erase" }, h("summary", {}, t("op.erase")),
      field(t("op.registrations.eraseReason"), reason, { wide: true }), slot, actions(...buttons)));
  }
  return box;
}
