// The rules around a stay (issue 17) in the browser: the operators' ルール設定
// screen shows the penalty rules and the limits in force and edits each with
// a confirmation step, the server's field errors beside their fields, and
// every field sent on each save; a resident then sees the monthly limit set
// there in the member menu's 利用状況 with their usage, and a booking past it
// is refused with the limit named.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startHoyod } from "./server.mjs";
import { launch } from "./browser.mjs";
import { HANAKO, OPERATOR, openPage, noProblems, login, staffLogin, call, bookableDates, addDays, mainText } from "./helpers.mjs";

let server, browser, base, op, user;

before(async () => {
  server = await startHoyod();
  base = server.url;
  browser = await launch();
  op = await openPage(browser);
  user = await openPage(browser);
});
after(async () => {
  await op?.close();
  await user?.close();
  await browser?.close();
  await server?.stop();
});

const text = async (page, sel) => (await page.innerText(sel)).replace(/\s+/g, " ").trim();

// Fills the form `id` (penalties or limits) with `values`, reviews and saves.
async function review(page, id, values) {
  for (const [name, v] of Object.entries(values)) {
    if (typeof v === "boolean") await page.setChecked(`#${id}-${name}`, v);
    else await page.fill(`#${id}-${name}`, String(v));
  }
  await page.click(`#${id}-review`);
  await page.waitForSelector(`#${id}-confirm:not([hidden])`);
}

test("the operators' rules screen: the rules in force, edited after a confirmation, field errors beside their fields", async () => {
  const { page } = op;
  await staffLogin(page, base, OPERATOR);
  await page.click(".console-nav a:text-is('ルール設定')");
  await page.waitForSelector("#limits-form");
  assert.equal(await text(page, "h1"), "ルール設定");
  // The defaults: suspensions on (3 days late, 30 and 60 days), no limits.
  assert.match(await text(page, "#penalties-current"), /利用停止を適用する 適用する .*3日 .*30日 .*60日/);
  assert.match(await text(page, "#limits-current"), /泊数の上限 制限なし .*月あたりの泊数の上限 制限なし/);
  assert.equal(await page.inputValue("#limits-nightsPerMonth"), "0");

  // Every PUT carries every field.
  const sent = [];
  page.on("request", (r) => { if (r.method() === "PUT") sent.push({ path: new URL(r.url()).pathname, body: r.postDataJSON() }); });

  // A value past the range: the confirmation, then the server's error beside its field.
  await review(page, "limits", { nightsPerMonth: 40 });
  assert.match(await text(page, "#limits-new"), /月あたりの泊数の上限 40泊 （変更前: 制限なし）/);
  await page.click("#limits-save");
  await page.waitForSelector("#limits-form [data-field=nightsPerMonth] .field-error:not([hidden])");
  assert.equal(await page.getAttribute("#limits-nightsPerMonth", "aria-invalid"), "true");
  assert.ok(await page.isHidden("#limits-confirm"));
  assert.match(await text(page, "#limits-current"), /月あたりの泊数の上限 制限なし/);

  // Going back from the confirmation changes nothing; saving does.
  await review(page, "limits", { nightsPerMonth: 2 });
  await page.click("#limits-fix");
  await page.waitForSelector("#limits-form:not([hidden])");
  assert.equal((await call(page, "GET", "/api/operator/settings/limits")).nightsPerMonth, 0);
  await review(page, "limits", { nightsPerMonth: 2 });
  await page.click("#limits-save");
  await page.waitForSelector("#limits-result .alert.success");
  assert.match(await text(page, "#limits-current"), /月あたりの泊数の上限 2泊/);
  assert.equal(await page.inputValue("#limits-nightsPerMonth"), "2");

  // The penalty rules: one field changed, the others sent as they are.
  await review(page, "penalties", { lateDays: 5 });
  await page.click("#penalties-save");
  await page.waitForSelector("#penalties-result .alert.success");
  await review(page, "penalties", { noShowDays: 45 });
  assert.match(await text(page, "#penalties-new"), /無断不泊後の利用停止（日数） 45日 （変更前: 60日）/);
  await page.click("#penalties-save");
  await page.waitForSelector("#penalties-current :text('45日')");
  assert.match(await text(page, "#penalties-current"), /5日 .*30日 .*45日/);

  assert.deepEqual(sent.map((s) => s.path), ["/api/operator/settings/limits", "/api/operator/settings/limits",
    "/api/operator/settings/penalties", "/api/operator/settings/penalties"]);
  assert.deepEqual(sent[1].body, { nightsPerFiscalYear: 0, nightsPerMonth: 2, minPeoplePerRoom: 0 });
  assert.deepEqual(sent[3].body, { enabled: true, lateDays: 5, lateCancellationDays: 30, noShowDays: 45 });

  // After a reload the screen shows what the server holds.
  await page.reload();
  await page.waitForSelector("#limits-form");
  assert.match(await text(page, "#limits-current"), /月あたりの泊数の上限 2泊/);
  assert.match(await text(page, "#penalties-current"), /5日 .*30日 .*45日/);
  noProblems(op);
});

