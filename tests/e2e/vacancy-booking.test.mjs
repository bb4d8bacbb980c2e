// M1 login, M6 vacancy (public, すべて with 前施設／次施設) and first-come
// booking end to end with a second browser watching the free-room count drop
// live, M7 change (people, drop a night; a change refused by its quote before
// OK), M8 cancellation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHoyod } from "./server.mjs";
import { launch } from "./browser.mjs";
import { HANAKO, TARO, OPERATOR, openPage, noProblems, login, staffLogin, call, mainText, bookableDates, addDays } from "./helpers.mjs";

let server, browser, base;
let stayDate;        // a 2-night stay at seaside: stayDate and the next night
let reservationNumber;

before(async () => {
  server = await startHoyod();
  base = server.url;
  browser = await launch();
  const dates = await bookableDates(server, "seaside", { minDays: 8 });
  stayDate = dates.find((d) => dates.includes(addDays(d, 1)));
  assert.ok(stayDate, "a bookable pair of nights at seaside");
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test("M1: a wrong password is refused; the right one opens the member menu with the name top left", async () => {
  const p = await openPage(browser);
  const { page } = p;
  await page.goto(base + "/");
  assert.equal(await page.textContent("#site-title"), "港区区民保養施設予約システム");
  await page.fill("#userNumber", HANAKO.number);
  await page.fill("#password", "wrong-password");
  await page.click("#login");
  await page.waitForSelector(".alert.error");
  assert.match(await page.textContent(".alert.error"), /利用者番号またはパスワードが正しくありません/);
  assert.equal(await page.getAttribute("#password", "type"), "password");
  await page.fill("#password", HANAKO.password);
  await page.click("#login");
  await page.waitForSelector("h1:has-text('登録されている方の専用メニュー')");
  assert.equal(await page.textContent("#user-name"), "港 花子 様");
  // The name sits in the header's first line, left of everything else.
  const box = await page.locator("#user-name").boundingBox();
  assert.ok(box.x < 100 && box.y < 40, `name at the top left (${box.x}, ${box.y})`);
  for (const label of ["抽選の申込み", "抽選申込みの確認", "抽選申込みの取消し", "抽選結果の確認", "空き室照会・予約", "予約の確認・変更", "予約の取消し", "パスワード変更"]) {
    assert.ok(await page.locator(`main a:text-is("${label}")`).count() === 1, label);
  }
  // A reload keeps the session; logout ends it.
  await page.reload();
  await page.waitForSelector("#user-name");
  await page.click("#logout");
  await page.waitForSelector("h1:has-text('ログイン')");
  assert.equal(await page.textContent("#who"), "");
  noProblems(p);
  await p.close();
});

test("M6: vacancy without login: facility choice, two months of marks, すべて with 前施設／次施設, a week of free rooms", async () => {
  const p = await openPage(browser);
  const { page } = p;
  await page.goto(base + "/");
  await page.click("#guest-vacancy");
  await page.waitForSelector("#facility-list");
  assert.match(await mainText(page), /大平台みなと荘.*海の見える保養所.*高原の保養所.*すべて/);
  await page.click("#facility-all");
  await page.waitForSelector("table.cal");
  assert.equal(await page.locator("table.cal").count(), 2, "two months");
  assert.equal(await page.textContent("#facility-name"), "大平台みなと荘");
  await page.click("#next-facility");
  await page.waitForSelector("#facility-name:text-is('海の見える保養所')");
  await page.click("#next-facility");
  await page.waitForSelector("#facility-name:text-is('高原の保養所')");
  await page.click("#prev-facility");
  await page.waitForSelector("#facility-name:text-is('海の見える保養所')");
  const text = await mainText(page);
  assert.match(text, /●/);
  assert.match(text, /－/, "days before the window are not bookable");
  assert.match(text, /● 空きあり.*▲ 一部空きあり.*× 満室.*－ 受付対象外/);
  // A ● opens the week of free-room counts; 翌週 and 前週 move it.
  await page.click(`button.mark[data-date="${stayDate}"]`);
  await page.waitForSelector(`button[data-day="${stayDate}"]`);
  assert.equal(await page.textContent(`button[data-day="${stayDate}"]`), "15");
  assert.match(await mainText(page), /空き室数/);
  await page.click("#next-week");
  await page.waitForSelector(`button[data-day="${addDays(stayDate, 7)}"], [data-day-off="${addDays(stayDate, 7)}"]`);
  await page.click("#prev-week");
  await page.waitForSelector(`button[data-day="${stayDate}"]`);
  noProblems(p);
  await p.close();
});

test("M6: a user books two nights end to end while another browser sees the free rooms drop live", async () => {
  const watcher = await openPage(browser);
  await watcher.page.goto(`${base}/vacancy/seaside/week/${stayDate}`);
  const count = watcher.page.locator(`td[data-date="${stayDate}"] .count`);
  await watcher.page.waitForSelector(".live-badge:has-text('自動で表示')");
  assert.equal(await count.textContent(), "15");
  const calendar = await openPage(browser);
  await calendar.page.goto(`${base}/vacancy/seaside?month=${stayDate.slice(0, 7)}`);
  await calendar.page.waitForSelector(".live-badge:has-text('自動で表示')");
  assert.equal(await calendar.page.textContent(`td[data-date="${stayDate}"] .mark`), "●");

  const p = await openPage(browser);
  const { page } = p;
  await login(page, base, HANAKO);
  await page.click("#menu-vacancy");
  await page.click('a[data-facility="seaside"]');
  await page.waitForSelector("table.cal");
  if (!(await page.locator(`button.mark[data-date="${stayDate}"]`).count())) await page.click("#next-month");
  await page.click(`button.mark[data-date="${stayDate}"]`);
  await page.click(`button[data-day="${stayDate}"]`);
  await page.waitForSelector("h1:has-text('予約の申込み')");
  assert.equal(await page.textContent("#book-facility"), "海の見える保養所");
  assert.match(await page.textContent("#book-date"), new RegExp(`${Number(stayDate.slice(5, 7))}月${Number(stayDate.slice(8))}日`));
  assert.equal(await page.locator("input[name=roomStyle]").count(), 0, "no style wish at seaside");
  await page.check('input[name=nights][value="2"]');
  assert.equal(await page.locator("select.people").count(), 2, "two people fields for two nights");
  // Both nights are required.
  await page.selectOption("select[name=people1]", "2");
  await page.click("#apply");
  await page.waitForSelector("[data-field=people2] .field-error:not([hidden])");
  await page.selectOption("select[name=people2]", "3");
  await page.click("#apply");
  await page.waitForSelector("#reservationNumber");
  assert.match(p.dialogTexts.at(-1), /予約を申込みます/);
  reservationNumber = (await page.textContent("#reservationNumber")).trim();
  assert.match(reservationNumber, /^\d+$/);
  assert.match(await mainText(page), /予約申込みの完了.*2名 \/ 3名/);

  // Live, without reload: 15 → 14 in the week, ● → ▲ in the calendar.
  await watcher.page.waitForFunction((d) => document.querySelector(`td[data-date="${d}"] .count`)?.textContent === "14", stayDate);
  await watcher.page.waitForFunction((d) => document.querySelector(`td[data-date="${d}"] .count`)?.textContent === "14", addDays(stayDate, 1));
  await calendar.page.waitForFunction((d) => document.querySelector(`td[data-date="${d}"] .mark`)?.textContent === "▲", stayDate);
  noProblems(watcher);
  noProblems(calendar);
  await watcher.close();
  await calendar.close();

  await page.click("#finish");
  await page.waitForSelector("h1:has-text('登録されている方の専用メニュー')");
  await page.click("#menu-reservations");
  await page.waitForSelector("#reservations");
  const row = page.locator(`tr[data-reservation="${reservationNumber}"]`);
  assert.match((await row.textContent()).replace(/\s+/g, " "), /海の見える保養所.*２泊.*2名 \/ 3名.*先着/);
  noProblems(p);
  await p.close();
});

test("M6: booking without login asks to log in, then returns to the booking form", async () => {
  const p = await openPage(browser);
  const { page } = p;
  const dates = await bookableDates(server, "ohiradai", { minDays: 10 });
  const day = dates[0];
  await page.goto(`${base}/vacancy/ohiradai/week/${day}`);
  await page.click(`button[data-day="${day}"]`);
  await page.waitForSelector("h1:has-text('ログイン')");
  assert.match(await mainText(page), /ログインしてください/);
  await page.fill("#userNumber", TARO.number);
  await page.fill("#password", TARO.password);
  await page.click("#login");
  await page.waitForSelector("h1:has-text('予約の申込み')");
  assert.equal(await page.textContent("#user-name"), "芝 太郎 様");
  // 大平台みなと荘 asks the room-style wish (和室／洋室／どちらでも).
  assert.match(await mainText(page), /和洋室希望.*和室.*洋室.*どちらでも/);
  // 申込み中止 goes back to the week to change the date.
  await page.click("#abort");
  await page.waitForSelector(`button[data-day="${day}"]`);
  await page.click(`button[data-day="${day}"]`);
  await page.check('input[name=roomStyle][value="western"]');
  // A western room takes at most 2 people.
  assert.equal(await page.locator("select[name=people1] option[value='3']").count(), 0);
  await page.selectOption("select[name=people1]", "2");
  // Of the 2, one is a child; an infant comes too (not counted). The price
  // before OK has a line per category (ohiradai's demo rates, no surcharges).
  await page.selectOption("select[name=children1]", "1");
  await page.selectOption("select[name=infants1]", "1");
  const rates = (await (await fetch(`${base}/api/facilities/ohiradai/rates?date=${day}`)).json()).rates;
  const yen = (n) => `${n.toLocaleString("en-US")}円`;
  await page.click("#apply");
  await page.waitForSelector("#reservationNumber");
  const confirmText = p.dialogTexts.at(-1);
  assert.match(confirmText, /予約を申込みます/);
  for (const line of [`大人 1名 × ${yen(rates.adult)} = ${yen(rates.adult)}`,
    `子ども 1名 × ${yen(rates.child)} = ${yen(rates.child)}`, `幼児 1名 × ${yen(rates.infant)}`,
    `入湯税 1名 × ${yen(rates.bathingTax)}`]) {
    assert.ok(confirmText.includes(line), `${line} in: ${confirmText}`);
  }
  const total = yen(rates.adult + rates.child + rates.infant + rates.bathingTax);
  assert.ok(confirmText.includes(`合計 ${total}`), confirmText);
  assert.equal(await page.textContent("#booked-price"), `合計 ${total}`);
  assert.equal(await page.locator("#price-changed").count(), 0, "the price recorded is the one quoted");
  assert.match(await mainText(page), /洋室/);
  noProblems(p);
  await p.close();
});

test("M6: a price recorded other than the one quoted before OK is said on the done screen", async () => {
  const p = await openPage(browser);
  const { page } = p;
  await login(page, base, HANAKO);
  const dates = await bookableDates(server, "ohiradai", { minDays: 10 });
  const day = dates.at(-1);
  // The rate table changes between the quote and OK: here the quote's answer
  // is made 1,000 yen dearer than what the booking will record.
  await page.route("**/api/quotes", async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    json.price.total += 1000;
    await route.fulfill({ response, json });
  });
  await page.goto(`${base}/vacancy/ohiradai/week/${day}`);
  await page.click(`button[data-day="${day}"]`);
  await page.waitForSelector("h1:has-text('予約の申込み')");
  await page.selectOption("select[name=people1]", "2");
  await page.click("#apply");
  await page.waitForSelector("#reservationNumber");
  const recorded = (await page.textContent("#booked-price")).replace("合計 ", "");
  const warning = await page.textContent("#price-changed");
  assert.match(warning, /確認画面の料金（[0-9,]+円）から変わりました/);
  assert.ok(warning.includes(`記録された料金は合計 ${recorded}`), warning);
  // Leave Hanako without reservations, as the tests below expect.
  const number = (await page.textContent("#reservationNumber")).trim();
  await page.unroute("**/api/quotes");
  await call(page, "POST", "/api/reservations/cancellations", { reservationNumbers: [number] });
  noProblems(p);
  await p.close();
});

test("M7: change the people of a night and drop the second night", async () => {
  const p = await openPage(browser);
  const { page } = p;
  // A position this tab already holds (as after any write of its own; a
  // login answers none), so that the quote below has one to name.
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("hoyo.position")) sessionStorage.setItem("hoyo.position", "1");
  });
  await login(page, base, HANAKO);
  await page.click("#menu-reservations");
  await page.waitForSelector("#reservations");
  // 変更 without a selection explains itself.
  await page.click("#change");
  await page.waitForSelector(".alert.error");
  await page.check(`input[name=reservation][value="${reservationNumber}"]`);
  await page.click("#change");
  await page.waitForSelector("h1:has-text('予約の変更')");
  assert.equal(await page.textContent("#change-number"), reservationNumber);
  assert.equal(await page.locator("input[name=dropNight]").count(), 2, "削除 on each night's row");
  const mine = async () => (await page.evaluate(() => fetch("/api/reservations").then((r) => r.json())))
    .find((r) => r.reservationNumber === reservationNumber);
  const before = await mine();
  assert.ok(before.price, "seaside's demo rates price the booking");
  // The quote is a read: sent at our last write's position (a cluster node
  // answers it from its own copy), as a GET is.
  const quoted = [];
  page.on("request", (r) => { if (r.url().endsWith("/quote")) quoted.push(r.headers()); });
  // Of the 4 on the first night one is a child, and an infant comes too.
  await page.selectOption("select[name=people1]", "4");
  await page.selectOption("select[name=children1]", "1");
  await page.selectOption("select[name=infants1]", "1");
  await page.check('input[name=dropNight][value="2"]');
  await page.click("#submit-change");
  await page.waitForSelector("#change-done");
  assert.equal(await page.textContent("#changed-people"), "4名");
  assert.equal(quoted.length, 1, "one quote before OK");
  assert.ok(Number(quoted[0]["x-min-position"]) > 0, "the quote names our last write's position");
  // The new price and the difference were shown before OK, as recorded.
  const after = await mine();
  assert.deepEqual(after.guests, [{ adults: 3, children: 1, infants: 1 }]);
  const yen = (n) => `${n.toLocaleString("en-US")}円`;
  const diff = after.price.total - before.price.total;
  const diffText = diff < 0 ? `差額 −${yen(-diff)}（お支払いが減ります）` : `差額 +${yen(diff)}（追加でお支払い）`;
  const confirmText = p.dialogTexts.at(-1);
  assert.match(confirmText, /予約を以下の内容に変更します/);
  assert.match(confirmText, /子ども 1名 × /);
  assert.ok(confirmText.includes(`合計 ${yen(after.price.total)}`), confirmText);
  assert.ok(confirmText.includes(diffText), `${diffText} in: ${confirmText}`);
  assert.equal(await page.textContent("#changed-price"), `合計 ${yen(after.price.total)}`);
  assert.equal(await page.textContent("#changed-difference"), diffText);
  assert.match(await page.textContent("#changed-date"), /１泊/);
  await page.click("#finish");
  await page.waitForSelector("#reservations");
  const row = (await page.locator(`tr[data-reservation="${reservationNumber}"]`).textContent()).replace(/\s+/g, " ");
  assert.match(row, /１泊.*4名/);
  // The dropped night is free again.
  const week = await server.api("GET", `/api/vacancy/seaside/week?from=${stayDate}`);
  assert.equal(week.days[0].freeRooms, 14);
  assert.equal(week.days[1].freeRooms, 15);
  await page.click("#back");
  await page.waitForSelector("h1:has-text('登録されている方の専用メニュー')");
  noProblems(p);
  await p.close();
});

