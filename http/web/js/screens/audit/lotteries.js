// A2, the auditor's part of the two-party draw (docs/lottery.md): the lottery
// periods with both commitments; for each, the commitment before the window
// (the auditor enters a secret, or the page draws 32 random bytes with
// crypto.getRandomValues and shows them to keep; only the hex SHA-256 is
// sent) and, once the window has closed, the reveal of that secret. The
// operator's draw waits for the reveal.
import { h, field, actions, button, alertSlot, alertBox, table, summary, note, replace } from "../../dom.js";
import { act, ask } from "../../layout.js";
import { auditLotteries, commitAuditorSeed, revealAuditorSecret } from "../../api.js";
import { reload } from "../../router.js";
import { fmtInstant, fmtMonth, lotteryStatus } from "../../format.js";
import { randomSecret, sha256Hex, toHex, fromHex } from "../../crypto.js";
import { t, msgid } from "../../i18n.js";
import { auditRender } from "../operator/shell.js";

const RULE = { 1: msgid("lottery.rule.oneParty"), 2: msgid("lottery.rule.twoParty") };
const ruleLabel = (l) => (RULE[l.drawRule] ? t(RULE[l.drawRule]) : String(l.drawRule));

// What the auditor has to do for a period, as a short label.
function auditorStep(l) {
  if (l.drawRule !== 2) return t("audit.lotteries.step.none");
  if (!l.auditorSeedHash) return ["closed", "drawn", "published"].includes(l.status) ? t("audit.lotteries.step.missed") : t("audit.lotteries.step.commit");
  if (!l.auditorRevealed) return ["closed"].includes(l.status) ? t("audit.lotteries.step.reveal") : t("audit.lotteries.step.committed");
  return t("lottery.revealed");
}

const hashCell = (hex) => (hex ? h("span", { class: "mono hash", title: hex }, `${hex.slice(0, 16)}…`) : t("lottery.noHash"));

export async function auditLotteryList(ctx) {
  const list = await auditLotteries();
  auditRender(ctx, t("audit.lotteries.title"),
    note(t("audit.lotteries.intro")),
    list.length === 0 ? h("p", {}, t("common.noLotteries")) : table([
      [t("common.id"), (l) => h("a", { href: `/audit/lotteries/${encodeURIComponent(l.lotteryId)}`, class: "mono", id: `audit-lottery-${l.lotteryId}` }, l.lotteryId)],
      [t("common.stayMonth"), (l) => fmtMonth(l.stayMonth)],
      [t("common.applicationPeriod"), (l) => t("common.range", { from: fmtInstant(l.opensAt), to: fmtInstant(l.closesAt) })],
      [t("lottery.rule"), ruleLabel],
      [t("lottery.auditorCommitment"), (l) => hashCell(l.auditorSeedHash)],
      [t("audit.lotteries.step"), (l) => h("span", { "data-step": l.lotteryId }, auditorStep(l))],
      [t("common.status"), (l) => h("span", { class: `badge ${l.status}`, "data-status": l.status }, lotteryStatus(l.status))],
    ], list, { id: "audit-lotteries" }));
}

// The commitment: a hex secret typed in or generated here; its SHA-256 is
// shown as it changes and is all that is sent.
function commitForm(l) {
  const secret = h("input", { name: "secret", id: "commit-secret", class: "mono", autocomplete: "off", spellcheck: "false" });
  const hash = h("input", { readonly: true, class: "mono", id: "commit-hash", name: "seedHash" });
  const kept = h("input", { type: "checkbox", id: "commit-kept" });
  const rehash = async () => {
    const bytes = fromHex(secret.value.replace(/\s+/g, ""));
    hash.value = bytes ? await sha256Hex(bytes) : "";
  };
  secret.addEventListener("input", rehash);
  const form = h("form", { novalidate: true, id: "commit-form" },
    h("p", {}, t("audit.commit.hint")),
    button(t("lottery.secret.generate"), async () => {
      secret.value = toHex(randomSecret());
      await rehash();
    }, { id: "commit-generate" }),
    field(t("lottery.secret.shown"), secret, { required: true, wide: true }),
    field(t("lottery.secret.hash"), hash, { wide: true }),
    h("span", { class: "choice" }, kept, h("label", { for: "commit-kept" }, t("lottery.secret.kept"))),
    alertSlot(),
    actions(button(t("audit.commit.submit"), null, { type: "submit", kind: "primary", id: "commit" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      await rehash();
      if (!hash.value) throw Object.assign(new Error(t("common.invalidInput")), { errors: [{ field: "secret", message: t("lottery.secret.hexRequired") }] });
      if (!kept.checked) throw Object.assign(new Error(t("common.invalidInput")), { errors: [{ field: "secret", message: t("lottery.secret.keptRequired") }] });
      if (!ask(t("audit.commit.confirm", { id: l.lotteryId }))) return;
      await commitAuditorSeed(l.lotteryId, hash.value);
      replace(form, alertBox(t("audit.commit.done"), "success"),
        actions(button(t("common.refresh"), () => reload(), { id: "commit-reload" })));
    }, form.querySelector("#commit"));
  });
  return form;
}

