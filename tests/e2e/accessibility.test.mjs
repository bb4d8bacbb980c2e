// Accessibility: axe-core itself (the engine, injected into each screen) with
// the WCAG 2.0/2.1 A and AA and WCAG 2.2 AA rules on every screen of the
// users' pages and of the operators' and auditors' consoles, walked with real
// state (the demo users and staff, a booking changed and cancelled, a
// cancellation-waitlist entry for a sold-out date, lottery applications, a
// worker's pending registration with its proof, a postcard applicant's notice
// letter, a drawn and published lottery), at 1280 px and at 360 px wide: zero
// violations, each one printed with its rule and elements when there are
// some. And the accessibility policy (/accessibility,
// JIS X 8341-3:2016): open without login, linked from every page's footer, in
// Japanese and English, saying what docs/accessibility.md says.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startHoyod } from "./server.mjs";
import { launch } from "./browser.mjs";
import { HANAKO, OPERATOR, AUDITOR, soldOutLodge, openPage, noProblems, login, staffLogin, mainText, bookableDates, addDays, makePng, call } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve("axe-core/axe.min.js");
const AXE_VERSION = require("axe-core/package.json").version;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const WIDTHS = [{ width: 1280, height: 900 }, { width: 360, height: 800 }];

let server, browser, base, lottery, ohiradaiStay, seasideDay, kogenDay;
let fullDay;               // the one room of LODGE (waitlist on) is booked by 芝 太郎 that day
const LODGE = "wl-lodge";
let workerName;           // a worker's registration left pending for the operators
let reservationByOperator; // booked on 港 花子's behalf in the operators' console
let laterLottery;          // a period opened in the console, for the auditor's commitment
let postcard;              // a postcard applicant's user number and activation code

before(async () => {
  server = await startHoyod();
  base = server.url;
  browser = await launch();
  // The demo lottery opens 60 s after the demo data is written.
  const now = await server.clock();
  await server.setClock(new Date(now.getTime() + 120000));
  lottery = await demoLottery();
  const ohiradai = await bookableDates(server, "ohiradai", { minDays: 8 });
  ohiradaiStay = ohiradai.find((d) => ohiradai.includes(addDays(d, 1)));
  seasideDay = (await bookableDates(server, "seaside", { minDays: 9 }))[0];
  kogenDay = (await bookableDates(server, "kogen", { minDays: 9 }))[0];
  assert.ok(ohiradaiStay && seasideDay && kogenDay, "bookable dates at ohiradai, seaside and kogen");
  ({ day: fullDay } = await soldOutLodge(server, browser, LODGE));
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

// The demo lottery period, as a logged-in user sees it.
async function demoLottery() {
  const res = await fetch(base + "/api/session", {
    method: "POST", headers: { "Content-Type": "application/json", "X-Requested-With": "e2e" },
    body: JSON.stringify({ userNumber: HANAKO.number, password: HANAKO.password }),
  });
  assert.equal(res.status, 200);
  const cookie = res.headers.get("set-cookie").split(";")[0];
  const list = await (await fetch(base + "/api/lotteries", { headers: { Cookie: cookie } })).json();
  assert.equal(list[0]?.status, "open", "the demo lottery is open");
  return list[0];
}

// Collects axe-core's violations over the screens of one test and fails the
// test with all of them, readably, at the end.
function axeScanner() {
  const found = [];
  const screens = [];
  return {
    screens,
    async scan(page, screen) {
      screens.push(screen);
      for (const size of WIDTHS) {
        await page.setViewportSize(size);
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE_PATH });
        const result = await page.evaluate((values) => window.axe.run(document, {
          runOnly: { type: "tag", values }, resultTypes: ["violations"],
        }), TAGS);
        for (const v of result.violations) {
          found.push({
            screen, width: size.width, path: new URL(page.url()).pathname, id: v.id, impact: v.impact,
            help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html, summary: n.failureSummary })),
          });
        }
      }
      await page.setViewportSize(WIDTHS[0]);
    },
    assertClean() {
      if (found.length === 0) return;
      const text = found.map((v) => [
        `✗ ${v.screen} (${v.path}) at ${v.width} px: ${v.id} [${v.impact}] ${v.help}`,
        `  ${v.helpUrl}`,
        ...v.nodes.flatMap((n) => [`  • ${n.target}`, `    ${n.html.slice(0, 200)}`,
          ...String(n.summary || "").split("\n").map((l) => `      ${l}`)]),
      ].join("\n")).join("\n\n");
      assert.fail(`${found.length} accessibility violation(s) on ${new Set(found.map((v) => v.screen)).size} screen(s):\n\n${text}`);
    },
  };
}

