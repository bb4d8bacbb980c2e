// The operators' print list of notices to post (お知らせの送付状況, issue 16):
// a user registered by postcard has no email address, so every notice to
// them is posted. With more notices than a page holds, the list pages, every
// notice is on exactly one page, and the print gathers every page: each
// notice is printed once.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHoyod } from "./server.mjs";
import { launch } from "./browser.mjs";
import { OPERATOR, openPage, noProblems, staffLogin, bookableDates } from "./helpers.mjs";

const PAGE = 100;  // the screen's page size (http/web/js/screens/operator/notices.js)
let server, browser, base, op;

before(async () => {
  server = await startHoyod();
  base = server.url;
  browser = await launch();
  op = await openPage(browser);
});
after(async () => {
  await op?.close();
  await browser?.close();
  await server?.stop();
});

// The operator's API call, with the CSRF header and the position to read at.
async function post(path, data, at) {
  const headers = { "X-Requested-With": "e2e" };
  if (at) headers["X-Min-Position"] = at;
  const res = await op.context.request.post(base + path, { headers, data });
  assert.ok(res.ok(), `${path}: ${res.status()} ${await res.text()}`);
  return { body: await res.json(), at: res.headers()["x-log-position"] };
}

// The ids of the notices listed on the screen.
async function shown() {
  await op.page.waitForSelector("#notices");
  return { rows: await op.page.$$eval("#notices tbody tr", (trs) => trs.map((tr) => tr.dataset.notice)) };
}

test("the print list of posted notices pages, and each notice is on one page only", async () => {
  await staffLogin(op.page, base, OPERATOR);
  const { body: user } = await post("/api/operator/users", {
    nameKanji: "白金 はがき", nameKana: "シロカネ　ハガキ", birthDate: "1950-05-05",
    category: "resident", postalCode: "108-0072", address: "東京都港区白金1-1-1", phone: "03-4444-5555",
  });
  // Each booking and each cancellation by the centre sends the user a receipt:
  // 51 of each make 102 notices to post, more than a page.
  const [day] = await bookableDates(server, "seaside", { minDays: 10 });
  for (let i = 0; i < 51; i++) {
    const booked = await post("/api/operator/reservations",
      { userNumber: user.userNumber, facilityId: "seaside", checkIn: day, nights: 1, people: [2] });
    await post("/api/operator/reservations/cancellations",
      { reservationNumbers: [booked.body.reservationNumber] }, booked.at);
  }
  const api = await op.context.request.get(`${base}/api/operator/notices?delivery=post&limit=1`);
  const total = (await api.json()).total;
  assert.ok(total > PAGE, `${total} notices to post`);

  await op.page.goto(base + "/operator/notices?delivery=post");
  const first = await shown();
  assert.equal(first.rows.length, PAGE);
  assert.match(await op.page.textContent("#notice-total"), new RegExp(`${total}件.*1〜${PAGE}件目`));
  assert.equal(await op.page.$("#newer-notices"), null);

  await op.page.click("#older-notices");
  await op.page.waitForFunction(() => new URL(location.href).searchParams.get("offset") === "100");
  await op.page.waitForFunction(() => document.querySelector("#notice-range")?.textContent.includes("101"));
  const second = await shown();
  assert.equal(second.rows.length, total - PAGE);
  assert.equal(new URL(op.page.url()).searchParams.get("delivery"), "post", "the filter is kept");
  assert.equal(await op.page.$("#older-notices"), null);
  const all = new Set([...first.rows, ...second.rows]);
  assert.equal(all.size, total, "every notice on exactly one page");

  await op.page.click("#newer-notices");
  await op.page.waitForFunction(() => !new URL(location.href).searchParams.get("offset"));
  // "1〜" alone would match the second page's "（101〜102件目）" still on screen.
  await op.page.waitForFunction(() => /(^|[^0-9])1〜/.test(document.querySelector("#notice-range")?.textContent ?? ""));
  assert.deepEqual((await shown()).rows, first.rows);

  // The print, from the first page, holds a letter for every notice, once.
  await op.page.evaluate(() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; });
  assert.match(await op.page.textContent("#print-notices"), new RegExp(`すべて印刷（${total}通）`));
  await op.page.click("#print-notices");
  await op.page.waitForFunction(() => window.printed === 1);
  const letters = await op.page.$$eval("#postal-notices article", (as) => as.map((a) => a.dataset.notice));
  assert.equal(letters.length, total);
  assert.deepEqual(new Set(letters), all);
  noProblems(op);
});
