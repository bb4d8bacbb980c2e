// M9 新規利用者登録: the form → 確認 → the confirmation screen (workers attach
// the proof of employment with 参照: jpg, jpeg or png, at most 10 MB) →
// ☑ 上記に同意して利用者登録する。 → 申込み → confirm → done screen with the
// first-password notice (and the user number when approved at once). The
// first password is a mailed activation code by default; the manual's
// birth-date wording shows only when the server runs that legacy rule.
import { h, field, choices, radioValue, actions, button, alertSlot, note, summary, showError, uid } from "../dom.js";
import { render, act, ask } from "../layout.js";
import { api, ApiError } from "../api.js";
import { CATEGORY } from "../format.js";
import { t } from "../i18n.js";
import { usesActivationCodes } from "../settings.js";

const MAX_PROOF = 10 * 1024 * 1024;
const FORM_FIELDS = ["nameKanji", "nameKana", "birthDate", "postalCode", "address", "phone", "email", "category", "workplaceName", "workplaceAddress"];

const TERMS = [
  "港区区民保養施設は、港区内に在住または在勤の方とその同行者が利用できます。",
  "登録した内容に変更があった場合は、速やかに届け出てください。",
  "在勤の方は、在勤を証明する書類（社員証・在勤証明書等）の画像を添付してください。確認のうえ登録を承認します。",
  "登録いただいた個人情報は、保養施設の予約・利用に関する業務にのみ使用します。",
  "不正な申込み、虚偽の登録が判明した場合は、登録を取り消すことがあります。",
];

