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
import { t } from "../../i18n.js";
import { auditRender } from "../operator/shell.js";

const RULE = { 1: "運用担当者のみ（旧方式）", 2: "運用担当者と監査担当者（二者方式）" };
const ruleLabel = (l) => t(RULE[l.drawRule] || String(l.drawRule));

// What the auditor has to do for a period, as a short label.
function auditorStep(l) {
  if (l.drawRule !== 2) return t("なし（旧方式）");
  if (!l.auditorSeedHash) return ["closed", "drawn", "published"].includes(l.status) ? t("未コミット（受付終了）") : t("コミットが必要です");
  if (!l.auditorRevealed) return ["closed"].includes(l.status) ? t("公開が必要です") : t("コミット済み（受付終了後に公開）");
  return t("公開済み");
}

const hashCell = (hex) => (hex ? h("span", { class: "mono hash", title: hex }, `${hex.slice(0, 16)}…`) : t("未登録"));

export async function auditLotteryList(ctx) {
  const list = await auditLotteries();
  auditRender(ctx, t("抽選の秘密の値"),
    note(t("二者方式の抽選では、申込受付の前に監査担当者が秘密の値のハッシュをコミットし、受付終了後にその秘密の値を公開します。公開されるまで抽選は実行できません。")),
    list.length === 0 ? h("p", {}, t("抽選はありません。")) : table([
      ["ID", (l) => h("a", { href: `/audit/lotteries/${encodeURIComponent(l.lotteryId)}`, class: "mono", id: `audit-lottery-${l.lotteryId}` }, l.lotteryId)],
      [t("対象月"), (l) => fmtMonth(l.stayMonth)],
      [t("申込期間"), (l) => `${fmtInstant(l.opensAt)} ～ ${fmtInstant(l.closesAt)}`],
      [t("方式"), ruleLabel],
      [t("監査担当者のコミットメント"), (l) => hashCell(l.auditorSeedHash)],
      [t("監査担当者の作業"), (l) => h("span", { "data-step": l.lotteryId }, auditorStep(l))],
      [t("状態"), (l) => h("span", { class: `badge ${l.status}`, "data-status": l.status }, lotteryStatus(l.status))],
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
    h("p", {}, t("秘密の値（16進数）を入力するか、「秘密の値を生成」で32バイトの乱数を作ってください。サーバーにはそのハッシュ（SHA-256）だけを送ります。秘密の値は受付終了後の公開に必要です。必ず控えて安全に保管してください（再表示できません）。")),
    button(t("秘密の値を生成"), async () => {
      secret.value = toHex(randomSecret());
      await rehash();
    }, { id: "commit-generate" }),
    field(t("秘密の値（16進数・控えてください）"), secret, { required: true, wide: true }),
    field(t("ハッシュ（SHA-256）"), hash, { wide: true }),
    h("span", { class: "choice" }, kept, h("label", { for: "commit-kept" }, t("秘密の値を控えました"))),
    alertSlot(),
    actions(button(t("コミットする"), null, { type: "submit", kind: "primary", id: "commit" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      await rehash();
      if (!hash.value) throw Object.assign(new Error(t("入力内容に誤りがあります")), { errors: [{ field: "secret", message: t("16進数で入力してください") }] });
      if (!kept.checked) throw Object.assign(new Error(t("入力内容に誤りがあります")), { errors: [{ field: "secret", message: t("秘密の値を控えたら「秘密の値を控えました」に☑を入れてください") }] });
      if (!ask(t("抽選 {id} に秘密の値のハッシュをコミットします。よろしいですか？", { id: l.lotteryId }))) return;
      await commitAuditorSeed(l.lotteryId, hash.value);
      replace(form, alertBox(t("コミットしました。受付終了後に同じ秘密の値を公開してください。"), "success"),
        actions(button(t("画面を更新"), () => reload(), { id: "commit-reload" })));
    }, form.querySelector("#commit"));
  });
  return form;
}

function revealForm(l) {
  const secret = h("input", { name: "secret", id: "reveal-secret", class: "mono", autocomplete: "off", spellcheck: "false" });
  const form = h("form", { novalidate: true, id: "reveal-form" },
    h("p", {}, t("コミットした秘密の値（16進数）を入力して公開します。申込期間の終了後に公開できます。公開すると運用担当者が抽選を実行できるようになります。")),
    field(t("秘密の値（16進数）"), secret, { required: true, wide: true }),
    alertSlot(),
    actions(button(t("公開する"), null, { type: "submit", kind: "primary", id: "reveal" })));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const hex = secret.value.replace(/\s+/g, "");
      if (!fromHex(hex)) throw Object.assign(new Error(t("入力内容に誤りがあります")), { errors: [{ field: "secret", message: t("16進数で入力してください") }] });
      if (!ask(t("抽選 {id} の秘密の値を公開します。よろしいですか？", { id: l.lotteryId }))) return;
      await revealAuditorSecret(l.lotteryId, hex);
      replace(form, alertBox(t("秘密の値を公開しました。運用担当者が抽選を実行できます。"), "success"),
        actions(button(t("画面を更新"), () => reload(), { id: "reveal-reload" })));
    }, form.querySelector("#reveal"));
  });
  return form;
}

export async function auditLotteryDetail(ctx) {
  const id = ctx.params.lotteryId;
  const l = (await auditLotteries()).find((x) => x.lotteryId === id);
  if (!l) throw Object.assign(new Error(t("抽選が見つかりません")), { status: 404 });
  const closed = ["closed", "drawn", "published"].includes(l.status);
  let step = null;
  if (l.drawRule !== 2) {
    step = note(t("この抽選は旧方式（運用担当者の秘密の値とログのハッシュだけでシードを作る方式）で開設されたため、監査担当者の秘密の値は使いません。"));
  } else if (!l.auditorSeedHash) {
    step = closed ? alertBox(t("申込期間が終わったため、コミットできません。この抽選は実行できません。"), "warn")
      : [h("h2", {}, t("秘密の値のコミット")), commitForm(l)];
  } else if (!l.auditorRevealed) {
    step = [h("h2", {}, t("秘密の値の公開")), closed ? null : note(t("申込期間の終了後に公開できます。")), revealForm(l)];
  } else {
    step = alertBox(t("秘密の値は公開済みです。"), "success");
  }
  auditRender(ctx, t("抽選 {id} の秘密の値", { id }),
    summary([
      [t("対象月"), fmtMonth(l.stayMonth)],
      [t("申込期間"), `${fmtInstant(l.opensAt)} ～ ${fmtInstant(l.closesAt)}`],
      [t("方式"), ruleLabel(l)],
      [t("運用担当者のコミットメント"), h("span", { class: "mono wrap" }, l.seedHash)],
      [t("監査担当者のコミットメント"), h("span", { class: "mono wrap", id: "auditor-seed-hash" }, l.auditorSeedHash || t("未登録"))],
      [t("監査担当者の公開"), h("span", { id: "auditor-revealed", "data-revealed": String(l.auditorRevealed) }, l.auditorRevealed ? t("公開済み") : t("未公開"))],
      [t("状態"), h("span", { class: `badge ${l.status}`, id: "audit-lottery-status", "data-status": l.status }, lotteryStatus(l.status))],
    ], { id: "audit-lottery" }),
    step,
    actions(h("a", { class: "btn", href: "/audit/lotteries", id: "audit-lotteries-back" }, t("もどる"))));
}