test("M7: a change the rules refuse is refused by its quote, before OK, and nothing changes", async () => {
  // The ward requires two people per room (an operator sets it).
  const op = await openPage(browser);
  await staffLogin(op.page, base, OPERATOR);
  await call(op.page, "PUT", "/api/operator/settings/limits", { minPeoplePerRoom: 2 });
  const p = await openPage(browser);
  const { page } = p;
  await login(page, base, HANAKO);
  await page.click("#menu-reservations");
  await page.waitForSelector("#reservations");
  await page.check(`input[name=reservation][value="${reservationNumber}"]`);
  await page.click("#change");
  await page.waitForSelector("h1:has-text('予約の変更')");
  const asked = p.dialogTexts.length;
  await page.selectOption("select[name=people1]", "1");
  await page.selectOption("select[name=children1]", "0");
  await page.click("#submit-change");
  await page.waitForSelector(".alert.error");
  assert.match(await page.textContent(".alert.error"), /1室の利用人数は2名以上です/);
  assert.equal(p.dialogTexts.length, asked, "no confirmation asked for a change the quote refused");
  const list = await page.evaluate(() => fetch("/api/reservations").then((r) => r.json()));
  assert.deepEqual(list.find((r) => r.reservationNumber === reservationNumber).people, [4]);
  await call(op.page, "PUT", "/api/operator/settings/limits", { minPeoplePerRoom: 0 });
  noProblems(p);
  await p.close();
  await op.close();
});