test("a resident sees the monthly limit in the menu with their usage; a booking past it is refused with the message shown", async () => {
  const { page } = user;
  // Set by the operators' screen in the test above.
  await login(page, base, HANAKO);
  await page.waitForSelector("#usage");
  assert.equal(await text(page, "#usage-title"), "利用状況");
  const today = (await server.clock()).toISOString().slice(0, 10);
  const thisMonth = `${today.slice(0, 7)}-01`;
  const rows = async () => page.$$eval("#usage-table tbody tr", (trs) => trs.map((tr) => ({
    kind: tr.dataset.kind, period: tr.dataset.period, cells: [...tr.cells].map((c) => c.textContent.trim()) })));
  assert.deepEqual(await rows(), [{ kind: "nights_per_month", period: thisMonth,
    cells: [`${Number(today.slice(0, 4))}年${Number(today.slice(5, 7))}月`, "2泊", "0泊", "2泊"] }]);
  assert.equal(await page.$("#suspension"), null);

  // Two nights in one month (a stay of two nights, both bookable)...
  const dates = await bookableDates(server, "seaside", { minDays: 7 });
  const first = dates.find((d) => dates.includes(addDays(d, 1)) && addDays(d, 1).slice(0, 7) === d.slice(0, 7) &&
    dates.some((x) => x.slice(0, 7) === d.slice(0, 7) && x !== d && x !== addDays(d, 1)));
  assert.ok(first, "two nights and a third bookable in one month");
  const third = dates.find((x) => x.slice(0, 7) === first.slice(0, 7) && x !== first && x !== addDays(first, 1));
  await call(page, "POST", "/api/reservations", { facilityId: "seaside", checkIn: first, nights: 2, people: [2, 2] });
  // ...are shown against that month in the menu.
  await page.goto(`${base}/menu`);
  await page.waitForSelector(`#usage-table tr[data-period="${first.slice(0, 8)}01"]`);
  const month = (await rows()).find((r) => r.period === `${first.slice(0, 8)}01`);
  assert.deepEqual(month.cells.slice(1), ["2泊", "2泊", "0泊"]);

  // A third night that month is refused, the limit named on the form.
  await page.goto(`${base}/vacancy/seaside/book/${third}`);
  await page.waitForSelector("form.booking");
  await page.selectOption("select[name=people1]", "2");
  await page.click("#apply");
  await page.waitForSelector(".alert.error");
  assert.match(await text(page, ".alert.error"), /月（.+から）の利用泊数の上限（2泊）を超えます。すでに2泊を利用しています。/);
  noProblems(user);
});

