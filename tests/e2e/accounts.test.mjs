// M9 registration (a resident approved at once; a worker with a PNG proof
// that an operator approves in the console, seeing the proof), the first
// login with the initial password forcing M10 password change, M10 for a
// demo user, and M11 password reset through the link in the .eml mail.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHoyod } from "./server.mjs";
import { launch } from "./browser.mjs";
import { HANAKO, TARO, OPERATOR, openPage, noProblems, login, staffLogin, mainText, makePng } from "./helpers.mjs";

let server, browser, base;

before(async () => {
  server = await startHoyod();
  base = server.url;
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function fillForm(page, v) {
  for (const [k, val] of Object.entries(v)) {
    if (k === "category") await page.check(`input[name=category][value=${val}]`);
    else await page.fill(`#reg-${k}`, val);
  }
}

test("M9: a resident registers from the top page and is approved at once; the first login forces a password change (M10)", async () => {
  const p = await openPage(browser);
  const { page } = p;
  await page.goto(base + "/");
  await page.click("#register");
  await page.waitForSelector("#register-form");
  // Nothing filled: each field says what is missing, next to it.
  await page.click("#confirm");
  await page.waitForSelector("[data-field=nameKanji] .field-error:not([hidden])");
  assert.match(await page.textContent("[data-field=nameKanji] .field-error"), /氏名を入力してください/);
  assert.match(await page.textContent("[data-field=category] .field-error"), /区分/);
  await fillForm(page, {
    nameKanji: "高輪 一郎", nameKana: "タカナワ　イチロウ", birthDate: "1990-05-15", postalCode: "108-0074",
    address: "東京都港区高輪1-1-1", phone: "03-12", email: "ichiro@example.jp", category: "resident",
  });
  assert.ok(await page.locator("#workplace").isHidden(), "no workplace for residents");
  await page.click("#confirm");
  await page.waitForSelector("#register-confirm");
  assert.match(await page.textContent("#register-summary"), /高輪 一郎.*タカナワ　イチロウ.*1990-05-15.*港区内在住/);
  assert.equal(await page.locator("#proof").count(), 0, "residents attach nothing");
  // The consent is required.
  await page.click("#submit");
  await page.waitForSelector("[data-field=consent] .field-error:not([hidden])");
  await page.check("text=上記に同意して利用者登録する。");
  await page.click("#submit");
  // The server refuses the phone number: back on the form, next to the field.
  await page.waitForSelector("[data-field=phone] .field-error:not([hidden])");
  assert.match(await page.textContent("[data-field=phone] .field-error"), /電話番号/);
  assert.equal(await page.inputValue("#reg-nameKanji"), "高輪 一郎", "what was typed is kept");
  await page.fill("#reg-phone", "03-3578-2111");
  await page.click("#confirm");
  await page.check("text=上記に同意して利用者登録する。");
  await page.click("#submit");
  await page.waitForSelector("#register-done");
  assert.match(p.dialogTexts.at(-1), /利用者登録を申込みます/);
  const number = (await page.textContent("#new-user-number")).trim();
  assert.match(number, /^\d+$/);
  const notice = await page.textContent("#initial-password-note");
  assert.match(notice, /アクティベーションコードを、登録したメールアドレスにお送りしました/);
  assert.doesNotMatch(await mainText(page), /生年月日８桁/, "the birth date is no password");

  // The approval mail carries the activation code on a line of its own.
  const mail = await server.waitForMail((m) => m.to.includes("ichiro@example.jp") && /アクティベーションコード: /.test(m.body));
  const code = mail.body.match(/^アクティベーションコード: ([A-Z2-7]{4}(?:-[A-Z2-7]{4}){3})$/m)[1];
  assert.match(mail.body, new RegExp(`利用者番号: ${number}`));

  // The birth date does not open the account.
  await page.click("#to-login");
  await page.fill("#userNumber", number);
  await page.fill("#password", "19900515");
  await page.click("#login");
  await page.waitForSelector(".alert.error");
  // First login with the code: only the password change is open.
  await page.fill("#password", code);
  await page.click("#login");
  await page.waitForSelector("h1:has-text('パスワード変更')");
  assert.match(await mainText(page), /アクティベーションコードでログインしました/);
  assert.equal(await page.textContent("#user-name"), "高輪 一郎 様");
  await page.goto(base + "/menu");
  await page.waitForSelector("h1:has-text('パスワード変更')");
  await page.fill("#currentPassword", code.toLowerCase().replace(/-/g, ""));
  await page.fill("#newPassword", "Takanawa-Ichiro-77");
  await page.fill("#newPasswordConfirm", "Takanawa-Ichiro-77");
  await page.click("#set");
  await page.waitForSelector("h1:has-text('ログイン')");
  assert.match(await mainText(page), /パスワードを変更しました/);
  await login(page, base, { number, password: "Takanawa-Ichiro-77" });
  assert.equal(await page.textContent("#user-name"), "高輪 一郎 様");
  noProblems(p);
  await p.close();
});

test("M9 + O1: a worker attaches a PNG proof; an operator sees it in the console and approves", async () => {
  const p = await openPage(browser);
  const { page } = p;
  await page.goto(base + "/register");
  await fillForm(page, {
    nameKanji: "新橋 花代", nameKana: "シンバシ　ハナヨ", birthDate: "1985-11-03", postalCode: "105-0004",
    address: "東京都品川区大崎1-2-3", phone: "090-1234-5678", email: "hanayo@example.jp", category: "worker",
  });
  await page.waitForSelector("#workplace:not([hidden])");
  await page.fill("#reg-workplaceName", "新橋商事株式会社");
  await page.fill("#reg-workplaceAddress", "東京都港区新橋2-2-2");
  await page.click("#confirm");
  await page.waitForSelector("#register-confirm");
  assert.equal(await page.textContent("#proof-button"), "参照");
  assert.equal(await page.getAttribute("#proof", "accept"), ".jpg,.jpeg,.png");
  await page.check("text=上記に同意して利用者登録する。");
  await page.click("#submit");
  await page.waitForSelector("[data-field=proof] .field-error:not([hidden])");
  assert.match(await page.textContent("[data-field=proof] .field-error"), /添付してください/);
  await page.setInputFiles("#proof", { name: "shainsho.png", mimeType: "image/png", buffer: makePng() });
  assert.match(await page.textContent("#proof-name"), /shainsho\.png/);
  await page.click("#submit");
  await page.waitForSelector("#register-done");
  assert.match(await page.textContent("#register-done"), /申請を受け付けました/);
  assert.equal(await page.locator("#new-user-number").count(), 0, "no user number before approval");
  assert.match(await page.textContent("#initial-password-note"), /承認されると、利用者番号と初回ログイン用のアクティベーションコードをメールでお知らせします/);
  noProblems(p);
  await p.close();

  const op = await openPage(browser);
  await staffLogin(op.page, base, OPERATOR);
  assert.equal(await op.page.textContent("#pending-count strong"), "1");
  await op.page.click(".console-nav a:text-is('利用者登録の審査')");
  const card = op.page.locator('article.registration[data-name="新橋 花代"]');
  await card.waitFor();
  assert.match((await card.textContent()).replace(/\s+/g, " "), /港区内在勤.*新橋商事株式会社/);
  const img = card.locator("img.proof-image");
  await img.waitFor();
  await op.page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
  assert.equal(await img.evaluate((el) => el.naturalWidth), 48, "the proof image is shown");
  await card.locator("button:text-is('承認')").click();
  await card.locator(".alert.success").waitFor();
  const approved = (await card.locator(".alert.success").textContent()).match(/\d+/)[0];
  await op.page.click("#tab-approved");
  await op.page.locator(`article.registration[data-name="新橋 花代"] .user-number:text-is("${approved}")`).waitFor();
  noProblems(op);
  await op.close();
  // The approval mail tells the number and links to /login.
  const mail = await server.waitForMail((m) => m.to.includes("hanayo@example.jp") && m.body.includes(approved));
  assert.equal(mail.subject, "港区区民保養施設予約システムからのお知らせ");
  assert.match(mail.body, new RegExp(`${base}/login`));
  assert.match(mail.body, /^アクティベーションコード: [A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/m);
});

test("M10: a user changes the password; the old one stops working, the new one works", async () => {
  const p = await openPage(browser);
  const { page } = p;
  await login(page, base, TARO);
  await page.click("#menu-password");
  await page.waitForSelector("h1:has-text('パスワード変更')");
  await page.fill("#currentPassword", "not-my-password");
  await page.fill("#newPassword", "Shiba-Taro-Renewed-1");
  await page.fill("#newPasswordConfirm", "Shiba-Taro-Renewed-1");
  await page.click("#set");
  await page.waitForSelector("[data-field=currentPassword] .field-error:not([hidden])");
  assert.match(await page.textContent("[data-field=currentPassword] .field-error"), /現在のパスワードが正しくありません/);
  await page.fill("#currentPassword", TARO.password);
  await page.click("#set");
  await page.waitForSelector("h1:has-text('ログイン')");
  assert.match(p.dialogTexts.at(-1), /パスワードを変更します/);
  assert.equal(await page.textContent("#who"), "", "logged out");
  await page.fill("#userNumber", TARO.number);
  await page.fill("#password", TARO.password);
  await page.click("#login");
  await page.waitForSelector(".alert.error");
  await login(page, base, { number: TARO.number, password: "Shiba-Taro-Renewed-1" });
  assert.equal(await page.textContent("#user-name"), "芝 太郎 様");
  noProblems(p);
  await p.close();
});

test("M11: a password reset through the mailed link", async () => {
  const p = await openPage(browser);
  const { page } = p;
  await page.goto(base + "/login");
  await page.click("#forgot");
  await page.waitForSelector("h1:has-text('パスワードの再設定')");
  assert.match(await page.textContent("#postcard-note"), /専用はがき等で利用者登録をした方.*予約センターまでお問合せください/);
  // A wrong pair gets the same answer, and no mail.
  const before = server.mails().length;
  await page.fill("#resetUserNumber", HANAKO.number);
  await page.fill("#resetEmail", "someone-else@example.jp");
  await page.click("#send");
  await page.waitForSelector("#reset-sent");
  await page.click("#finish");
  await page.waitForSelector("h1:has-text('ログイン')");
  await page.click("#forgot");
  await page.fill("#resetUserNumber", HANAKO.number);
  await page.fill("#resetEmail", "hanako@example.jp");
  await page.click("#send");
  await page.waitForSelector("#reset-sent");
  assert.match(await page.textContent("#reset-sent"), /パスワード再設定のメールを送信しました/);
  const mail = await server.waitForMail((m) => m.to.includes("hanako@example.jp") && /\/password-reset\//.test(m.body));
  assert.equal(server.mails().filter((m) => /\/password-reset\//.test(m.body)).length, 1, "one reset mail");
  assert.ok(server.mails().length > before);
  assert.equal(mail.subject, "港区区民保養施設予約システムからのお知らせ");
  const link = mail.body.match(/http:\/\/\S+\/password-reset\/\S+/)[0];
  assert.ok(link.startsWith(base + "/password-reset/"), link);
  await page.click("#finish");
  await page.waitForSelector("h1:has-text('ログイン')");

  await page.goto(link);
  await page.waitForSelector("h1:has-text('パスワードの再設定')");
  assert.match(await mainText(page), /専用はがき等で利用者登録をした方/);
  await page.fill("#newPassword", "Minato-Hanako-Reset-9");
  await page.fill("#newPasswordConfirm", "Minato-Hanako-Reset-8");
  await page.click("#set");
  await page.waitForSelector("[data-field=newPasswordConfirm] .field-error:not([hidden])");
  await page.fill("#newPasswordConfirm", "Minato-Hanako-Reset-9");
  await page.click("#set");
  await page.waitForSelector("#reset-done");
  await page.click("#finish");
  await page.waitForSelector("h1:has-text('ログイン')");
  await login(page, base, { number: HANAKO.number, password: "Minato-Hanako-Reset-9" });
  assert.equal(await page.textContent("#user-name"), "港 花子 様");
  // The link works once.
  await page.goto(link);
  await page.fill("#newPassword", "Minato-Hanako-Again-1");
  await page.fill("#newPasswordConfirm", "Minato-Hanako-Again-1");
  await page.click("#set");
  await page.waitForSelector("text=使用済みか有効期限が切れています");
  noProblems(p);
  await p.close();
});
