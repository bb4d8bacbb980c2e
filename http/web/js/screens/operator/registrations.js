// O1: registrations waiting (pending), approved and rejected; each with the
// applicant's data and the uploaded proof image; approve, reject with a
// reason, erase the personal data (crypto-shredding) with a reason.
import { h, summary, actions, button, alertSlot, field, alertBox, note, append, replace } from "../../dom.js";
import { act, ask } from "../../layout.js";
import { api } from "../../api.js";
import { reload } from "../../router.js";
import { fmtInstant, categoryLabel } from "../../format.js";
import { opRender } from "./shell.js";
import { noticeLetter } from "./notice-letter.js";

const TABS = [["pending", "審査待ち"], ["approved", "承認済み"], ["rejected", "却下"]];

export async function registrations(ctx) {
  const status = TABS.some(([s]) => s === ctx.query.get("status")) ? ctx.query.get("status") : "pending";
  const list = await api("GET", `/api/operator/registrations?status=${status}`);
  list.sort((a, b) => (a.submittedAt < b.submittedAt ? 1 : -1));
  opRender(ctx, "利用者登録の審査",
    h("nav", { class: "tabs", "aria-label": "状態" }, TABS.map(([s, label]) =>
      h("a", { href: `/operator/registrations?status=${s}`, "aria-current": s === status ? "page" : false, id: `tab-${s}` }, label))),
    list.length === 0 ? h("p", { id: "no-registrations" }, "該当する登録申請はありません。") :
      h("div", { class: "cards", id: "registrations" }, list.map((r) => card(r))));
}

function card(r) {
  const box = h("article", { class: ["card", "registration", r.status], "data-registration": r.registrationId, "data-name": r.name || "" });
  const erased = r.erased;
  append(box, 
    h("h2", {}, erased ? "（個人情報消去済み）" : `${r.name}（${r.nameKana || ""}）`,
      " ", h("span", { class: `badge ${r.status}` }, TABS.find(([s]) => s === r.status)?.[1] || r.status)),
    r.duplicates?.length ? alertBox(`同じ氏名・生年月日の登録があります: ${r.duplicates.join(", ")}`, "warn") : null,
    summary([
      ["申請番号", h("span", { class: "mono" }, r.registrationId)],
      r.userNumber ? ["利用者番号", h("strong", { class: "mono user-number" }, r.userNumber)] : null,
      ["受付日時", fmtInstant(r.submittedAt)],
      ["申込み方法", r.channel === "postcard" ? "はがき" : "インターネット"],
      ["区分", categoryLabel(r.category)],
      erased ? null : ["生年月日", r.birthDate],
      erased ? null : ["住所", `〒${r.postalCode} ${r.address}`],
      erased ? null : ["電話番号", r.phone],
      erased ? null : ["メールアドレス", r.email || "（なし）"],
      !erased && r.category === "worker" ? ["勤務先", `${r.workplaceName}（${r.workplaceAddress}）`] : null,
      r.approvedAt ? ["承認日時", `${fmtInstant(r.approvedAt)}${r.automatic ? "（自動承認）" : ""}`] : null,
      r.rejectReason ? ["却下理由", r.rejectReason] : null,
    ]));
  if (r.hasProof && !erased) {
    const src = `/api/operator/registrations/${encodeURIComponent(r.registrationId)}/proof`;
    append(box, h("figure", { class: "proof" },
      h("a", { href: src, target: "_blank", rel: "noopener" }, h("img", { src, alt: `${r.name} さんの在勤を証明する書類`, class: "proof-image", loading: "lazy" })),
      h("figcaption", {}, "在勤を証明する書類（クリックで拡大）")));
  } else if (r.category === "worker" && !erased) {
    append(box, note("在勤を証明する書類は添付されていません。"));
  }
  const reason = h("textarea", { name: "reason", rows: "2", maxlength: "1000" });
  const slot = alertSlot();
  const buttons = [];
  if (r.status === "pending") {
    buttons.push(button("承認", (ev) => act(box, async () => {
      if (!ask(`${r.name} さんの登録を承認します。よろしいですか？`)) return;
      const res = await api("POST", `/api/operator/registrations/${r.registrationId}/approval`);
      if (res.activationCode) {
        // A postcard applicant: the code is shown this once, for the letter.
        replace(slot, alertBox(`承認しました。利用者番号 ${res.userNumber}`, "success"),
          noticeLetter({ name: r.name, userNumber: res.userNumber, activationCode: res.activationCode }));
      } else {
        replace(slot, alertBox(`承認しました。利用者番号 ${res.userNumber}`, "success"));
        setTimeout(reload, 1200);
      }
    }, ev.currentTarget), { kind: "primary", id: `approve-${r.registrationId}` }));
    buttons.push(button("却下", (ev) => act(box, async () => {
      if (!reason.value.trim()) throw Object.assign(new Error("入力内容に誤りがあります"), { errors: [{ field: "reason", message: "却下の理由を入力してください" }] });
      if (!ask(`${r.name} さんの登録を却下します。よろしいですか？`)) return;
      await api("POST", `/api/operator/registrations/${r.registrationId}/rejection`, { body: { reason: reason.value.trim() } });
      reload();
    }, ev.currentTarget), { kind: "danger", id: `reject-${r.registrationId}` }));
  }
  if (!erased) {
    buttons.push(button("個人情報の消去", (ev) => act(box, async () => {
      if (!reason.value.trim()) throw Object.assign(new Error("入力内容に誤りがあります"), { errors: [{ field: "reason", message: "消去の理由を入力してください" }] });
      if (!ask("この申請者の個人情報を消去します（元に戻せません）。よろしいですか？")) return;
      if (r.userNumber) await api("POST", `/api/operator/users/${r.userNumber}/erasure`, { body: { reason: reason.value.trim() } });
      else await api("POST", `/api/operator/registrations/${r.registrationId}/erasure`, { body: { reason: reason.value.trim() } });
      reload();
    }, ev.currentTarget), { kind: "ghost", id: `erase-${r.registrationId}` }));
  }
  if (buttons.length && r.status === "pending") {
    append(box, field("理由（却下・消去の場合）", reason, { wide: true }), slot, actions(...buttons));
  } else if (buttons.length) {
    append(box, h("details", { class: "erase" }, h("summary", {}, "個人情報の消去"),
      field("消去の理由", reason, { wide: true }), slot, actions(...buttons)));
  }
  return box;
}
