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
import { opRender } from "./shell.js";

const ALGORITHM = { serial_dictatorship: "ランダム順の逐次選択", preference_rounds: "希望順ラウンド" };

export async function lotteryList(ctx) {
  const list = await api("GET", "/api/operator/lotteries");
  opRender(ctx, "抽選",
    list.length === 0 ? h("p", {}, "抽選はありません。") : table([
      ["ID", (l) => h("a", { href: `/operator/lotteries/${l.lotteryId}`, class: "mono", id: `lottery-${l.lotteryId}` }, l.lotteryId)],
      ["対象月", (l) => fmtMonth(l.stayMonth)],
      ["施設", (l) => l.facilityIds.join(", ")],
      ["申込期間", (l) => `${fmtInstant(l.opensAt)} ～ ${fmtInstant(l.closesAt)}`],
      ["抽選", (l) => fmtInstant(l.drawAt)],
      ["発表", (l) => fmtInstant(l.publishAt)],
      ["申込み", (l) => `${l.applications}件`],
      ["状態", (l) => h("span", { class: `badge ${l.status}`, "data-status": l.status }, lotteryStatus(l.status))],
    ], list, { id: "lotteries" }),
    actions(h("a", { class: "btn primary", href: "/operator/lotteries/new", id: "new-lottery" }, "抽選期間を開設")));
}

