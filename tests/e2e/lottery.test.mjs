// M2 lottery application (facility, week of 申込総数／当選可能数, nights,
// people, 和洋室希望, 第１希望に申込む…, 次の希望日へ skipping the facility),
// M3 the list, M4 cancellation, and M5 results after the auditor reveals
// their secret in the auditors' console and an operator draws and publishes
// through the operator console (the test clock moves past the application
// window, the draw and the publication).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHoyod } from "./server.mjs";
import { launch } from "./browser.mjs";
import { HANAKO, OPERATOR, AUDITOR, openPage, noProblems, login, staffLogin, mainText, call } from "./helpers.mjs";

let server, browser, base, lottery;

before(async () => {
  server = await startHoyod();
  base = server.url;
  browser = await launch();
  // The demo lottery opens 60 s after the demo data is written.
  const now = await server.clock();
  await server.setClock(new Date(now.getTime() + 120000));
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const day = (n) => `${lottery.stayMonth}-${String(n).padStart(2, "0")}`;

test("M2: apply to the lottery for a first and a second wish", async () => {
  const p = await openPage(browser);
  const { page } = p;
  await login(page, base, HANAKO);
  lottery = (await page.evaluate(async () => (await fetch("/api/lotteries")).json()))[0];
  assert.equal(lottery.status, "open");
  await page.click("#menu-lottery-apply");
  await page.waitForSelector("#lottery-facilities");
  assert.match(await mainText(page), /１施設のみ/);
  await page.click('#lottery-facilities a[data-facility="ohiradai"]');
  await page.waitForSelector("#demand");
  assert.match(await mainText(page), /申込総数／当選可能数/);
  assert.equal(await page.textContent(`button[data-day="${day(1)}"]`), "0／20");
  assert.ok(await page.locator("#prev-week").isDisabled(), "no week before the stay month");
  await page.click("#next-week");
  await page.waitForSelector(`button[data-day="${day(8)}"]`);
  await page.click("#prev-week");
  await page.waitForSelector(`button[data-day="${day(5)}"]`);
  await page.click(`button[data-day="${day(5)}"]`);
  await page.waitForSelector("#slots");
  assert.equal(await page.textContent("#apply-facility"), "大平台みなと荘");
  assert.match(await mainText(page), /抽選申込み一覧.*第１希望に申込む.*第２希望に申込む.*第３希望に申込む/);
  await page.check('input[name=nights][value="2"]');
  await page.check('input[name=roomStyle][value="japanese"]');
  await page.selectOption("select[name=people1]", "2");
  await page.selectOption("select[name=people2]", "3");
  // Dismissing the confirm dialog sends nothing.
  page.once("dialog", () => {});
  await page.click('button[data-slot="1"]');
  await page.waitForSelector("#lottery-done");
  assert.match(await page.textContent("#lottery-done"), /第１希望の抽選申込みが完了しました/);
  assert.match(p.dialogTexts.at(-1), /第１希望として抽選に申込みます/);
  assert.match(await mainText(page), /和室/);

  // 次の希望日へ: the facility is already chosen for this period.
  await page.click("#next-wish");
  await page.waitForSelector("#demand");
  assert.equal(await page.textContent("#lottery-facility"), "大平台みなと荘");
  assert.equal(await page.textContent(`button[data-day="${day(5)}"]`), "1／20");
  await page.click(`button[data-day="${day(6)}"]`);
  await page.waitForSelector("#slots");
  assert.match(await page.textContent("#slots"), /第１希望.*申込み済み/s);
  assert.equal(await page.locator('button[data-slot="1"]').count(), 0, "a taken slot has no button");
  // Of the 4, one is a child, and an infant comes too: the confirmation
  // shows the price a win would have at today's rates, the application
  // keeps the guests (issue 17).
  await page.selectOption("select[name=people1]", "4");
  await page.selectOption("select[name=children1]", "1");
  await page.selectOption("select[name=infants1]", "1");
  await page.click('button[data-slot="2"]');
  await page.waitForSelector("#lottery-done");
  assert.match(await page.textContent("#lottery-done"), /第２希望/);
  assert.match(p.dialogTexts.at(-1), /料金の見込み.*\n.*大人 3名 ×.*\n.*子ども 1名 ×.*\n.*幼児 1名 ×/s);
  assert.match(await page.textContent("#applied-price"), /合計 [\d,]+円/);
  const second = (await call(page, "GET", `/api/lotteries/${lottery.lotteryId}/applications`)).find((a) => a.preference === 2);
  assert.deepEqual(second.guests, [{ adults: 3, children: 1, infants: 1 }]);
  assert.equal(second.reduction, "none");
  await page.click("#finish");
  await page.waitForSelector("h1:has-text('登録されている方の専用メニュー')");

  // From the menu again, the facility screen is skipped.
  await page.click("#menu-lottery-apply");
  await page.waitForSelector("#demand");
  assert.equal(await page.textContent("#lottery-facility"), "大平台みなと荘");

  // Another facility in the same period is refused, and the page says why.
  await page.goto(`${base}/lottery/${lottery.lotteryId}/seaside/apply/${day(12)}`);
  await page.selectOption("select[name=people1]", "2");
  await page.click('button[data-slot="3"]');
  await page.waitForSelector(".alert.error");
  assert.match(await page.textContent(".alert.error"), /別の施設/);
  noProblems(p);
  await p.close();
});

test("M3 and M4: the list of applications, then cancel the second wish", async () => {
  const p = await openPage(browser);
  const { page } = p;
  await login(page, base, HANAKO);
  await page.click("#menu-lottery-list");
  await page.waitForSelector("#applications");
  const rows = await page.locator("#applications tbody tr").allTextContents();
  assert.equal(rows.length, 2);
  assert.match(rows[0], /第１希望.*大平台みなと荘.*２泊.*2名 \/ 3名.*和室.*申込み中/);
  assert.match(rows[1], /第２希望.*大平台みなと荘.*１泊.*4名/);
  await page.click("#back");
  await page.waitForSelector("h1:has-text('登録されている方の専用メニュー')");

  await page.click("#menu-lottery-cancel");
  await page.waitForSelector("#applications");
  const second = page.locator("#applications tbody tr", { hasText: "第２希望" }).locator("input[type=checkbox]");
  await second.check();
  await page.click("#cancel");
  await page.waitForSelector("#cancel-done");
  assert.match(p.dialogTexts.at(-1), /1 件の抽選申込みを取り消します/);
  assert.match(await page.textContent("#cancelled"), /第２希望/);
  await page.click("#to-menu");
  await page.click("#menu-lottery-list");
  await page.waitForSelector("#applications");
  const after = await page.locator("#applications tbody tr").allTextContents();
  assert.match(after[1], /第２希望.*取消済み/);
  noProblems(p);
  await p.close();
});

test("M5: results after the auditor reveals, then the operator draws and publishes, in the consoles", async () => {
  // Before publication the result is not known yet.
  const u = await openPage(browser);
  await login(u.page, base, HANAKO);
  await u.page.click("#menu-lottery-results");
  await u.page.waitForSelector(".result.pending");
  assert.match(await mainText(u.page), /抽選結果は .* に発表します/);
  await u.close();

  // Past the window, the draw and the publication time.
  await server.setClock(new Date(new Date(lottery.publishAt).getTime() + 60000));
  const op = await openPage(browser);
  await staffLogin(op.page, base, OPERATOR);
  await op.page.click(".console-nav a:text-is('抽選')");
  await op.page.click(`#lottery-${lottery.lotteryId}`);
  await op.page.waitForSelector("#lottery-status[data-status=closed]");
  assert.match(await op.page.textContent("#lottery-applications"), new RegExp(HANAKO.number));
  assert.equal(await op.page.getAttribute("#lottery-auditor-revealed", "data-revealed"), "false");
  // The two-party draw: not before the auditor has revealed their secret.
  const operatorSecret = Buffer.from(`demo-secret-${lottery.lotteryId}`).toString("hex");
  await op.page.fill("#draw-secret", operatorSecret);
  await op.page.click("#draw");
  await op.page.waitForSelector(".alert.error");
  assert.match(await op.page.textContent(".alert.error"), /監査担当者が秘密の値を公開するまで抽選できません/);

  // The auditor reveals the demo's committed secret in the auditors' console.
  const au = await openPage(browser);
  await staffLogin(au.page, base, AUDITOR);
  await au.page.click(".console-nav a:text-is('抽選の秘密の値')");
  await au.page.waitForSelector("#audit-lotteries");
  assert.match(await au.page.textContent(`[data-step="${lottery.lotteryId}"]`), /公開が必要です/);
  await au.page.click(`#audit-lottery-${lottery.lotteryId}`);
  await au.page.waitForSelector("#reveal-form");
  assert.equal(await au.page.textContent("#auditor-seed-hash"), lottery.auditorSeedHash);
  // A secret that is not the committed one is refused.
  await au.page.fill("#reveal-secret", Buffer.from("not the auditor's secret").toString("hex"));
  await au.page.click("#reveal");
  await au.page.waitForSelector("#reveal-form .alert.error");
  assert.match(await au.page.textContent("#reveal-form .alert.error"), /監査担当者のコミットメントと一致しません/);
  await au.page.fill("#reveal-secret", Buffer.from(`demo-auditor-secret-${lottery.lotteryId}`).toString("hex"));
  await au.page.click("#reveal");
  await au.page.waitForSelector(".alert.success");
  assert.match(au.dialogTexts.at(-1), /秘密の値を公開します/);
  await au.page.click("#reveal-reload");
  await au.page.waitForSelector("#auditor-revealed[data-revealed=true]");
  noProblems(au);
  await au.close();

  await op.page.reload();
  await op.page.waitForSelector("#lottery-auditor-revealed[data-revealed=true]");
  // A wrong secret is refused.
  await op.page.fill("#draw-secret", "00ff");
  await op.page.click("#draw");
  await op.page.waitForSelector(".alert.error");
  assert.match(await op.page.textContent(".alert.error"), /一致しません/);
  await op.page.fill("#draw-secret", operatorSecret);
  await op.page.click("#draw");
  await op.page.waitForSelector("#draw-winners");
  assert.equal(await op.page.textContent("#draw-winners"), "1件");
  await op.page.reload();
  await op.page.waitForSelector("#lottery-status[data-status=drawn]");
  await op.page.click("#publish");
  await op.page.waitForSelector("#publish-box .alert.success");
  await op.page.reload();
  await op.page.waitForSelector("#lottery-status[data-status=published]");
  noProblems(op);
  await op.close();

  const p = await openPage(browser);
  const { page } = p;
  await login(page, base, HANAKO);
  await page.click("#menu-lottery-results");
  await page.waitForSelector(".result.won");
  const text = await mainText(page);
  assert.match(text, /当選/);
  assert.match(text, /第１希望.*大平台みなと荘/);
  const number = (await page.textContent("#won-number")).trim();
  assert.match(number, /^\d+$/);
  await page.click("#back");
  await page.click("#menu-reservations");
  await page.waitForSelector("#reservations");
  assert.match((await page.textContent(`tr[data-reservation="${number}"]`)).replace(/\s+/g, " "), /大平台みなと荘.*２泊.*和室.*抽選/);
  // Published periods leave the list of pending applications.
  await page.goto(base + "/lottery/applications");
  await page.waitForSelector("#no-applications");
  noProblems(p);
  await p.close();
});

test("Notices: after publication the member menu counts the result notice; reading it clears the count; mailed once", async () => {
  const p = await openPage(browser);
  const { page } = p;
  await login(page, base, HANAKO);
  await page.waitForSelector("#notice-unread");
  assert.equal((await page.textContent("#notice-unread")).trim(), "未読 1件");
  await page.click("#menu-notices-top");
  await page.waitForSelector("#notices");
  const result = page.locator(".notice-item.unread", { hasText: "港区区民保養施設予約システム：抽選結果のお知らせ" });
  assert.equal(await result.count(), 1);
  const text = await result.textContent();
  assert.match(text, /当選/);
  assert.match(text, /大平台みなと荘/);
  assert.match(text, /予約番号: \d+/);
  await result.locator("button").click();
  await page.waitForSelector(".notice-item.read");
  assert.equal(await page.locator(".notice-item.unread").count(), 0);
  assert.match(await page.textContent("#notice-count"), /未読 0件/);
  await page.click("#back");
  await page.waitForSelector("#notice-unread");
  assert.equal((await page.textContent("#notice-unread")).trim(), "未読 0件");
  noProblems(p);
  await p.close();

  // The same notice went out by mail, once: one file, and the outbox recorded
  // it sent at the first attempt.
  const mail = await server.waitForMail((m) => m.to.includes("hanako@example.jp") && /抽選結果のお知らせ/.test(m.subject));
  assert.match(mail.body, /^港 花子 様/);
  assert.match(mail.body, /当選/);
  assert.equal(server.mails().filter((m) => m.to.includes("hanako@example.jp") && /抽選結果/.test(m.subject)).length, 1);
  const op = await openPage(browser);
  await staffLogin(op.page, base, OPERATOR);
  await op.page.goto(base + "/operator/notices?delivery=sent");
  await op.page.waitForSelector("#notices");
  const row = op.page.locator("#notices tbody tr", { hasText: HANAKO.number });
  assert.match((await row.textContent()).replace(/\s+/g, " "), /抽選結果のお知らせ.*送信済み.*1/);
  noProblems(op);
  await op.close();
});