const a11yPage = (opts) => openPage(browser, { bypassCSP: true, ...opts });

async function fillRegistration(page, v) {
  for (const [k, val] of Object.entries(v)) {
    if (k === "category") await page.check(`input[name=category][value=${val}]`);
    else await page.fill(`#reg-${k}`, val);
  }
}

test("public screens, logged out, at 1280 and 360 px: no axe-core violation", async () => {
  const a = axeScanner();
  const p = await a11yPage();
  const { page } = p;

  await page.goto(base + "/");
  await page.waitForSelector("#login");
  await a.scan(page, "top page");
  await page.fill("#userNumber", HANAKO.number);
  await page.fill("#password", "wrong-password");
  await page.click("#login");
  await page.waitForSelector(".alert.error");
  await a.scan(page, "top page: a refused login");
  await page.goto(base + "/login");
  await page.click("#login");
  await page.waitForSelector("[aria-invalid=true]");
  await a.scan(page, "login: fields missing");

  await page.goto(base + "/vacancy");
  await page.waitForSelector("#facility-list");
  await a.scan(page, "vacancy: facility choice");
  await page.click("#facility-all");
  await page.waitForSelector("table.cal");
  await a.scan(page, "vacancy: two months (すべて)");
  await page.goto(`${base}/vacancy/ohiradai/week/${ohiradaiStay}`);
  await page.waitForSelector("#week button.count");
  await a.scan(page, "vacancy: a week (with room styles)");
  await page.click(`button.count[data-day="${ohiradaiStay}"]`);
  await page.waitForSelector("h1:has-text('ログイン')");
  await a.scan(page, "booking without login: asked to log in");

  await page.goto(base + "/register");
  await page.waitForSelector("#register-form");
  await a.scan(page, "registration form");
  await page.click("#confirm");
  await page.waitForSelector("[data-field=nameKanji] .field-error:not([hidden])");
  await a.scan(page, "registration form: field errors");
  workerName = "芝浦 働子";
  await fillRegistration(page, {
    nameKanji: workerName, nameKana: "シバウラ　ハタラコ", birthDate: "1988-02-14", postalCode: "105-0023",
    address: "東京都品川区東品川1-2-3", phone: "090-2345-6789", email: "hatarako@example.jp", category: "worker",
  });
  await page.waitForSelector("#workplace:not([hidden])");
  await page.fill("#reg-workplaceName", "芝浦運輸株式会社");
  await page.fill("#reg-workplaceAddress", "東京都港区芝浦3-3-3");
  await a.scan(page, "registration form: a worker");
  await page.click("#confirm");
  await page.waitForSelector("#register-confirm");
  await a.scan(page, "registration: confirmation");
  await page.click("#submit");
  await page.waitForSelector("[data-field=consent] .field-error:not([hidden])");
  await a.scan(page, "registration: confirmation with errors");
  await page.setInputFiles("#proof", { name: "shaincho.png", mimeType: "image/png", buffer: makePng() });
  await page.check("text=上記に同意して利用者登録する。");
  await page.click("#submit");
  await page.waitForSelector("#register-done");
  await a.scan(page, "registration: done (a worker, pending)");

  await page.goto(base + "/password-reset");
  await page.waitForSelector("#send");
  await a.scan(page, "password reset: request");
  await page.fill("#resetUserNumber", HANAKO.number);
  await page.fill("#resetEmail", "someone@example.jp");
  await page.click("#send");
  await page.waitForSelector("#reset-sent");
  await a.scan(page, "password reset: mail sent");
  await page.goto(base + "/password-reset/0123456789abcdef");
  await page.waitForSelector("#set");
  await a.scan(page, "password reset: new password");
  await page.fill("input[name=newPassword]", "Minato-Reset-2027");
  await page.fill("input[name=newPasswordConfirm]", "Minato-Reset-2027");
  await page.click("#set");
  await page.waitForSelector("a[href='/password-reset']");
  await a.scan(page, "password reset: a dead link");

  await page.goto(base + "/accessibility");
  await page.waitForSelector("#accessibility-policy");
  await a.scan(page, "accessibility policy");
  await page.goto(base + "/no-such-page");
  await page.waitForSelector("h1:has-text('ページが見つかりません')");
  await a.scan(page, "page not found");

  noProblems(p);
  await p.close();
  a.assertClean();
  assert.ok(a.screens.length >= 19, `${a.screens.length} screens scanned`);
});