export async function lotteryDetail(ctx) {
  const id = ctx.params.lotteryId;
  const [list, apps] = await Promise.all([api("GET", "/api/operator/lotteries"), api("GET", `/api/operator/lotteries/${id}/applications`)]);
  const l = list.find((x) => x.lotteryId === id);
  if (!l) throw Object.assign(new Error("抽選が見つかりません"), { status: 404 });
  const secret = h("input", { name: "secret", id: "draw-secret", class: "mono", autocomplete: "off", spellcheck: "false" });
  const drawBox = h("form", { novalidate: true, id: "draw-form" },
    h("p", {}, "抽選期間の開設時に保管した秘密の値（16進数）を入力して、抽選を実行します。申込期間の終了後、監査担当者が秘密の値を公開してから実行できます。"),
    field("秘密の値（16進数）", secret, { required: true, wide: true }),
    alertSlot(),
    actions(button("抽選実行", null, { type: "submit", kind: "primary", id: "draw" })));
  drawBox.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(drawBox, async () => {
      const hex = secret.value.replace(/\s+/g, "");
      if (!fromHex(hex)) throw Object.assign(new Error("入力内容に誤りがあります"), { errors: [{ field: "secret", message: "16進数で入力してください" }] });
      if (!ask(`抽選 ${id} を実行します。よろしいですか？`)) return;
      const r = await api("POST", `/api/operator/lotteries/${id}/draw`, { body: { secret: hex } });
      replace(drawBox, alertBox(`抽選を実行しました。申込み ${r.applications} 件、当選 ${r.winners} 件。`, "success"),
        summary([["シード", h("span", { class: "mono wrap", id: "draw-seed" }, r.seed)], ["申込み", `${r.applications}件`], ["当選", h("span", { id: "draw-winners" }, `${r.winners}件`)]]),
        note("結果は「結果公開」を行うまで利用者には表示されません。"),
        actions(button("画面を更新", () => reload())));
    }, drawBox.querySelector("#draw"));
  });
  const publishBox = h("div", { id: "publish-box" }, alertSlot(),
    h("p", {}, "結果を公開すると、当選者の予約が確定して「予約の確認・変更」に表示され、当選しなかった部屋は先着順の予約に開放されます。"),
    actions(button("結果公開", (ev) => act(publishBox, async () => {
      if (!ask(`抽選 ${id} の結果を公開します。よろしいですか？`)) return;
      const r = await api("POST", `/api/operator/lotteries/${id}/publication`);
      replace(publishBox, alertBox(`結果を公開しました。確定した予約 ${r.reservations} 件。`, "success"), actions(button("画面を更新", () => reload())));
    }, ev.currentTarget), { kind: "primary", id: "publish" })));
  opRender(ctx, `抽選 ${id}`,
    summary([
      ["対象月", fmtMonth(l.stayMonth)], ["施設", l.facilityIds.join(", ")],
      ["申込期間", `${fmtInstant(l.opensAt)} ～ ${fmtInstant(l.closesAt)}`], ["抽選日時", fmtInstant(l.drawAt)], ["発表日時", fmtInstant(l.publishAt)],
      ["希望数", `${l.preferenceSlots}`], ["方式", ALGORITHM[l.algorithm] || l.algorithm],
      ["シードのハッシュ", h("span", { class: "mono wrap" }, l.seedHash)],
      l.drawRule === 2 ? ["監査担当者のコミットメント", h("span", { class: "mono wrap", id: "lottery-auditor-hash" }, l.auditorSeedHash || "未登録（申込受付は始まりません）")] : ["方式", "運用担当者のみ（旧方式）"],
      l.drawRule === 2 ? ["監査担当者の公開", h("span", { id: "lottery-auditor-revealed", "data-revealed": String(l.auditorRevealed) }, l.auditorRevealed ? "公開済み" : "未公開（公開されるまで抽選できません）")] : null,
      ["状態", h("span", { class: `badge ${l.status}`, id: "lottery-status", "data-status": l.status }, lotteryStatus(l.status))],
    ]),
    l.status === "closed" || l.status === "open" || l.status === "upcoming" ? [h("h2", {}, "抽選の実行"), drawBox] : null,
    l.status === "drawn" ? [h("h2", {}, "結果の公開"), publishBox] : null,
    h("h2", {}, "申込み一覧"),
    h("p", {}, h("a", { href: `/api/operator/lotteries/${id}/applications.csv`, download: `applications-${id}.csv`, class: "btn small", id: "applications-csv" }, "申込み一覧 CSV ダウンロード")),
    apps.length === 0 ? h("p", {}, "申込みはありません。") : table([
      ["申込番号", (a) => h("span", { class: "mono" }, a.applicationId)],
      ["利用者番号", (a) => h("span", { class: "mono" }, a.userNumber)],
      ["施設", (a) => a.facilityId], ["利用日", (a) => fmtDate(a.checkIn)], ["泊数", (a) => nightsLabel(a.nights)],
      ["人数", (a) => peopleLabel(a.people)], ["和洋室", (a) => styleLabel(a.roomStyle)], ["希望", (a) => `第${a.preference}希望`],
      ["状態", (a) => applicationStatus(a.status)], ["予約番号", (a) => a.reservationNumber || ""],
    ], apps, { id: "lottery-applications" }),
    actions(h("a", { class: "btn", href: "/operator/lotteries" }, "もどる")));
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
    field("対象月（利用月）", stayMonth, { required: true }),
    choices("対象施設", "facilityIds", facilities.map((f) => [f.id, f.name]), { type: "checkbox", value: facilities.map((f) => f.id) }),
    h("div", { class: "grid-fields" },
      field("申込受付開始（東京時間）", opensAt, { required: true }), field("申込受付終了", closesAt, { required: true }),
      field("抽選日時", drawAt, { required: true }), field("結果発表日時", publishAt, { required: true })),
    field("希望数（第何希望まで）", slots),
    choices("抽選方式", "algorithm", Object.entries(ALGORITHM), { value: "serial_dictatorship" }),
    h("fieldset", { class: "secret", "data-field": "seedHash" }, h("legend", {}, "抽選の秘密の値"),
      h("p", {}, "「秘密の値を生成」で32バイトの乱数を作ります。サーバーにはそのハッシュだけを送ります。秘密の値は抽選実行時に必要です。必ず控えて安全に保管してください（再表示できません）。"),
      button("秘密の値を生成", async () => {
        secretBytes = randomSecret();
        secretOut.value = toHex(secretBytes);
        hashOut.value = await sha256Hex(secretBytes);
      }, { id: "generate-secret" }),
      field("秘密の値（16進数・控えてください）", secretOut, { wide: true }),
      field("ハッシュ（SHA-256）", hashOut, { wide: true }),
      h("span", { class: "choice" }, kept, h("label", { for: "secret-kept" }, "秘密の値を控えました")),
      h("p", { class: "field-error", hidden: true })),
    alertSlot(),
    actions(button("抽選期間を開設", null, { type: "submit", kind: "primary", id: "open-lottery" }), h("a", { class: "btn", href: "/operator/lotteries" }, "もどる")));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      if (!secretBytes) throw Object.assign(new Error("入力内容に誤りがあります"), { errors: [{ field: "seedHash", message: "秘密の値を生成してください" }] });
      if (!kept.checked) throw Object.assign(new Error("入力内容に誤りがあります"), { errors: [{ field: "seedHash", message: "秘密の値を控えたら「秘密の値を控えました」に☑を入れてください" }] });
      const body = {
        stayMonth: stayMonth.value,
        facilityIds: [...form.querySelectorAll("input[name=facilityIds]:checked")].map((c) => c.value),
        opensAt: tokyo(opensAt.value), closesAt: tokyo(closesAt.value), drawAt: tokyo(drawAt.value), publishAt: tokyo(publishAt.value),
        preferenceSlots: Number(slots.value), algorithm: radioValue(form, "algorithm"), seedHash: hashOut.value,
      };
      if (!ask(`${body.stayMonth} の抽選期間を開設します。よろしいですか？`)) return;
      const r = await api("POST", "/api/operator/lotteries", { body });
      navigate(`/operator/lotteries/${r.lotteryId}`);
    }, form.querySelector("#open-lottery"));
  });
  opRender(ctx, "抽選期間の開設", form);
}