test("the operators enter a new fiscal year's rate table and a facility's own penalty rules in the facility form", async () => {
  await staffLogin(op.page, base, OPERATOR);
  const facility = async () => (await call(op.page, "GET", "/api/operator/facilities")).find((f) => f.id === "seaside");
  const before = await facility();
  await op.page.goto(`${base}/operator/facilities/seaside`);
  await op.page.waitForSelector("#rate-tables");
  assert.equal(await op.page.locator(".rate-table").count(), before.rates.length, "every table in force is shown");

  // A table from 2030-04-01, starting from the newest table's prices, and a
  // late-cancellation period of 5 days at this facility only.
  await op.page.click("#add-rate-table");
  const added = op.page.locator(".rate-table").last();
  await added.locator("input[type=date]").fill("2030-04-01");
  await added.locator("input[name$='.adult']").fill("4100");
  await added.locator("input[name$='.senior.perNight']").fill("2000");
  await added.locator("input[name$='.senior.nightsPerFiscalYear']").fill("2");
  await op.page.fill("input[name='penalties.lateDays']", "5");
  await op.page.click("#save-facility");
  await op.page.waitForSelector("#facility-form .alert.success");
  const rates = (await call(op.page, "GET", "/api/facilities/seaside/rates?date=2030-05-01")).rates;
  assert.equal(rates.effectiveFrom, "2030-04-01");
  assert.equal(rates.adult, 4100);
  assert.deepEqual(rates.senior, { perNight: 2000, nightsPerFiscalYear: 2 });
  const saved = await facility();
  const byDate = (list) => [...list].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  assert.deepEqual(byDate(saved.rates.filter((r) => r.effectiveFrom !== "2030-04-01")), byDate(before.rates),
    "the other tables are kept as they were");
  assert.deepEqual(saved.penalties, { lateDays: 5 }, "only the field given overrides the ward's");

  // Shown again, newest first; a second table on the same day is refused
  // beside its date, and nothing changes.
  await op.page.reload();
  await op.page.waitForSelector("#rate-tables");
  assert.equal(await op.page.inputValue(".rate-table >> nth=0 >> input[type=date]"), "2030-04-01");
  assert.equal(await op.page.inputValue("input[name='penalties.lateDays']"), "5");
  await op.page.click("#add-rate-table");
  await op.page.locator(".rate-table").last().locator("input[type=date]").fill("2030-04-01");
  await op.page.click("#save-facility");
  const error = op.page.locator(".rate-table").last().locator(".field-error:not([hidden])");
  await error.first().waitFor();
  assert.match(await error.first().textContent(), /2030/);
  assert.equal((await facility()).rates.length, before.rates.length + 1);

  // A number the browser cannot read is shown beside its field, not saved as
  // left out.
  await op.page.locator(".rate-table").last().locator("button").click();  // the duplicate, unsaved
  await op.page.locator(".rate-table >> nth=0 >> input[name$='.bathingTax']").pressSequentially("1e");
  await op.page.click("#save-facility");
  await op.page.locator(".rate-table >> nth=0 >> .field-error:not([hidden])").first().waitFor();
  assert.match(await op.page.locator(".rate-table >> nth=0").textContent(), /半角数字で入力してください/);
  assert.deepEqual(byDate((await facility()).rates), byDate(saved.rates), "nothing saved");

  // The 2030 table removed, and the period left blank: as before.
  await op.page.locator(".rate-table >> nth=0 >> input[name$='.bathingTax']").fill(String(saved.rates.find((r) => r.effectiveFrom === "2030-04-01").bathingTax));
  await op.page.locator(".rate-table >> nth=0").locator("button").click();
  await op.page.fill("input[name='penalties.lateDays']", "");
  await op.page.click("#save-facility");
  await op.page.waitForSelector("#facility-form .alert.success");
  assert.deepEqual((await facility()).penalties, {});
  assert.deepEqual(byDate((await facility()).rates), byDate(before.rates));
  noProblems(op);
});