test("a user's screens (港 花子), at 1280 and 360 px: no axe-core violation", async () => {
  const a = axeScanner();
  const p = await a11yPage();
  const { page } = p;
  await login(page, base, HANAKO);
  await a.scan(page, "member menu");

  // M6: book two nights with the room-style wish, change, cancel.
  await page.goto(`${base}/vacancy/ohiradai/book/${ohiradaiStay}`);
  await page.waitForSelector("#apply");
  await a.scan(page, "booking form (room-style wish)");
  await page.check('input[name=nights][value="2"]');
  await page.click("#apply");
  await page.waitForSelector("[aria-invalid=true]");
  await a.scan(page, "booking form: field errors");
  await page.check('input[name=roomStyle][value="japanese"]');
  await page.selectOption("select[name=people1]", "2");
  await page.selectOption("select[name=people2]", "2");
  await page.click("#apply");
  await page.waitForSelector("#reservationNumber");
  const number = (await page.textContent("#reservationNumber")).trim();
  await a.scan(page, "booking: done");
  await page.goto(base + "/reservations");
  await page.waitForSelector("#reservations");
  await a.scan(page, "reservations (M7)");
  await page.goto(`${base}/reservations/${number}/change`);
  await page.waitForSelector("#submit-change");
  await a.scan(page, "reservation change form");
  await page.selectOption("select[name=people1]", "1");
  await page.click("#submit-change");
  await page.waitForSelector("#change-done");
  await a.scan(page, "reservation change: done");
  await page.goto(base + "/reservations/cancel");
  await page.waitForSelector("#reservations");
  await a.scan(page, "reservation cancellation (M8)");
  await page.locator(`tr[data-reservation="${number}"] input[type=checkbox]`).check();
  await page.click("#cancel");
  await page.waitForSelector("#cancel-done");
  await a.scan(page, "reservation cancellation: done");
  await page.goto(base + "/reservations/cancel");
  await page.waitForSelector("#no-reservations");
  await a.scan(page, "reservation cancellation: nothing to cancel");

  // キャンセル待ち at kogen (the demo's facility with a waitlist): the joining
  // form, a refusal (a room is free: book instead), the empty list.
  await page.goto(`${base}/vacancy/kogen/waitlist/${kogenDay}`);
  await page.waitForSelector("#join-waitlist");
  await a.scan(page, "waitlist: joining form");
  await page.selectOption("select[name=people1]", "2");
  await page.click("#join-waitlist");
  await page.waitForSelector("#waitlist-form .alert-slot .alert");
  await a.scan(page, "waitlist: joining refused");
  await page.goto(base + "/waitlist");
  await page.waitForSelector("#no-waitlist");
  await a.scan(page, "waitlist: no entries");
  // A full date (×) at LODGE joins its waitlist, from the calendar or the week.
  await page.goto(`${base}/vacancy/${LODGE}?month=${fullDay.slice(0, 7)}`);
  await page.waitForSelector(`button.mark.full[data-date="${fullDay}"]`);
  await a.scan(page, "vacancy: a full date that joins the waitlist");
  await page.goto(`${base}/vacancy/${LODGE}/week/${fullDay}`);
  await page.waitForSelector(`button[data-waitlist-day="${fullDay}"]`);
  await a.scan(page, "vacancy: a week with a full date (waitlist)");
  await page.click(`button[data-waitlist-day="${fullDay}"]`);
  await page.waitForSelector("#join-waitlist");
  await page.selectOption("select[name=people1]", "2");
  await page.click("#join-waitlist");
  await page.waitForSelector("#waitlist-joined");
  await a.scan(page, "waitlist: joined");
  await page.click("#to-waitlist");
  await page.waitForSelector("#waitlist");
  await a.scan(page, "waitlist: an entry");

  // M2–M5: apply for two wishes, list, cancel one, the pending result.
  await page.goto(base + "/menu");
  await page.click("#menu-lottery-apply");
  await page.waitForSelector("#lottery-facilities");
  await a.scan(page, "lottery: facility choice");
  await page.click('#lottery-facilities a[data-facility="ohiradai"]');
  await page.waitForSelector("#demand button");
  await a.scan(page, "lottery: a week of 申込総数／当選可能数");
  const day = (n) => `${lottery.stayMonth}-${String(n).padStart(2, "0")}`;
  await page.click(`button[data-day="${day(5)}"]`);
  await page.waitForSelector("#slots");
  await a.scan(page, "lottery: application form");
  await page.selectOption("select[name=people1]", "2");
  await page.click('button[data-slot="1"]');
  await page.waitForSelector("#lottery-done");
  await a.scan(page, "lottery: application done");
  await page.click("#next-wish");
  await page.waitForSelector(`button[data-day="${day(6)}"]`);
  await page.click(`button[data-day="${day(6)}"]`);
  await page.waitForSelector("#slots");
  await a.scan(page, "lottery: application form, a slot taken");
  await page.selectOption("select[name=people1]", "3");
  await page.click('button[data-slot="2"]');
  await page.waitForSelector("#lottery-done");
  await page.goto(base + "/lottery/applications");
  await page.waitForSelector("#applications");
  await a.scan(page, "lottery applications (M3)");
  await page.goto(base + "/lottery/cancel");
  await page.waitForSelector("#applications");
  await a.scan(page, "lottery cancellation (M4)");
  await page.locator("#applications tbody tr", { hasText: "第２希望" }).locator("input[type=checkbox]").check();
  await page.click("#cancel");
  await page.waitForSelector("#cancel-done");
  await a.scan(page, "lottery cancellation: done");
  await page.goto(base + "/lottery/results");
  await page.waitForSelector(".result.pending");
  await a.scan(page, "lottery results: not yet published (M5)");

  // お知らせ (the booking and cancellation receipts above) and its settings.
  await page.goto(base + "/notices");
  await page.waitForSelector("#notices");
  await a.scan(page, "notices (お知らせ)");
  await page.goto(base + "/preferences");
  await page.waitForSelector("#set");
  await a.scan(page, "notice settings");

  await page.goto(base + "/password");
  await page.waitForSelector("#set");
  await a.scan(page, "password change (M10)");
  await page.click("#set");
  await page.waitForSelector("[aria-invalid=true]");
  await a.scan(page, "password change: field errors");

  noProblems(p);
  await p.close();
  a.assertClean();
  assert.ok(a.screens.length >= 20, `${a.screens.length} screens scanned`);
});

