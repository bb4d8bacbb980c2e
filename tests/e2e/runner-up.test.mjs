// 繰り上げ当選 (issue 16): a period whose lapsed wins are offered to
// runners-up. The winner does not confirm; the test clock passes the
// deadline; the runner-up sees the offer in お知らせ and on the result screen,
// the centre finds it in the console (to answer for a runner-up who
// telephones); the runner-up accepts it (after a dialog), and the reservation list shows it as a
// runner-up booking; the room-night never reaches first-come (its free
// rooms stay as they were).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { startHoyod } from "./server.mjs";
import { launch } from "./browser.mjs";
import { HANAKO, TARO, OPERATOR, AUDITOR, openPage, noProblems, login, staffLogin, mainText, call, hex } from "./helpers.mjs";

let server, browser, base, lottery, month, winner, runner;

const OP_SECRET = "runner-up operator secret";
const AUDITOR_SECRET = "runner-up auditor secret";
const sha256 = (s) => createHash("sha256").update(Buffer.from(s)).digest("hex");
const later = (d, seconds) => new Date(d.getTime() + seconds * 1000);
// The stay month two months after the server's today: open for first-come,
// and not the demo period's (three months ahead).
const monthAhead = (d, n) => {
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  return m.toISOString().slice(0, 7);
};

// Free rooms of kogen on the 10th of the stay month, as the calendar shows them.
async function freeOnThe10th() {
  const cal = await server.api("GET", `/api/vacancy/kogen/calendar?month=${month}&months=1`);
  return cal.days.find((d) => d.date === `${month}-10`).freeRooms;
}

