// M1 + M6 + M7 in a real browser: log in, find a free day on the calendar,
// book it, get a reservation number, and see it listed; vacancy is public.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHoyod } from "./server.mjs";
import { launch } from "./browser.mjs";

let server, browser;
before(async () => {
  server = await startHoyod();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test("vacancy is visible without logging in, with the manual's marks", async () => {
  const page = await browser.newPage();
  await page.goto(server.url + "/#/vacancy/seaside");
  await page.waitForSelector("table.cal");
  const text = await page.textContent("main");
  assert.match(text, /空き室照会・予約/);
  assert.match(text, /●/);
  await page.close();
});

test("a user logs in, books a free room and sees the reservation", async () => {
  const page = await browser.newPage();
  page.on("dialog", (d) => d.accept());
  await page.goto(server.url + "/#/login");
  await page.fill("#userNumber", "10000012");
  await page.fill("#password", "demo-hanako-2026");
  await page.click("button[type=submit]");
  await page.waitForSelector("text=登録されている方の専用メニュー");
  assert.equal(await page.textContent("#who"), "港 花子 様");

  await page.click("text=空き室照会・予約");
  await page.selectOption("#facility", "seaside");
  await page.waitForSelector("table.cal button[data-date]");
  await page.click("table.cal button[data-date]");
  await page.waitForSelector("button[data-day]");
  const before = Number(await page.textContent("button[data-day]"));
  await page.click("button[data-day]");
  await page.waitForSelector("#apply");
  await page.click("#apply");
  await page.waitForSelector("#reservationNumber");
  const number = (await page.textContent("#reservationNumber")).trim();
  assert.match(number, /^\d{10}$/);

  await page.click("text=終了");
  await page.click("text=予約の確認・変更");
  await page.waitForSelector("#reservations");
  assert.match(await page.textContent("#reservations"), new RegExp(number));

  // The room is gone from vacancy for everyone: another browser sees one fewer.
  const other = await browser.newContext();
  const anon = await other.newPage();
  const day = await page.evaluate(async (n) => {
    const r = await fetch("/api/reservations", { headers: { "X-Requested-With": "t" } });
    return (await r.json()).find((x) => x.reservationNumber === n).checkIn;
  }, number);
  const week = await (await anon.request.get(`${server.url}/api/vacancy/seaside/week?from=${day}`)).json();
  assert.equal(week.days[0].freeRooms, before - 1);
  await other.close();
  await page.close();
});