test("the operators' console (demo-operator), at 1280 and 360 px: no axe-core violation", async () => {
  const a = axeScanner();
  const p = await a11yPage();
  const { page } = p;
  await page.goto(base + "/operator/login");
  await page.waitForSelector("#staff-login");
  await a.scan(page, "staff login");
  await page.fill("#staffLogin", OPERATOR.login);
  await page.fill("#staffPassword", "not-the-password");
  await page.click("#staff-login");
  await page.waitForSelector(".alert.error");
  await a.scan(page, "staff login: refused");
  await staffLogin(page, base, OPERATOR);
  await a.scan(page, "operators' console: home");

  await page.goto(base + "/operator/registrations");
  const card = page.locator(`article.registration[data-name="${workerName}"]`);
  await card.waitFor();
  const img = card.locator("img.proof-image");
  await img.waitFor();
  await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
  await a.scan(page, "registrations: pending, with a proof (O1)");
  await page.click("#tab-approved");
  await page.waitForSelector("article.registration");
  await a.scan(page, "registrations: approved");

  await page.goto(base + "/operator/users/new");
  await page.waitForSelector("#postcard-form");
  await a.scan(page, "postcard applicant form (O4)");
  await page.fill("#postcard-form input[name=nameKanji]", "三田 はがき");
  await page.fill("#postcard-form input[name=nameKana]", "ミタ　ハガキ");
  await page.fill("#postcard-form input[name=birthDate]", "1948-03-09");
  await page.fill("#postcard-form input[name=postalCode]", "108-0073");
  await page.fill("#postcard-form input[name=address]", "東京都港区三田1-1-1");
  await page.fill("#postcard-form input[name=phone]", "03-2222-3333");
  await page.click("#postcard-submit");
  await page.waitForSelector("#notice-letter");
  await a.scan(page, "postcard applicant: the notice letter");
  postcard = {
    number: (await page.textContent("#letter-user-number")).trim(),
    password: (await page.textContent("#letter-activation-code")).trim(),
  };

  await page.goto(base + "/operator/notices");
  await page.waitForSelector("#notices");
  await a.scan(page, "notice delivery");
  await page.goto(base + "/operator/notices?delivery=post");
  await page.waitForSelector("#notice-total");
  await a.scan(page, "notice delivery: to post");

  await page.goto(base + "/operator/facilities");
  await page.waitForSelector("#facilities");
  await a.scan(page, "facilities (O2)");
  await page.goto(base + "/operator/facilities/ohiradai");
  await page.waitForSelector("#facility-form");
  await a.scan(page, "facility: edit and closed dates");
  await page.goto(base + "/operator/facilities/new");
  await page.waitForSelector("#facility-form");
  await a.scan(page, "facility: new");

  await page.goto(base + "/operator/lotteries");
  await page.waitForSelector("#lotteries");
  await a.scan(page, "lottery periods (O3)");
  await page.goto(`${base}/operator/lotteries/${lottery.lotteryId}`);
  await page.waitForSelector("#lottery-status[data-status=open]");
  await a.scan(page, "lottery period: open, with applications");
  await page.goto(base + "/operator/lotteries/new");
  await page.waitForSelector("#lottery-form");
  await a.scan(page, "lottery period: new");
  const month = await page.inputValue("input[name=stayMonth]");
  const [y, m] = month.split("-").map(Number);
  await page.fill("input[name=stayMonth]", new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7));
  await page.dispatchEvent("input[name=stayMonth]", "change");
  await page.click("#generate-secret");
  await page.waitForFunction(() => document.querySelector("#new-seed-hash").value.length === 64);
  await page.check("#secret-kept");
  await a.scan(page, "lottery period: new, secret generated");
  await page.click("#open-lottery");
  await page.waitForSelector("#lottery-status[data-status=upcoming]");
  laterLottery = new URL(page.url()).pathname.split("/").pop();
  await a.scan(page, "lottery period: upcoming, no auditor yet");

  await page.goto(`${base}/operator/book?facilityId=seaside&date=${seasideDay}&userNumber=${HANAKO.number}`);
  await page.waitForSelector("#book-for select[name=people1]");
  await a.scan(page, "book on a user's behalf (O4)");
  await page.selectOption("select[name=people1]", "2");
  await page.click("#book-submit");
  await page.waitForSelector("#booked-number");
  reservationByOperator = (await page.textContent("#booked-number")).trim();
  await a.scan(page, "book on a user's behalf: done");
  await page.goto(base + "/operator/reservations");
  await page.waitForSelector("#search-form");
  await a.scan(page, "reservation search (O4, O6)");
  await page.fill("#search-form input[name=userNumber]", HANAKO.number);
  await page.click("#search");
  await page.waitForSelector("#reservations");
  await a.scan(page, "reservation search: results");
  await page.goto(`${base}/operator/reservations/${reservationByOperator}`);
  await page.waitForSelector("#change-for");
  await a.scan(page, "reservation: change on a user's behalf");
  await page.goto(`${base}/operator/guests?facilityId=seaside&date=${seasideDay}`);
  await page.waitForSelector("#guests");
  await a.scan(page, "guest list");
  await page.goto(base + "/operator/projections");
  await page.waitForSelector("#projections");
  await a.scan(page, "projections (O5)");

  // ルール設定 (issue 17): the rules in force, a confirmation, the saved
  // values; with a yearly limit on, the member menu's 利用状況 panel.
  await page.goto(base + "/operator/rules");
  await page.waitForSelector("#limits-form");
  await a.scan(page, "rules: penalties and limits");
  await page.fill("#limits-nightsPerFiscalYear", "100");
  await page.click("#limits-review");
  await page.waitForSelector("#limits-confirm:not([hidden])");
  await a.scan(page, "rules: confirmation");
  await page.click("#limits-save");
  await page.waitForSelector("#limits-result .alert.success");
  await a.scan(page, "rules: saved");
  const resident = await a11yPage();
  await login(resident.page, base, HANAKO);
  await resident.page.waitForSelector("#usage-table");
  await a.scan(resident.page, "member menu: 利用状況");
  noProblems(resident);
  await resident.close();
  await page.fill("#limits-nightsPerFiscalYear", "0");
  await page.click("#limits-review");
  await page.click("#limits-save");
  await page.waitForSelector("#limits-result .alert.success");
  assert.equal((await call(page, "GET", "/api/operator/settings/limits")).nightsPerFiscalYear, 0);

  await page.goto(base + "/operator/account");
  await page.waitForSelector("#totp-status[data-status=off]");
  await a.scan(page, "account settings");
  await page.click("#totp-start");
  await page.waitForSelector("#totp-secret");
  await a.scan(page, "account settings: TOTP enrolment");
  await page.goto(base + "/audit");
  await page.waitForSelector("h1:has-text('権限がありません')");
  await a.scan(page, "an auditors' screen refused to an operator");

  noProblems(p);
  await p.close();
  a.assertClean();
  assert.ok(a.screens.length >= 25, `${a.screens.length} screens scanned`);
});