function toHalfWidth(s) {
  return s.replace(/[０-９－]/g, (c) => (c === "－" ? "-" : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

export async function registerScreen(ctx) {
  const codes = await usesActivationCodes();
  const values = {};
  let proof = null;
  showForm();

  function showForm(serverError) {
    const input = (name, attrs = {}) => h("input", { name, id: `reg-${name}`, value: values[name] || "", ...attrs });
    const workplace = h("div", { class: "workplace", id: "workplace" },
      field(t("勤務先名"), input("workplaceName", { autocomplete: "organization" }), { required: true }),
      field(t("勤務先住所"), input("workplaceAddress"), { required: true, wide: true }));
    const category = choices(t("在住・在勤区分"), "category", [["resident", t(CATEGORY.resident)], ["worker", t(CATEGORY.worker)]],
      { value: values.category || "", required: true, onChange: () => { workplace.hidden = radioValue(form, "category") !== "worker"; } });
    const form = h("form", { novalidate: true, id: "register-form" },
      h("p", {}, t("各項目を入力し、確認を選択してください。")),
      field(t("氏名（漢字）"), input("nameKanji", { autocomplete: "name" }), { required: true, hint: t("例：港 花子") }),
      field(t("氏名（フリガナ）"), input("nameKana"), { required: true, hint: t("全角カタカナで入力してください。例：ミナト　ハナコ") }),
      field(t("生年月日"), input("birthDate", { type: "date", autocomplete: "bday", max: new Date().toISOString().slice(0, 10) }), { required: true, hint: codes ? null : t("初期パスワードは生年月日８桁（YYYYMMDD）になります。") }),
      field(t("郵便番号"), input("postalCode", { autocomplete: "postal-code", inputmode: "numeric", placeholder: "105-0011" }), { required: true, hint: t("「123-4567」の形で入力してください。") }),
      field(t("住所"), input("address", { autocomplete: "street-address" }), { required: true, wide: true }),
      field(t("電話番号"), input("phone", { type: "tel", autocomplete: "tel", placeholder: "03-3578-2111" }), { required: true, hint: t("半角数字（ハイフン可）で入力してください。") }),
      field(t("メールアドレス"), input("email", { type: "email", autocomplete: "email" }), { required: true, hint: t("パスワードの再設定などのお知らせを送ります。") }),
      category, workplace,
      alertSlot(),
      actions(button(t("確認"), null, { type: "submit", kind: "primary", id: "confirm" }),
        h("a", { class: "btn", href: "/" }, t("もどる"))));
    workplace.hidden = (values.category || "") !== "worker";
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      act(form, async () => {
        for (const name of FORM_FIELDS) {
          if (name === "category") values.category = radioValue(form, "category");
          else values[name] = form.querySelector(`[name=${name}]`).value.trim();
        }
        values.postalCode = toHalfWidth(values.postalCode);
        values.phone = toHalfWidth(values.phone);
        const errors = validate(values);
        if (errors.length) throw Object.assign(new Error(t("入力内容に誤りがあります")), { errors });
        showConfirm();
      }, form.querySelector("#confirm"));
    });
    render(ctx, t("新規利用者登録"), form);
    if (serverError) showError(form, serverError);
  }

  function showConfirm() {
    const worker = values.category === "worker";
    const fileInput = h("input", { type: "file", name: "proof", id: "proof", accept: ".jpg,.jpeg,.png", class: "visually-hidden" });
    const fileName = h("span", { class: "file-name", id: "proof-name" }, proof ? proof.name : t("ファイルが選択されていません"));
    fileInput.addEventListener("change", () => {
      const file = fileInput.files[0] || null;
      proof = file;
      fileName.textContent = file ? `${file.name}（${Math.ceil(file.size / 1024)} KB）` : t("ファイルが選択されていません");
    });
    const consentId = uid("consent");
    const box = h("form", { novalidate: true, id: "register-confirm" },
      h("p", {}, t("登録内容を確認してください。")),
      summary([
        [t("氏名（漢字）"), values.nameKanji], [t("氏名（フリガナ）"), values.nameKana], [t("生年月日"), values.birthDate],
        [t("郵便番号"), values.postalCode], [t("住所"), values.address], [t("電話番号"), values.phone], [t("メールアドレス"), values.email],
        [t("在住・在勤区分"), t(CATEGORY[values.category])],
        worker ? [t("勤務先名"), values.workplaceName] : null, worker ? [t("勤務先住所"), values.workplaceAddress] : null,
      ], { id: "register-summary" }),
      worker ? h("fieldset", { class: "proof", "data-field": "proof" },
        h("legend", {}, t("在勤を証明する書類"), h("span", { class: "req" }, t("必須"))),
        h("p", {}, t("港区内在勤の方は、在勤を証明する書類の添付が必要です。参照を選択してファイルを選んでください。")),
        h("div", { class: "file-row" }, fileInput, h("label", { for: "proof", class: "btn", id: "proof-button" }, t("参照")), fileName),
        note(t("添付できるファイルは jpg、jpeg、png で、最大サイズは 10MB です。")),
        h("p", { class: "field-error", hidden: true })) : null,
      // Scrollable: focusable, so that the keyboard can scroll it too.
      h("section", { class: "terms", "aria-labelledby": "terms-title", tabindex: "0" },
        h("h2", { id: "terms-title" }, t("利用規約")),
        h("ol", {}, TERMS.map((x) => h("li", {}, t(x))))),
      h("div", { class: "consent", "data-field": "consent" },
        h("input", { type: "checkbox", id: consentId, name: "consent", value: "true" }),
        h("label", { for: consentId }, t("上記に同意して利用者登録する。")),
        h("p", { class: "field-error", hidden: true })),
      alertSlot(),
      actions(button(t("申込み"), null, { type: "submit", kind: "primary", id: "submit" }),
        button(t("もどる"), () => showForm(), { id: "back" })));
    box.addEventListener("submit", (ev) => {
      ev.preventDefault();
      act(box, async () => {
        const errors = [];
        if (worker) {
          if (!proof) errors.push({ field: "proof", message: t("在勤を証明する書類を添付してください") });
          else if (!/\.(jpe?g|png)$/i.test(proof.name)) errors.push({ field: "proof", message: t("添付できるファイルは jpg、jpeg、png です") });
          else if (proof.size > MAX_PROOF) errors.push({ field: "proof", message: t("ファイルは10MBまでです") });
        }
        if (!box.querySelector(`#${consentId}`).checked) errors.push({ field: "consent", message: t("「上記に同意して利用者登録する。」を選んでください") });
        if (errors.length) throw Object.assign(new Error(t("入力内容に誤りがあります")), { errors });
        if (!ask(t("この内容で利用者登録を申込みます。よろしいですか？"))) return;
        const fd = new FormData();
        for (const name of FORM_FIELDS) {
          if (!worker && (name === "workplaceName" || name === "workplaceAddress")) continue;
          fd.append(name, values[name] || "");
        }
        fd.append("consent", "true");
        if (worker && proof) fd.append("proof", proof, proof.name);
        let r;
        try {
          r = await api("POST", "/api/registrations", { form: fd });
        } catch (e) {
          // Errors about the first screen's fields are shown there.
          if (e instanceof ApiError && e.errors.some((x) => FORM_FIELDS.includes(x.field))) { showForm(e); return; }
          throw e;
        }
        done(r);
      }, box.querySelector("#submit"));
    });
    render(ctx, t("登録内容の確認"), box);
  }

  function done(r) {
    const approved = r.status === "approved";
    render(ctx, t("利用者登録申請の完了"),
      h("p", { class: "done-message", id: "register-done" }, approved
        ? t("利用者登録が完了しました。") : t("利用者登録の申請を受け付けました。")),
      approved ? summary([[t("利用者番号"), h("strong", { class: "mono big", id: "new-user-number" }, r.userNumber)]]) : null,
      approved ? h("p", {}, t("利用者番号は登録したメールアドレスにもお知らせしています。")) :
        h("p", { id: "pending-note" }, t("在勤を証明する書類を確認のうえ登録を承認し、利用者番号をメールでお知らせします。承認まで数日かかる場合があります。")),
      h("section", { class: "notice", "aria-labelledby": "notice-title" },
        h("h2", { id: "notice-title" }, t("注意事項")),
        codes
          ? h("p", { id: "initial-password-note" }, approved
            ? t("初回ログイン用のアクティベーションコードを、登録したメールアドレスにお送りしました。利用者番号とアクティベーションコードでログインし、新しいパスワードを設定してください。アクティベーションコードの有効期限は14日間です。")
            : t("登録が承認されると、利用者番号と初回ログイン用のアクティベーションコードをメールでお知らせします。"))
          : h("p", { id: "initial-password-note" }, t("初期パスワードは生年月日８桁（例：1980年4月1日生まれの方は 19800401）です。初回ログイン時にパスワードを変更されることを強く推奨します。")),
        h("p", {}, t("利用者番号とパスワードは、他人に知られないよう大切に保管してください。"))),
      h("p", {}, t("以上で、利用者登録申請は完了となります。")),
      actions(h("a", { class: "btn primary", href: "/login", id: "to-login" }, t("ログイン画面へ"))));
  }
}

function validate(v) {
  const errors = [];
  const req = (name, label) => { if (!v[name]) errors.push({ field: name, message: t("{what}を入力してください", { what: t(label) }) }); };
  req("nameKanji", "氏名");
  req("nameKana", "フリガナ");
  if (v.nameKana && !/^[\u30a1-\u30fa\u30fc\u30fb\u3000 ]+$/.test(v.nameKana)) errors.push({ field: "nameKana", message: t("フリガナは全角カタカナで入力してください") });
  req("birthDate", "生年月日");
  if (v.postalCode && !/^\d{3}-\d{4}$/.test(v.postalCode)) errors.push({ field: "postalCode", message: t("郵便番号は「123-4567」の形で入力してください") });
  req("postalCode", "郵便番号");
  req("address", "住所");
  req("phone", "電話番号");
  req("email", "メールアドレス");
  if (v.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.email)) errors.push({ field: "email", message: t("メールアドレスの形式が正しくありません") });
  if (!v.category) errors.push({ field: "category", message: t("区分（港区内在住／港区内在勤）を選んでください") });
  if (v.category === "worker") { req("workplaceName", "勤務先名"); req("workplaceAddress", "勤務先住所"); }
  return errors;
}

