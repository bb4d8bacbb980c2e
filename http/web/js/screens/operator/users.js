// O4: register a postcard applicant (email optional; the user number may be
// given, e.g. the one printed on the postcard) and erase a user's data.
import { h, field, choices, radioValue, actions, button, alertSlot, summary, alertBox, note, replace } from "../../dom.js";
import { act, ask } from "../../layout.js";
import { api } from "../../api.js";
import { opRender } from "./shell.js";
import { noticeLetter } from "./notice-letter.js";

const FIELDS = [
  ["nameKanji", "氏名（漢字）", true], ["nameKana", "氏名（フリガナ・全角カタカナ）", true], ["birthDate", "生年月日", true, "date"],
  ["postalCode", "郵便番号（123-4567）", true], ["address", "住所", true], ["phone", "電話番号", true, "tel"],
  ["email", "メールアドレス（任意）", false, "email"], ["userNumber", "利用者番号（任意・指定する場合）", false],
];

export function postcardUser(ctx) {
  const workplace = h("div", { class: "workplace" },
    field("勤務先名", h("input", { name: "workplaceName" })), field("勤務先住所", h("input", { name: "workplaceAddress" }), { wide: true }));
  const form = h("form", { novalidate: true, id: "postcard-form" },
    note("専用はがき等で申込みのあった方を登録します。登録するとすぐに利用者番号とアクティベーションコードが発行されます。コードはこの画面で一度だけ表示されるので、お知らせを印刷して郵送してください（旧方式の設定では初期パスワードは生年月日８桁）。"),
    FIELDS.map(([name, label, required, type]) => field(label, h("input", { name, type: type || "text" }), { required })),
    choices("在住・在勤区分", "category", [["resident", "港区内在住"], ["worker", "港区内在勤"]], { value: "resident", required: true,
      onChange: () => { workplace.hidden = radioValue(form, "category") !== "worker"; } }),
    workplace, alertSlot(),
    actions(button("登録", null, { type: "submit", kind: "primary", id: "postcard-submit" })));
  workplace.hidden = true;
  const out = h("div", { id: "postcard-result" });
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(form, async () => {
      const body = { category: radioValue(form, "category") };
      for (const i of form.querySelectorAll("input[name]:not([type=radio])")) if (i.value.trim()) body[i.name] = i.value.trim();
      if (!ask("この内容で利用者を登録します。よろしいですか？")) return;
      const r = await api("POST", "/api/operator/users", { body });
      const name = body.nameKanji;
      if (!r.userNumber) {
        replace(out, alertBox(`同じ氏名・生年月日の登録があるため、承認待ちとして受け付けました（${r.duplicates.join(", ")}）。利用登録申請の画面で確認してください。`, "warn"),
          summary([["申請番号", h("strong", { class: "mono", id: "postcard-registration-id" }, r.registrationId)]]));
      } else {
        replace(out, alertBox("登録しました。", "success"),
          summary([["利用者番号", h("strong", { class: "mono big", id: "postcard-user-number" }, r.userNumber)], ["申請番号", r.registrationId]]),
          r.activationCode ? noticeLetter({ name, userNumber: r.userNumber, activationCode: r.activationCode }) : null);
      }
      form.reset();
      workplace.hidden = true;
    }, form.querySelector("#postcard-submit"));
  });
  const number = h("input", { name: "userNumber", id: "erase-user", inputmode: "numeric" });
  const reason = h("input", { name: "reason", id: "erase-reason" });
  const erase = h("form", { novalidate: true, class: "inline-form" },
    field("利用者番号", number, { required: true }), field("理由", reason, { required: true, wide: true }), alertSlot(),
    actions(button("個人情報を消去", null, { type: "submit", kind: "danger" })));
  erase.addEventListener("submit", (ev) => {
    ev.preventDefault();
    act(erase, async () => {
      if (!ask(`利用者 ${number.value} の個人情報を消去します（元に戻せません）。よろしいですか？`)) return;
      await api("POST", `/api/operator/users/${encodeURIComponent(number.value.trim())}/erasure`, { body: { reason: reason.value.trim() } });
      replace(erase.querySelector(".alert-slot"), alertBox("消去しました。", "success"));
    });
  });
  opRender(ctx, "はがき申込者の登録", form, out,
    h("h2", {}, "利用者の個人情報の消去"), note("利用者の暗号鍵を破棄し、ログに残る個人情報を読めなくします。予約の記録は残ります。"), erase);
}
