// キャンセル待ち (the cancellation waitlist, issue 17) in the member's pages:
// the centre opens 待ちの宿, one room, with the waitlist on (the demo's
// 高原の保養所 has it too, but its rooms are allotted to the demo lottery),
// and that room is sold on a date. 港 花子 joins its waitlist from the × date of
// the calendar with an adult and a child, claiming the senior reduction (the
// only one the lodge's rates offer), is refused a second entry for the same
// stay from the week,
// joins for another stay and deletes that entry in the キャンセル待ち list.
// The holder cancels; at the pick time (the test clock) 花子 finds the offer
// in お知らせ, follows its link to the list and accepts it there; the
// reservation list shows the stay as a waitlist booking, at the price the
// entry's guests and claim are quoted.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHoyod } from "./server.mjs";
import { launch } from "./browser.mjs";
import { HANAKO, TARO, openPage, noProblems, login, mainText, call, addDays, soldOutLodge } from "./helpers.mjs";

let server, browser, base, stay, held;

const LODGE = "wl-lodge";

// The mark of the lodge's calendar on `date`, as the server shows it to anyone.
async function markOn(date) {
  const cal = await server.api("GET", `/api/vacancy/${LODGE}/calendar?month=${date.slice(0, 7)}&months=1`);
  return cal.days.find((d) => d.date === date).symbol;
}

