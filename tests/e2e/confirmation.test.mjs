// 当選の確定 (issue 16): after the draw, a winner follows the link in the
// result mail, logged out: the login page, then 当選の確定; confirms, and the
// result screen and the reservation list show the win confirmed (the in-app
// notice links there too); after login only a path of the site is followed,
// never another origin; another winner does not confirm: the test clock
// passes the deadline, the win shows as lapsed, and at its release time the
// room reaches first-come in another open browser, live.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHoyod } from "./server.mjs";
import { launch } from "./browser.mjs";
import { HANAKO, TARO, OPERATOR, AUDITOR, openPage, noProblems, login, staffLogin, mainText, call, hex } from "./helpers.mjs";

let server, browser, base, lottery;

const day = (n) => `${lottery.stayMonth}-${String(n).padStart(2, "0")}`;
const TARO_DAY = 12;

before(async () => {
  server = await startHoyod();
  base = server.url;
  browser = await launch();
  // The demo lottery opens 60 s after the demo data is written.
  const now = await server.clock();
  await server.setClock(new Date(now.getTime() + 120000));
  // 港 花子 and 芝 太郎 apply, each for a day of their own; past the window
  // the auditor reveals, the operator draws and publishes: both win.
  const wishes = () => [[HANAKO, { facilityId: "ohiradai", checkIn: day(5), nights: 1, people: [2], roomStyle: "japanese", preference: 1 }],
    [TARO, { facilityId: "seaside", checkIn: day(TARO_DAY), nights: 1, people: [2], preference: 1 }]];
  for (const who of [HANAKO, TARO]) {
    const p = await openPage(browser);
    await login(p.page, base, who);
    lottery ??= (await call(p.page, "GET", "/api/lotteries"))[0];
    assert.equal(lottery.confirmation, "required");
    const [, body] = wishes().find(([w]) => w === who);
    await call(p.page, "POST", `/api/lotteries/${lottery.lotteryId}/applications`, body);
    await p.close();
  }
  await server.setClock(new Date(new Date(lottery.publishAt).getTime() + 60000));
  const au = await openPage(browser);
  await staffLogin(au.page, base, AUDITOR);
  await call(au.page, "POST", `/api/audit/lotteries/${lottery.lotteryId}/reveal`, { secret: hex(`demo-auditor-secret-${lottery.lotteryId}`) });
  await au.close();
  const op = await openPage(browser);
  await staffLogin(op.page, base, OPERATOR);
  const drawn = await call(op.page, "POST", `/api/operator/lotteries/${lottery.lotteryId}/draw`, { secret: hex(`demo-secret-${lottery.lotteryId}`) });
  assert.equal(drawn.winners, 2);
  await call(op.page, "POST", `/api/operator/lotteries/${lottery.lotteryId}/publication`);
  await op.close();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test("a winner gets the result mail with its deadline, follows its link logged out, logs in, lands on 当選の確定, confirms, and the results and the reservation list show it confirmed", async () => {
  // The result mail states the deadline, names the step to take and links
  // to it under the configured public origin (the default: the address
  // listened on).
  const mail = await server.waitForMail((m) => m.to.includes("hanako@example.jp") && /抽選結果のお知らせ/.test(m.subject));
  assert.match(mail.body, /当選（確定の手続きが必要です）/);
  assert.match(mail.body, /確定期限: \d{4}-\d{2}-\d{2} 23:59（日本時間）/);
  assert.match(mail.body, /専用メニューの「当選の確定」で確定してください/);
  const link = mail.body.match(/^お手続きはこちらから（ログインが必要です）:\r?\n(\S+)\r?$/m)?.[1];
  assert.equal(link, `${base}/confirmations`);

  // A fresh browser, logged out: the link leads to the login page, and the
  // login to 当選の確定.
  const p = await openPage(browser);
  const { page } = p;
  await page.goto(link);
  await page.waitForSelector("#userNumber");
  assert.equal(new URL(page.url()).pathname, "/login");
  assert.equal(new URL(page.url()).searchParams.get("next"), "/confirmations");
  await page.fill("#userNumber", HANAKO.number);
  await page.fill("#password", HANAKO.password);
  await page.click("#login");
  await page.waitForSelector("h1:has-text('当選の確定')");
  assert.equal(new URL(page.url()).pathname, "/confirmations");
  const rows = page.locator("#confirmations tbody tr");
  assert.equal(await rows.count(), 1);
  const number = await rows.first().getAttribute("data-reservation");
  assert.match(number, /^\d+$/);
  assert.match((await rows.first().textContent()).replace(/\s+/g, " "), /大平台みなと荘.*2名.*和室/);
  assert.match(await rows.first().locator(".confirm-by").textContent(), /\d+年\d+月\d+日 23:59/);

  // The in-app result notice links there too.
  await page.goto(base + "/notices");
  await page.waitForSelector("#notices");
  const result = page.locator(".notice-item", { hasText: "抽選結果のお知らせ" });
  assert.match(await result.textContent(), /確定期限/);
  assert.equal(await result.locator("a.to-confirmations").getAttribute("href"), "/confirmations");

  // The result screen says the same and has the button too.
  await page.goto(base + "/lottery/results");
  await page.waitForSelector(".result.won");
  assert.equal(await page.getAttribute(".won-confirmation", "data-confirmation"), "required");
  assert.match(await page.textContent(".won-confirmation"), /未確定（期限 .*23:59）/);
  assert.equal(await page.locator(`.won-confirmation button[data-confirm="${number}"]`).count(), 1);

  // Back in the menu, 当選の確定 → 確定する (a dialog first).
  await page.goto(base + "/menu");
  await page.click("#menu-confirmations");
  await page.waitForSelector("#confirmations");
  await page.click(`button[data-confirm="${number}"]`);
  await page.waitForSelector("#no-confirmations");
  assert.match(p.dialogTexts.at(-1), new RegExp(`予約番号 ${number} の当選を確定します`));
  assert.match(await mainText(page), new RegExp(`予約番号 ${number} の当選を確定しました`));

  await page.click("#to-reservations");
  await page.waitForSelector("#reservations");
  const row = page.locator(`tr[data-reservation="${number}"]`);
  assert.equal(await row.locator(".confirmation").getAttribute("data-confirmation"), "confirmed");
  assert.match((await row.textContent()).replace(/\s+/g, " "), /大平台みなと荘.*抽選.*確定済み/);
  assert.equal(await row.locator("button.confirm-win").count(), 0);
  await page.goto(base + "/lottery/results");
  await page.waitForSelector(".result.won");
  assert.equal(await page.getAttribute(".won-confirmation", "data-confirmation"), "confirmed");
  noProblems(p);
  await p.close();
});

test("a winner who does not confirm: past the deadline the win shows lapsed; at its release the room reaches first-come in another browser, live", async () => {
  const stay = day(TARO_DAY);
  const p = await openPage(browser);
  await login(p.page, base, TARO);
  const mine = (await call(p.page, "GET", "/api/reservations")).find((r) => r.checkIn === stay);
  assert.equal(mine.confirmation, "required");
  // The list offers 確定する until the deadline.
  await p.page.click("#menu-reservations");
  await p.page.waitForSelector("#reservations");
  assert.equal(await p.page.locator(`tr[data-reservation="${mine.reservationNumber}"] button.confirm-win`).count(), 1);
  await p.close();

  const watcher = await openPage(browser);
  await watcher.page.goto(`${base}/vacancy/seaside/week/${stay}`);
  await watcher.page.waitForSelector(".live-badge:has-text('自動で表示')");
  const before = Number(await watcher.page.locator(`td[data-date="${stay}"] .count`).textContent());
  assert.ok(before > 0, "the day has free rooms");

  // The operators' console shows the win awaiting confirmation, with the
  // button that confirms it on the winner's behalf.
  // (A fresh login each time: the clock moves past a staff session's life.)
  let op;
  const opView = async () => {
    await op?.close();
    op = await openPage(browser);
    await staffLogin(op.page, base, OPERATOR);
    await op.page.goto(`${base}/operator/reservations/${mine.reservationNumber}`);
    await op.page.waitForSelector("#confirmation");
    return op.page.getAttribute("#confirmation", "data-confirmation");
  };
  assert.equal(await opView(), "required");
  assert.match(await op.page.textContent("#confirmation"), /未確定（期限 .*23:59）/);
  assert.equal(await op.page.locator("#confirm-for").count(), 1);
  assert.equal(await op.page.locator("#change-submit").count(), 1);

  // Just past the deadline: lapsed, its room still held (not first-come yet).
  const confirmBy = new Date(mine.confirmBy);
  await server.setClock(new Date(confirmBy.getTime() + 1000));
  const u = await openPage(browser);
  await login(u.page, base, TARO);
  await u.page.click("#menu-reservations");
  await u.page.waitForSelector("#reservations");
  const row = u.page.locator(`tr[data-reservation="${mine.reservationNumber}"]`);
  assert.equal(await row.locator(".confirmation").getAttribute("data-confirmation"), "lapsed");
  assert.match(await row.textContent(), /確定期限切れのため取消し/);
  assert.equal(await row.locator("button.confirm-win").count(), 0);
  await u.page.click("#back");
  await u.page.click("#menu-confirmations");
  await u.page.waitForSelector("#no-confirmations");
  await u.page.goto(base + "/lottery/results");
  await u.page.waitForSelector(".result.won");
  assert.equal(await u.page.getAttribute(".won-confirmation", "data-confirmation"), "lapsed");
  noProblems(u);
  await u.close();
  assert.equal(Number(await watcher.page.locator(`td[data-date="${stay}"] .count`).textContent()), before,
    "the lapsed room is held until its release");
  // The console too: lapsed, neither changeable nor to be confirmed.
  assert.equal(await opView(), "lapsed");
  assert.match(await op.page.textContent("#confirmation"), /確定期限切れのため取消し/);
  assert.equal(await op.page.locator("#confirm-for").count(), 0);
  assert.equal(await op.page.locator("#change-submit").count(), 0);
  noProblems(op);
  await op.close();

  // 12:00 Tokyo time the next day (the default release time): first-come, live.
  const release = new Date(confirmBy.getTime() + 1000 + 12 * 3600 * 1000);
  await server.setClock(release);
  await watcher.page.waitForFunction(([d, n]) => document.querySelector(`td[data-date="${d}"] .count`)?.textContent === String(n),
    [stay, before + 1]);
  noProblems(watcher);
  await watcher.close();
});

test("after logging in, only a path of this site is followed: another origin in next leads to the menu", async () => {
  for (const next of ["//evil.example/confirmations", "https://evil.example/confirmations", "/\\evil.example", "javascript:alert(1)",
    "/..//evil.example", "/.%2e//evil.example"]) {
    const p = await openPage(browser);
    await p.page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
    await p.page.fill("#userNumber", TARO.number);
    await p.page.fill("#password", TARO.password);
    await p.page.click("#login");
    await p.page.waitForSelector("h1:has-text('登録されている方の専用メニュー')");
    const at = new URL(p.page.url());
    assert.equal(at.origin, base, next);
    assert.equal(at.pathname, "/menu", next);
    noProblems(p);
    await p.close();
  }
});