test("the booking form offers only the reductions the rates in force hold, none where they hold none; the server refuses a claim they do not hold", async () => {
  await staffLogin(op.page, base, OPERATOR);
  // 高原の保養所's tables lose their disability rate; 大平台みなと荘's keep
  // both; 海の見える保養所's demo rates have none.
  const kogen = (await call(op.page, "GET", "/api/operator/facilities")).find((f) => f.id === "kogen");
  const rates = kogen.rates.map(({ disability, ...kept }) => kept);
  await call(op.page, "PUT", "/api/operator/facilities/kogen",
    { name: kogen.name, nameEn: kogen.nameEn, styleWish: kogen.styleWish, roomTypes: kogen.roomTypes, rules: {}, rates });
  const member = await openPage(browser);
  await login(member.page, base, HANAKO);
  const offered = async (facilityId) => {
    const [day] = await bookableDates(server, facilityId, { minDays: 8 });
    await member.page.goto(`${base}/vacancy/${facilityId}/book/${day}`);
    await member.page.waitForSelector("select[name=people1]");
    const values = await member.page.locator("input[name=reduction]").evaluateAll((xs) => xs.map((x) => x.value));
    return { day, values, text: await mainText(member.page) };
  };
  const both = await offered("ohiradai");
  assert.deepEqual(both.values, ["none", "senior", "disability"]);
  assert.match(both.text, /障害者手帳/);
  const senior = await offered("kogen");
  assert.deepEqual(senior.values, ["none", "senior"], "no disability choice where the rates hold none");
  assert.doesNotMatch(senior.text, /障害者手帳/);
  assert.deepEqual((await offered("seaside")).values, [], "no reduction asked where the rates hold none");
  // The real guard: the claim sent anyway is refused by the rules' price
  // (the quote before OK prices as the booking does; hanako is at the
  // monthly limit the test above set, which the quote does not check).
  const claim = await member.page.evaluate(async ([day]) => {
    const res = await fetch("/api/quotes", { method: "POST", headers: { "X-Requested-With": "e2e", "Content-Type": "application/json" },
      body: JSON.stringify({ facilityId: "kogen", checkIn: day, nights: 1, people: [2], guests: [{ adults: 2, children: 0, infants: 0 }], reduction: "disability" }) });
    return { status: res.status, body: await res.json() };
  }, [senior.day]);
  assert.equal(claim.status, 422, JSON.stringify(claim.body));
  assert.equal(claim.body.code, "validation", JSON.stringify(claim.body));
  assert.equal(claim.body.errors[0].field, "reduction");
  noProblems(member);
  noProblems(op);
  await member.close();
});

test("a facility save over a change another operator made meanwhile is refused with the reason, and saves once reloaded", async () => {
  await staffLogin(op.page, base, OPERATOR);
  const facility = async () => (await call(op.page, "GET", "/api/operator/facilities")).find((f) => f.id === "seaside");
  const opened = await facility();
  await op.page.goto(`${base}/operator/facilities/seaside`);
  await op.page.waitForSelector("#rate-tables");

  // Another operator renames the facility while this page is open.
  const elsewhere = `${opened.nameEn} (annex)`;
  await call(op.page, "PUT", "/api/operator/facilities/seaside",
    { name: opened.name, nameEn: elsewhere, roomTypes: opened.roomTypes, styleWish: opened.styleWish });

  // This page's save would put the old English name back: refused, nothing saved.
  const otherNights = opened.rules.maxNights === 1 ? 2 : 1;  // the rule allows 1 or 2
  await op.page.fill("input[name='rules.maxNights']", String(otherNights));
  await op.page.click("#save-facility");
  await op.page.waitForSelector("#facility-form .alert-slot .alert");
  assert.match(await text(op.page, "#facility-form .alert-slot"), /別の操作で変更されました/);
  const after = await facility();
  assert.equal(after.nameEn, elsewhere, "the other operator's change stands");
  assert.equal(after.rules.maxNights, opened.rules.maxNights, "nothing of this save was applied");

  // Reloaded, the page shows the other change and saves over it; a second
  // save from the same page (now at the new revision) goes through too.
  await op.page.reload();
  await op.page.waitForSelector("#rate-tables");
  assert.equal(await op.page.inputValue("input[name='nameEn']"), elsewhere);
  await op.page.fill("input[name='nameEn']", opened.nameEn);
  await op.page.click("#save-facility");
  await op.page.waitForSelector("#facility-form .alert.success");
  await op.page.$eval("#facility-form .alert.success", (e) => { e.id = "first-save"; });
  await op.page.fill("input[name='rules.maxNights']", String(otherNights));
  await op.page.click("#save-facility");
  await op.page.waitForSelector("#facility-form .alert.success:not(#first-save)");
  assert.equal((await facility()).rules.maxNights, otherNights, "the second save from the same page went through");
  await op.page.fill("input[name='rules.maxNights']", String(opened.rules.maxNights));
  await op.page.$eval("#facility-form .alert.success", (e) => { e.id = "second-save"; });
  await op.page.click("#save-facility");
  await op.page.waitForSelector("#facility-form .alert.success:not(#second-save)");
  const restored = await facility();
  assert.equal(restored.nameEn, opened.nameEn);
  assert.equal(restored.rules.maxNights, opened.rules.maxNights);
  assert.equal(restored.revision, opened.revision, "a revision is a digest of the content: restored, it is the same");
  noProblems(op);
});