before(async () => {
  server = await startHoyod();
  base = server.url;
  browser = await launch();
  const facilities = await server.api("GET", "/api/facilities");
  assert.deepEqual(facilities.filter((f) => f.waitlist.enabled).map((f) => f.id), ["kogen"], "the demo's waitlist");
  // A date three weeks on, well inside the first-come window and before
  // joining closes (6 days before it, by default).
  const today = new Date((await server.clock()).getTime() + 9 * 3600000).toISOString().slice(0, 10);
  const rates = [{ effectiveFrom: today, adult: 3200, child: 2500, senior: { perNight: 2200, nightsPerFiscalYear: 2 } }];
  ({ day: stay, reservationNumber: held } = await soldOutLodge(server, browser, LODGE, { minDays: 21, rates }));
  assert.equal(await markOn(stay), "×");
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

// Fills the joining form (nights, then people per night, of them the
// children, and the reduction claimed) and sends it.
async function join(page, people, { children = [], reduction } = {}) {
  await page.waitForSelector("#waitlist-form");
  await page.check(`input[name=nights][value="${people.length}"]`);
  for (const [i, n] of people.entries()) await page.selectOption(`select[name=people${i + 1}]`, String(n));
  for (const [i, n] of children.entries()) await page.selectOption(`select[name=children${i + 1}]`, String(n));
  if (reduction) await page.check(`input[name=reduction][value="${reduction}"]`);
  await page.click("#join-waitlist");
}

test("a waitlister gets an offer after a cancellation and accepts it", async () => {
  const p = await openPage(browser);
  const { page } = p;
  await login(page, base, HANAKO);

  // The × date of the calendar joins the waitlist.
  await page.goto(`${base}/vacancy/${LODGE}?month=${stay.slice(0, 7)}`);
  const full = page.locator(`button.mark.full[data-date="${stay}"]`);
  await full.waitFor();
  assert.match(await full.getAttribute("aria-label"), /キャンセル待ちを申し込む/);
  await full.click();
  await page.waitForSelector("#waitlist-form");
  // The lodge's rates offer the senior reduction only.
  assert.equal(await page.locator("input[name=reduction]").count(), 2);
  assert.equal(await page.locator('input[name=reduction][value="disability"]').count(), 0);
  await join(page, [2], { children: [1], reduction: "senior" });
  await page.waitForSelector("#waitlist-joined");
  assert.match(p.dialogTexts.at(-1), /キャンセル待ちを申し込みます/);
  assert.match(p.dialogTexts.at(-1), /大人1名・子ども1名・幼児0名/);
  assert.match(p.dialogTexts.at(-1), /減免の申告: 65歳以上の区民/);
  assert.match(await page.textContent("#waitlist-guests"), /大人1名・子ども1名/);
  const first = await page.getAttribute("#waitlist-joined", "data-entry");

  // The week's × offers it too; the same stay again is refused, in the
  // catalogue's words.
  await page.goto(`${base}/vacancy/${LODGE}/week/${stay}`);
  await page.click(`button[data-waitlist-day="${stay}"]`);
  await join(page, [2]);
  const refused = page.locator("#waitlist-form .alert-slot .alert");
  await refused.waitFor();
  assert.match(await refused.textContent(), /同じ宿泊のキャンセル待ちは重ねて申し込めません/);
  // Two nights from that date is another stay: joined, then deleted.
  await join(page, [2, 2]);
  await page.waitForSelector("#waitlist-joined");
  const second = await page.getAttribute("#waitlist-joined", "data-entry");
  await page.click("#to-waitlist");
  await page.waitForSelector("#waitlist");
  assert.equal(await page.locator("#waitlist tbody tr").count(), 2);
  await page.click(`tr[data-entry="${second}"] .delete-entry`);
  await page.waitForSelector(`tr[data-entry="${second}"]`, { state: "detached" });
  assert.match(p.dialogTexts.at(-1), /削除しますか/);
  assert.match(await mainText(page), /キャンセル待ちを削除しました/);
  const row = page.locator(`tr[data-entry="${first}"]`);
  assert.equal(await page.locator("#waitlist tbody tr").count(), 1);
  assert.match((await row.textContent()).replace(/\s+/g, " "), /待ちの宿.*大人1名・子ども1名・幼児0名.*65歳以上の区民.*空きをお待ちください/);
  noProblems(p);
  await p.close();

  // The holder cancels: the room is held for the waitlist (－), not sold.
  const t = await openPage(browser);
  await login(t.page, base, TARO);
  await call(t.page, "POST", "/api/reservations/cancellations", { reservationNumbers: [held] });
  await t.close();
  assert.equal(await markOn(stay), "－");

  // The pick: 09:00 the next day.
  const today = new Date((await server.clock()).getTime() + 9 * 3600000).toISOString().slice(0, 10);
  await server.setClock(new Date(`${addDays(today, 1)}T09:00:00+09:00`));

  const q = await openPage(browser);
  await login(q.page, base, HANAKO);
  await q.page.click("#menu-notices-top");
  await q.page.waitForSelector("#notices");
  const notice = q.page.locator(".notice-item", { hasText: "キャンセル待ちのご案内" });
  assert.equal(await notice.count(), 1);
  assert.match(await notice.textContent(), /待ちの宿/);
  // 当選の確定 lists runner-up offers only; it points to the waitlist screen.
  await q.page.goto(base + "/confirmations");
  await q.page.waitForSelector("#waitlist-offers");
  assert.equal(await q.page.locator("#offers").count(), 0);
  assert.match(await q.page.textContent("#waitlist-offers"), /キャンセル待ちのご案内が 1 件/);
  await q.page.goto(base + "/notices");
  await q.page.waitForSelector("#notices");
  await notice.locator("a.to-waitlist").click();
  const offered = q.page.locator(`tr[data-entry="${first}"]`);
  await offered.waitFor();
  // What the entry's stay is quoted at now: the acceptance records it.
  const quote = await call(q.page, "POST", "/api/quotes", {
    facilityId: LODGE, checkIn: stay, nights: 1, guests: [{ adults: 1, children: 1, infants: 0 }], reduction: "senior",
  });
  assert.ok(quote.price.lines.some((l) => l.category === "child"), JSON.stringify(quote.price));
  assert.match(await offered.locator(".offer-by").textContent(), /\d+年\d+月\d+日 0?1:59/);
  await offered.locator(".accept-offer").click();  // the dialog is accepted
  await q.page.waitForSelector("h1:has-text('予約の確認・変更')");
  assert.match(q.dialogTexts.at(-1), /受けて予約しますか/);
  const booked = q.page.locator("#reservations tbody tr", { hasText: "待ちの宿" });
  assert.equal(await booked.count(), 1);
  assert.match((await booked.textContent()).replace(/\s+/g, " "), /キャンセル待ち/);
  assert.match(await booked.textContent(), new RegExp(`${quote.price.total.toLocaleString("en-US")}円`));
  const mine = (await call(q.page, "GET", "/api/reservations")).find((r) => r.facilityId === LODGE);
  assert.deepEqual(mine.guests, [{ adults: 1, children: 1, infants: 0 }]);
  assert.equal(mine.reduction, "senior");
  assert.deepEqual(mine.price, quote.price);
  assert.match(await mainText(q.page), /お部屋を予約しました/);
  await q.page.goto(base + "/waitlist");
  await q.page.waitForSelector("#no-waitlist");
  noProblems(q);
  await q.close();
  assert.equal(await markOn(stay), "×");
});