test("the auditors' console (demo-auditor), at 1280 and 360 px: no axe-core violation", async () => {
  assert.ok(laterLottery && reservationByOperator, "the operators' test ran first");
  const a = axeScanner();
  const p = await a11yPage();
  const { page } = p;
  await page.goto(base + "/audit/login");
  await page.waitForSelector("#staff-login");
  await a.scan(page, "auditor login");
  await page.fill("#staffLogin", AUDITOR.login);
  await page.fill("#staffPassword", AUDITOR.password);
  await page.click("#staff-login");
  await page.waitForSelector("h1:text-is('監査コンソール')");
  await a.scan(page, "auditors' console: home");

  await page.goto(base + "/audit/events?limit=20");
  await page.waitForSelector("#events");
  await a.scan(page, "events (A1)");
  await page.goto(base + "/audit/verify");
  await page.click("#verify");
  await page.waitForSelector("#verify-ok");
  await a.scan(page, "verify (A2)");
  await page.goto(base + "/audit/lotteries");
  await page.waitForSelector("#audit-lotteries");
  await a.scan(page, "lottery secrets");
  await page.goto(`${base}/audit/lotteries/${laterLottery}`);
  await page.waitForSelector("#commit-form");
  await a.scan(page, "lottery secrets: commitment form");
  await page.click("#commit-generate");
  await page.waitForFunction(() => document.querySelector("#commit-hash").value.length === 64);
  await page.click("#commit");
  await page.waitForSelector("#commit-form .field-error:not([hidden])");
  await a.scan(page, "lottery secrets: commitment, not kept");
  await page.check("#commit-kept");
  await page.click("#commit");
  await page.waitForSelector("#commit-form .alert.success");
  await a.scan(page, "lottery secrets: committed");
  await page.goto(`${base}/audit/lotteries/${lottery.lotteryId}`);
  await page.waitForSelector("#reveal-form");
  await a.scan(page, "lottery secrets: reveal form");
  await page.goto(base + "/audit/redraw");
  await page.waitForSelector("#redraw");
  await a.scan(page, "redraw");
  await page.goto(`${base}/audit/history?kind=user&id=${HANAKO.number}`);
  await page.waitForSelector("#history");
  await a.scan(page, "history (A3)");
  const position = (await server.api("GET", "/api/health")).position;
  await page.goto(`${base}/audit/replay?position=${position}&facilityId=seaside&from=${seasideDay}&reservationNumber=${reservationByOperator}`);
  await page.waitForSelector("#replay-vacancy");
  await a.scan(page, "replay (A1)");
  await page.goto(base + "/audit/account");
  await page.waitForSelector("#totp-status");
  await a.scan(page, "account settings (auditor)");

  noProblems(p);
  await p.close();
  a.assertClean();
  assert.ok(a.screens.length >= 13, `${a.screens.length} screens scanned`);
});