function revealForm(l) {
  const secret = h("input", { name: "secret", id: "reveal-secret", class: "mono", autocomplete: "off", spellcheck: "false" });
  const form = h("form", { novalidate: true, id: "reveal-form" },
    h("p", {}, t("audit.reveal.hint")),
    field(t("lottery.secret.hex"), secret, { required: true, wide: true }),
    alertSlot(),
    actions(button(t("audit.reveal.submit"), null, { type: "submit", kind: "primary", id: "reveal" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const hex = secret.value.replace(/\s+/g, "");
      if (!fromHex(hex)) throw Object.assign(new Error(t("common.invalidInput")), { errors: [{ field: "secret", message: t("lottery.secret.hexRequired") }] });
      if (!ask(t("audit.reveal.confirm", { id: l.lotteryId }))) return;
      await revealAuditorSecret(l.lotteryId, hex);
      replace(form, alertBox(t("audit.reveal.done"), "success"),
        actions(button(t("common.refresh"), () => reload(), { id: "reveal-reload" })));
    }, form.querySelector("#reveal"));
  });
  return form;
}

export async function auditLotteryDetail(ctx) {
  const id = ctx.params.lotteryId;
  const l = (await auditLotteries()).find((x) => x.lotteryId === id);
  if (!l) throw Object.assign(new Error(t("error.noLottery")), { status: 404 });
  const closed = ["closed", "drawn", "published"].includes(l.status);
  let step = null;
  if (l.drawRule !== 2) {
    step = note(t("audit.lotteries.oneParty"));
  } else if (!l.auditorSeedHash) {
    step = closed ? alertBox(t("audit.lotteries.tooLate"), "warn")
      : [h("h2", {}, t("audit.commit.title")), commitForm(l)];
  } else if (!l.auditorRevealed) {
    step = [h("h2", {}, t("audit.reveal.title")), closed ? null : note(t("audit.reveal.afterClose")), revealForm(l)];
  } else {
    step = alertBox(t("audit.reveal.already"), "success");
  }
  auditRender(ctx, t("audit.lotteries.detailTitle", { id }),
    summary([
      [t("common.stayMonth"), fmtMonth(l.stayMonth)],
      [t("common.applicationPeriod"), t("common.range", { from: fmtInstant(l.opensAt), to: fmtInstant(l.closesAt) })],
      [t("lottery.rule"), ruleLabel(l)],
      [t("lottery.operatorCommitment"), h("span", { class: "mono wrap" }, l.seedHash)],
      [t("lottery.auditorCommitment"), h("span", { class: "mono wrap", id: "auditor-seed-hash" }, l.auditorSeedHash || t("lottery.noHash"))],
      [t("lottery.auditorReveal"), h("span", { id: "auditor-revealed", "data-revealed": String(l.auditorRevealed) }, l.auditorRevealed ? t("lottery.revealed") : t("lottery.notRevealed"))],
      [t("common.status"), h("span", { class: `badge ${l.status}`, id: "audit-lottery-status", "data-status": l.status }, lotteryStatus(l.status))],
    ], { id: "audit-lottery" }),
    step,
    actions(h("a", { class: "btn", href: "/audit/lotteries", id: "audit-lotteries-back" }, t("common.back"))));
}