before(async () => {
  server = await startHoyod();
  base = server.url;
  browser = await launch();
  const now = await server.clock();
  month = monthAhead(now, 2);
  const op = await openPage(browser);
  await staffLogin(op.page, base, OPERATOR);
  const opened = await call(op.page, "POST", "/api/operator/lotteries", {
    stayMonth: month, facilityIds: ["kogen"],
    opensAt: later(now, 100).toISOString(), closesAt: later(now, 200).toISOString(),
    drawAt: later(now, 300).toISOString(), publishAt: later(now, 400).toISOString(),
    seedHash: sha256(OP_SECRET), confirmation: "required", confirmDays: 1,
    release: "runners_up", offerDays: 2,
    allotment: [{ facilityId: "kogen", date: `${month}-10`, style: "standard", rooms: 1 }],
  });
  lottery = opened.lotteryId;
  const au = await openPage(browser);
  await staffLogin(au.page, base, AUDITOR);
  await call(au.page, "POST", `/api/audit/lotteries/${lottery}/commitment`, { seedHash: sha256(AUDITOR_SECRET) });
  await server.setClock(later(now, 150));
  // Both apply for the one room.
  for (const who of [HANAKO, TARO]) {
    const p = await openPage(browser);
    await login(p.page, base, who);
    await call(p.page, "POST", `/api/lotteries/${lottery}/applications`,
      { facilityId: "kogen", checkIn: `${month}-10`, nights: 1, people: [2], preference: 1 });
    await p.close();
  }
  await server.setClock(later(now, 250));
  await call(au.page, "POST", `/api/audit/lotteries/${lottery}/reveal`, { secret: hex(AUDITOR_SECRET) });
  await au.close();
  const drawn = await call(op.page, "POST", `/api/operator/lotteries/${lottery}/draw`, { secret: hex(OP_SECRET) });
  assert.equal(drawn.winners, 1);
  await server.setClock(later(now, 450));
  await call(op.page, "POST", `/api/operator/lotteries/${lottery}/publication`);
  await op.close();
  // Who won: the other is the runner-up.
  const p = await openPage(browser);
  await login(p.page, base, HANAKO);
  const r = await call(p.page, "GET", `/api/lotteries/${lottery}/result`);
  await p.close();
  [winner, runner] = r.status === "won" ? [HANAKO, TARO] : [TARO, HANAKO];
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test("the winner does not confirm; the runner-up is told, accepts on the result screen, and books the room; first-come never gets it", async () => {
  const free = await freeOnThe10th();  // kogen's rooms less the one won (and any booked)
  assert.ok(free > 0, "the 10th is open for first-come");
  // The winner lets the deadline pass.
  const w = await openPage(browser);
  await login(w.page, base, winner);
  const won = await call(w.page, "GET", `/api/lotteries/${lottery}/result`);
  assert.equal(won.status, "won");
  await w.close();
  await server.setClock(later(new Date(won.confirmBy), 1));
  assert.equal(await freeOnThe10th(), free);  // held for the runner-up

  // The centre, asked by telephone, finds the offer in the console, where
  // it could answer it on the runner-up's behalf.
  const op = await openPage(browser);
  await staffLogin(op.page, base, OPERATOR);
  await op.page.goto(base + `/operator/users/new?userNumber=${runner.number}`);
  await op.page.click("#offers-check");
  await op.page.waitForSelector("#offers-of-user");
  assert.equal(await op.page.locator("#offers-of-user tbody tr").count(), 1);
  assert.match(await op.page.locator("#offers-of-user").textContent(), /高原の保養所/);
  assert.equal(await op.page.locator("#offers-of-user .accept-offer-for").count(), 1);
  noProblems(op);
  await op.close();

  const p = await openPage(browser);
  const { page } = p;
  await login(page, base, runner);
  // お知らせ: the offer, with its deadline.
  await page.click("#menu-notices-top");
  await page.waitForSelector("#notices");
  const notice = page.locator(".notice-item", { hasText: "繰り上げ当選のご案内" });
  assert.equal(await notice.count(), 1);
  assert.match(await notice.textContent(), /高原の保養所/);
  // The result screen shows the offer with its answer buttons.
  await page.goto(base + "/lottery/results");
  const section = page.locator(`section.result.offered[data-lottery="${lottery}"]`);
  await section.waitFor();
  assert.match((await section.textContent()).replace(/\s+/g, " "), /高原の保養所.*2名/);
  assert.match(await section.locator(".offer-by").textContent(), /\d+年\d+月\d+日 23:59/);
  // 当選の確定 lists it too.
  await page.goto(base + "/confirmations");
  await page.waitForSelector("#offers");
  assert.equal(await page.locator("#offers tbody tr").count(), 1);
  await page.goto(base + "/lottery/results");
  await section.waitFor();
  await section.locator(".accept-offer").click();  // the dialog is accepted
  await page.waitForSelector("h1:has-text('予約の確認・変更')");
  assert.match(p.dialogTexts.join("\n"), /受けて予約しますか/);
  const text = await mainText(page);
  assert.match(text, /繰り上げ当選/);
  assert.match(text, /高原の保養所/);
  noProblems(p);
  await p.close();
  assert.equal(await freeOnThe10th(), free);  // booked by the runner-up, never first-come
});

test("the operators' new-period form sends confirmation, confirmDays, release, offerDays and notifyLosers", async () => {
  const op = await openPage(browser);
  const { page } = op;
  await staffLogin(page, base, OPERATOR);
  await page.goto(base + "/operator/lotteries/new");
  await page.waitForSelector("#lottery-form");
  assert.equal(await page.inputValue("input[name=confirmDays]"), "7");
  assert.equal(await page.inputValue("input[name=offerDays]"), "2");
  await page.check("input[name=confirmation][value=required]");
  await page.fill("input[name=confirmDays]", "5");
  await page.check("input[name=release][value=runners_up]");
  await page.fill("input[name=offerDays]", "3");
  await page.check("#notify-losers");
  await page.click("#generate-secret");
  await page.waitForFunction(() => document.querySelector("#new-seed-hash").value.length === 64);
  await page.check("#secret-kept");
  await page.click("#open-lottery");
  await page.waitForSelector("#lottery-status");
  const id = new URL(page.url()).pathname.split("/").pop();
  const opened = (await call(page, "GET", "/api/operator/lotteries")).find((l) => l.lotteryId === id);
  assert.equal(opened.confirmation, "required");
  assert.equal(opened.confirmDays, 5);
  assert.equal(opened.release, "runners_up");
  assert.equal(opened.offerDays, 3);
  assert.equal(opened.notifyLosers, true);
  noProblems(op);
  await op.close();
});