test("a first login, then after the reveal, the draw and the publication: the consoles and the won result, no axe-core violation", async () => {
  const a = axeScanner();
  // First, while its activation code still works (14 days): the postcard
  // applicant's first login, which opens only the password change.
  const f = await a11yPage();
  await f.page.goto(base + "/login");
  await f.page.fill("#userNumber", postcard.number);
  await f.page.fill("#password", postcard.password);
  await f.page.click("#login");
  await f.page.waitForSelector("h1:has-text('パスワード変更')");
  await a.scan(f.page, "password change at the first login (activation code)");
  noProblems(f);
  await f.close();

  await server.setClock(new Date(new Date(lottery.publishAt).getTime() + 60000));

  const au = await a11yPage();
  await staffLogin(au.page, base, AUDITOR);
  await au.page.goto(`${base}/audit/lotteries/${lottery.lotteryId}`);
  await au.page.fill("#reveal-secret", Buffer.from(`demo-auditor-secret-${lottery.lotteryId}`).toString("hex"));
  await au.page.click("#reveal");
  await au.page.waitForSelector("#reveal-form .alert.success");
  await a.scan(au.page, "lottery secrets: revealed");
  // The operator's browser does not know the reveal's log position: read it
  // back here first, so the operator's page finds it applied.
  await au.page.click("#reveal-reload");
  await au.page.waitForSelector("#auditor-revealed[data-revealed=true]");

  const op = await a11yPage();
  await staffLogin(op.page, base, OPERATOR);
  await op.page.goto(`${base}/operator/lotteries/${lottery.lotteryId}`);
  await op.page.waitForSelector("#lottery-auditor-revealed[data-revealed=true]");
  await op.page.fill("#draw-secret", Buffer.from(`demo-secret-${lottery.lotteryId}`).toString("hex"));
  await op.page.click("#draw");
  await op.page.waitForSelector("#draw-winners");
  await a.scan(op.page, "lottery period: drawn");
  await op.page.reload();
  await op.page.click("#publish");
  await op.page.waitForSelector("#publish-box .alert.success");
  await a.scan(op.page, "lottery period: published");
  noProblems(op);
  await op.close();

  await au.page.goto(`${base}/audit/redraw?lotteryId=${lottery.lotteryId}`);
  await au.page.click("#redraw");
  await au.page.waitForSelector("#redraw-result :is(dl, .alert, p)");
  await a.scan(au.page, "redraw: the result");
  noProblems(au);
  await au.close();

  const u = await a11yPage();
  await login(u.page, base, HANAKO);
  await u.page.goto(base + "/lottery/results");
  await u.page.waitForSelector(".result.won");
  await a.scan(u.page, "lottery results: won");
  await u.page.goto(base + "/confirmations");
  await u.page.waitForSelector("#confirmations");
  await a.scan(u.page, "confirm your wins: one awaiting");
  await u.page.goto(base + "/reservations");
  await u.page.waitForSelector("#reservations");
  await a.scan(u.page, "reservations with a lottery win");
  await u.page.goto(base + "/lottery");
  await u.page.waitForSelector("#no-lottery");
  await a.scan(u.page, "lottery: none open");
  noProblems(u);
  await u.close();

  a.assertClean();
});