test("M8: cancel a reservation; the room returns to vacancy at once", async () => {
  const p = await openPage(browser);
  const { page } = p;
  await login(page, base, HANAKO);
  await page.click("#menu-reservations-cancel");
  await page.waitForSelector("#reservations");
  await page.check(`input[name=reservationNumbers][value="${reservationNumber}"]`);
  await page.click("#cancel");
  await page.waitForSelector("#cancel-done");
  assert.match(p.dialogTexts.at(-1), /取り消します/);
  assert.match(await page.textContent("#cancelled"), new RegExp(reservationNumber));
  await page.click("#to-menu");
  await page.waitForSelector("h1:has-text('登録されている方の専用メニュー')");
  await page.click("#menu-reservations-cancel");
  await page.waitForSelector("#no-reservations");
  const week = await server.api("GET", `/api/vacancy/seaside/week?from=${stayDate}`);
  assert.equal(week.days[0].freeRooms, 15);
  noProblems(p);
  await p.close();
});

test("M7/M8: inside the change and cancellation windows a reservation cannot be selected nor cancelled", async () => {
  const p = await openPage(browser);
  const { page } = p;
  await login(page, base, HANAKO);
  const dates = await bookableDates(server, "kogen", { minDays: 5 });
  const day = dates[0];
  // Booked through the page's own API module, which keeps the answer's log
  // position, so the list read after the re-login below includes it.
  const booked = await page.evaluate(async (d) => {
    const { api } = await import("/js/api.js");
    return api("POST", "/api/reservations", { body: { facilityId: "kogen", checkIn: d, nights: 1, people: [2] } });
  }, day);
  assert.ok(booked.reservationNumber, JSON.stringify(booked));
  // Two days before check-in: inside both windows (3 days).
  await server.setClock(new Date(`${addDays(day, -2)}T10:00:00+09:00`));
  // Sessions follow the business clock too: days later, the page asks to log in again.
  await page.click("#menu-reservations");
  await page.waitForSelector("h1:has-text('ログイン')");
  assert.match(await mainText(page), /ログインしてください/);
  await page.fill("#userNumber", HANAKO.number);
  await page.fill("#password", HANAKO.password);
  await page.click("#login");
  await page.waitForSelector("#reservations");
  assert.ok(await page.locator(`input[name=reservation][value="${booked.reservationNumber}"]`).isDisabled());
  assert.match(await page.textContent(`tr[data-reservation="${booked.reservationNumber}"]`), /変更期間外/);
  await page.click("#back");
  await page.click("#menu-reservations-cancel");
  await page.waitForSelector("#no-reservations");
  noProblems(p);
  await p.close();
});

test("English: the toggle is kept across reloads and the API answers in English", async () => {
  const p = await openPage(browser);
  const { page } = p;
  await page.goto(base + "/vacancy/seaside");
  await page.click("header button:text-is('English')");
  await page.waitForSelector("#site-title:text-is('Minato City Resort Facility Reservations')");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  // The screen re-renders in English after the header does.
  await page.waitForFunction(() => /Vacancy and booking/.test(document.querySelector("main")?.textContent || ""));
  assert.match(await mainText(page), /Vacancy and booking.*● free.*▲ some free/);
  await page.goto(base + "/login");
  await page.fill("#userNumber", HANAKO.number);
  await page.fill("#password", "wrong-password");
  await page.click("#login");
  await page.waitForSelector(".alert.error");
  assert.match(await page.textContent(".alert.error .alert-title"), /Please log in/, "Accept-Language: en");
  await page.click("header button:text-is('日本語')");
  await page.waitForSelector("#site-title:text-is('港区区民保養施設予約システム')");
  noProblems(p);
  await p.close();
});