// The lines of one language's block of docs/accessibility.md, as they read
// on the page (without the Markdown marks).
function policyLines(lang) {
  const doc = readFileSync(join(ROOT, "docs", "accessibility.md"), "utf8");
  const start = doc.indexOf(`<!-- page:${lang} -->`);
  const end = doc.indexOf(`<!-- /page:${lang} -->`);
  assert.ok(start >= 0 && end > start, `docs/accessibility.md has the ${lang} block`);
  return doc.slice(start, end).split("\n").slice(1)
    .map((l) => l.trim().replace(/^#+\s*/, "").replace(/^-\s+/, ""))
    .filter(Boolean);
}

test("the accessibility policy: linked from every page's footer, open without login, the text of docs/accessibility.md in Japanese and English", async () => {
  const a = axeScanner();
  const p = await a11yPage();
  const { page } = p;
  for (const path of ["/", "/vacancy", "/operator/login", "/audit/login"]) {
    await page.goto(base + path);
    await page.waitForSelector("#footer-accessibility");
    assert.equal(await page.getAttribute("#footer-accessibility", "href"), "/accessibility", path);
  }
  await page.click("#footer-accessibility");
  await page.waitForSelector("h1:text-is('ウェブアクセシビリティ方針')");
  assert.equal(new URL(page.url()).pathname, "/accessibility");
  const ja = await mainText(page);
  const jaLines = policyLines("ja");
  assert.ok(jaLines.length > 20);
  for (const line of jaLines) assert.ok(ja.includes(line), `on the page: ${line}`);
  assert.ok(ja.includes(`axe-core ${AXE_VERSION}`), `the page names the axe-core in use (${AXE_VERSION})`);
  assert.match(ja, /JIS X 8341-3:2016.*適合レベル AA/);

  await page.click("header button:text-is('English')");
  await page.waitForSelector("h1:text-is('Web accessibility policy')");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  const en = await mainText(page);
  for (const line of policyLines("en")) assert.ok(en.includes(line), `on the English page: ${line}`);
  assert.doesNotMatch(en, /[\u3040-\u30ff\u3400-\u9fff]/, "no Japanese left in English");
  assert.equal(await page.textContent("#footer-accessibility"), "Web accessibility policy");
  await a.scan(page, "accessibility policy (English)");
  await page.goto(base + "/");
  await page.waitForSelector("#login");
  await a.scan(page, "top page (English)");
  await page.click("header button:text-is('日本語')");
  await page.waitForSelector("h1:text-is('港区区民保養施設予約システム')");
  noProblems(p);
  await p.close();
  a.assertClean();
});
