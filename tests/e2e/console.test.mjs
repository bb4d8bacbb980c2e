// The operator console (O1–O6: booking, changing and finding reservations on a
// user's behalf, the CSV export, the guest list, closed dates, a postcard
// applicant, opening a lottery period with a committed seed, a projection
// rebuild), the auditor console (A1–A3: verify, events, history, replay;
// A2: the auditor's commitment to a period, only its hash sent), and a staff
// member's own account (TOTP enrolment and login, password change).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { startHoyod } from "./server.mjs";
import { launch } from "./browser.mjs";
import { HANAKO, OPERATOR, AUDITOR, openPage, noProblems, staffLogin, mainText, bookableDates, addDays, totpCode, call } from "./helpers.mjs";

let server, browser, base, op, day, number, newLottery;

before(async () => {
  server = await startHoyod();
  base = server.url;
  browser = await launch();
  op = await openPage(browser);
  await staffLogin(op.page, base, OPERATOR);
  day = (await bookableDates(server, "seaside", { minDays: 9 }))[0];
});
after(async () => {
  await op?.close();
  await browser?.close();
  await server?.stop();
});

const yen = (n) => `${n.toLocaleString("en-US")}円`;

// The page's element `id` shows `price`: a line per night and category
// (count, unit price, amount) and the total.
async function shownPrice(page, price, id = "#price") {
  const lines = await page.locator(`${id} li`).allTextContents();
  assert.equal(lines.length, price.lines.length, lines.join("\n"));
  price.lines.forEach((l, i) => assert.ok(lines[i].endsWith(`${l.count}名 × ${yen(l.unitPrice)} = ${yen(l.amount)}`), `${lines[i]} for ${JSON.stringify(l)}`));
  assert.equal(await page.textContent(`${id} .price-total`), `合計 ${yen(price.total)}`);
}

// The dialog `text` shows `price` line by line and its total.
function dialogPrice(text, price) {
  for (const l of price.lines) assert.ok(text.includes(`${l.count}名 × ${yen(l.unitPrice)} = ${yen(l.amount)}`), `${JSON.stringify(l)} in: ${text}`);
  assert.ok(text.includes(`合計 ${yen(price.total)}`), text);
}

test("O4: book on a user's behalf, find it, change it; O6: the CSV download link works", async () => {
  const { page } = op;
  await page.click(".console-nav a:text-is('代理予約')");
  await page.waitForSelector("#book-for");
  await page.fill("#book-user", HANAKO.number);
  await page.selectOption("#book-for select[name=facilityId]", "seaside");
  await page.waitForSelector("#book-for select[name=facilityId] >> nth=0");
  await page.fill("#book-checkin", day);
  await page.dispatchEvent("#book-checkin", "change");
  await page.waitForURL(new RegExp(`date=${day}`));
  // Of the 3, one is a child (the form asks each night's children and infants).
  await page.selectOption("select[name=people1]", "3");
  await page.selectOption("select[name=children1]", "1");
  await page.click("#book-submit");
  await page.waitForSelector("#booked-number");
  number = (await page.textContent("#booked-number")).trim();
  assert.match(number, /^\d+$/);
  // The price was shown before OK, a line per category, as the booking
  // recorded it, and the done summary shows it too.
  const recorded = (await call(page, "GET", `/api/operator/reservations?number=${number}`))[0];
  assert.ok(recorded.price, "seaside's demo rates price the booking");
  assert.deepEqual(recorded.guests, [{ adults: 2, children: 1, infants: 0 }]);
  const bookText = op.dialogTexts.at(-1);
  assert.match(bookText, new RegExp(`利用者 ${HANAKO.number} に代わって`));
  assert.match(bookText, /子ども 1名 × /);
  dialogPrice(bookText, recorded.price);
  await shownPrice(page, recorded.price, "#booked-price");

  await page.click(".console-nav a:text-is('予約検索・CSV')");
  await page.selectOption("#search-form select[name=facilityId]", "seaside");
  await page.fill("#search-form input[name=from]", day);
  await page.fill("#search-form input[name=to]", addDays(day, 1));
  await page.click("#search");
  await page.waitForSelector("#reservations");
  const row = (await page.textContent(`tr[data-reservation="${number}"]`)).replace(/\s+/g, " ");
  assert.match(row, new RegExp(`${HANAKO.number}.*海の見える保養所.*3名.*予約済み`));
  const href = await page.getAttribute("#csv-link", "href");
  assert.match(href, /^\/api\/operator\/reservations\.csv\?/);
  const res = await op.context.request.get(base + href);
  assert.equal(res.status(), 200);
  assert.match(res.headers()["content-type"], /text\/csv/);
  const csv = (await res.text()).replace(/^\uFEFF/, "");
  assert.match(csv.split(/\r?\n/)[0], /^予約番号,利用者番号,氏名/);
  assert.match(csv, new RegExp(`${number},${HANAKO.number},${HANAKO.name},seaside,${day}`));
  // The download link really downloads.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#csv-link")]);
  assert.equal(download.suggestedFilename(), "reservations.csv");

  // The guest list of that night.
  await page.goto(`${base}/operator/guests?facilityId=seaside&date=${day}`);
  await page.waitForSelector("#guests");
  assert.match(await page.textContent("#guests"), new RegExp(`${number}.*${HANAKO.number}.*${HANAKO.name}.*3名`));

  // The reservation's view shows its price, a line per night and category
  // (seaside's demo rates), the total, and whether it is paid.
  await page.click(`#guests a:text-is("${number}")`);
  await page.waitForSelector("#change-for");
  const booked = (await call(page, "GET", `/api/operator/reservations?number=${number}`))[0];
  assert.ok(booked.price, "seaside's demo rates price the booking");
  await shownPrice(page, booked.price);

  // Change on the user's behalf: one adult stays, the child does not come, a
  // cheaper stay. Before OK the console shows the new price and the
  // (negative) difference; after it, the difference and the new lines.
  await page.selectOption("select[name=people1]", "1");
  await page.selectOption("select[name=children1]", "0");
  await page.click("#change-submit");
  await page.waitForFunction(() => /人数\s*1名/.test(document.querySelector("dl.summary")?.textContent || ""));
  const changed = (await call(page, "GET", `/api/operator/reservations?number=${number}`))[0];
  assert.deepEqual(changed.people, [1]);
  const diff = changed.price.total - booked.price.total;
  assert.ok(diff < 0, `one adult costs less than two and a child: ${diff}`);
  const diffText = `差額 −${yen(-diff)}（お支払いが減ります）`;
  const changeText = op.dialogTexts.at(-1);
  assert.match(changeText, /利用者に代わって予約を変更します/);
  dialogPrice(changeText, changed.price);
  assert.ok(changeText.includes(diffText), `${diffText} in: ${changeText}`);
  const flash = await page.textContent(".alert.success", { timeout: 1000 });
  assert.ok(flash.includes(`予約を変更しました。 ${diffText}`), flash);
  await shownPrice(page, changed.price);

  // Paid at the facility: the operator marks it (issue 17), once.
  assert.equal(await page.textContent("#payment"), "未払い");
  await page.click("#mark-paid");
  await page.waitForFunction(() => document.querySelector("#payment")?.textContent === "支払済み");
  assert.equal(await page.locator("#mark-paid").count(), 0);
  noProblems(op);
});

test("O2: closed dates show as － on the public calendar; O4: a postcard applicant gets a user number", async () => {
  const { page } = op;
  const closed = (await bookableDates(server, "kogen", { minDays: 12 }))[0];
  await page.goto(base + "/operator/facilities");
  await page.click("#edit-kogen");
  await page.waitForSelector("#closures");
  await page.fill("#closure-dates", closed);
  await page.click("#close-dates");
  await page.waitForSelector(`#closed-list li:text-is("${closed}")`);
  const anon = await openPage(browser);
  await anon.page.goto(`${base}/vacancy/kogen?month=${closed.slice(0, 7)}`);
  await anon.page.waitForSelector(`td[data-date="${closed}"]`);
  assert.equal(await anon.page.textContent(`td[data-date="${closed}"] .mark`), "－");
  noProblems(anon);
  await anon.close();

  await page.click(".console-nav a:text-is('はがき申込者の登録')");
  await page.fill("#postcard-form input[name=nameKanji]", "赤坂 はがき");
  await page.fill("#postcard-form input[name=nameKana]", "アカサカ　ハガキ");
  await page.fill("#postcard-form input[name=birthDate]", "1950-01-02");
  await page.fill("#postcard-form input[name=postalCode]", "107-0052");
  await page.fill("#postcard-form input[name=address]", "東京都港区赤坂1-1-1");
  await page.fill("#postcard-form input[name=phone]", "03-1111-2222");
  await page.click("#postcard-submit");
  await page.waitForSelector("#postcard-user-number");
  const postcardNumber = (await page.textContent("#postcard-user-number")).trim();
  assert.match(postcardNumber, /^\d+$/);
  // The notice letter to print and post: the number and the activation code,
  // shown this once; the code opens the account's first login.
  await page.waitForSelector("#notice-letter");
  assert.equal((await page.textContent("#letter-user-number")).trim(), postcardNumber);
  const letterCode = (await page.textContent("#letter-activation-code")).trim();
  assert.match(letterCode, /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
  assert.match(await page.textContent("#notice-letter"), /赤坂 はがき 様/);
  const first = await fetch(base + "/api/session", {
    method: "POST", headers: { "Content-Type": "application/json", "X-Requested-With": "e2e" },
    body: JSON.stringify({ userNumber: postcardNumber, password: letterCode }),
  });
  assert.equal(first.status, 200);
  assert.equal((await first.json()).mustChangePassword, true);
  noProblems(op);
});

test("O3: open a lottery period; only the SHA-256 of the generated secret is sent", async () => {
  const { page } = op;
  await page.goto(base + "/operator/lotteries/new");
  await page.waitForSelector("#lottery-form");
  const month = await page.inputValue("input[name=stayMonth]");
  const [y, m] = month.split("-").map(Number);
  const later = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7); // one month later than the demo's
  await page.fill("input[name=stayMonth]", later);
  await page.dispatchEvent("input[name=stayMonth]", "change");
  await page.click("#open-lottery");
  await page.waitForSelector("[data-field=seedHash] .field-error:not([hidden])");
  await page.click("#generate-secret");
  await page.waitForFunction(() => document.querySelector("#new-seed-hash").value.length === 64);
  const secret = await page.inputValue("#new-secret");
  const hash = await page.inputValue("#new-seed-hash");
  assert.match(secret, /^[0-9a-f]{64}$/);
  assert.equal(hash, createHash("sha256").update(Buffer.from(secret, "hex")).digest("hex"));
  await page.check("#secret-kept");
  await page.click("#open-lottery");
  await page.waitForSelector("#lottery-status");
  assert.match(await mainText(page), new RegExp(hash));
  assert.doesNotMatch(await mainText(page), new RegExp(secret), "the secret is not kept by the server");
  assert.equal(await page.getAttribute("#lottery-status", "data-status"), "upcoming");
  assert.match(await page.textContent("#lottery-auditor-hash"), /未登録/);
  newLottery = new URL(page.url()).pathname.split("/").pop();
  noProblems(op);
});

test("A2: the auditor commits to the new period; only the SHA-256 of the secret is sent", async () => {
  assert.ok(newLottery, "O3 opened a period");
  const a = await openPage(browser);
  const { page } = a;
  await staffLogin(page, base, AUDITOR);
  await page.click(".console-nav a:text-is('抽選の秘密の値')");
  await page.waitForSelector("#audit-lotteries");
  assert.match(await page.textContent(`[data-step="${newLottery}"]`), /コミットが必要です/);
  await page.click(`#audit-lottery-${newLottery}`);
  await page.waitForSelector("#commit-form");
  // Not without having kept the secret.
  await page.click("#commit-generate");
  await page.waitForFunction(() => document.querySelector("#commit-hash").value.length === 64);
  const secret = await page.inputValue("#commit-secret");
  const hash = await page.inputValue("#commit-hash");
  assert.match(secret, /^[0-9a-f]{64}$/);
  assert.equal(hash, createHash("sha256").update(Buffer.from(secret, "hex")).digest("hex"));
  await page.click("#commit");
  await page.waitForSelector("#commit-form .field-error:not([hidden])");
  // A secret typed in is hashed as it is typed.
  await page.fill("#commit-secret", "00ff");
  await page.waitForFunction(() => document.querySelector("#commit-hash").value ===
    "06eb7d6a69ee19e5fbdf749018d3d2abfa04bcbd1365db312eb86dc7169389b8");
  await page.fill("#commit-secret", secret);
  await page.waitForFunction((h) => document.querySelector("#commit-hash").value === h, hash);
  await page.check("#commit-kept");
  const sent = [];
  page.on("request", (r) => { if (r.method() === "POST") sent.push({ url: r.url(), body: r.postData() || "" }); });
  await page.click("#commit");
  await page.waitForSelector("#commit-form .alert.success");
  assert.equal(sent.length, 1);
  assert.match(sent[0].url, new RegExp(`/api/audit/lotteries/${newLottery}/commitment$`));
  assert.deepEqual(JSON.parse(sent[0].body), { seedHash: hash });
  assert.ok(!sent[0].body.includes(secret), "the secret never leaves the browser");
  await page.click("#commit-reload");
  await page.waitForSelector("#reveal-form");
  assert.equal(await page.textContent("#auditor-seed-hash"), hash);
  // Before the close the reveal is refused.
  await page.fill("#reveal-secret", secret);
  await page.click("#reveal");
  await page.waitForSelector("#reveal-form .alert.error");
  assert.match(await page.textContent("#reveal-form .alert.error"), /申込期間が終わるまで/);
  // The operator sees the auditor's commitment.
  await op.page.reload();
  await op.page.waitForSelector("#lottery-auditor-hash");
  assert.equal(await op.page.textContent("#lottery-auditor-hash"), hash);

  // In English, the screen has an English word for everything.
  await page.click("header button:text-is('English')");
  await page.waitForSelector("h1:text-is('Secrets of lottery " + newLottery + "')");
  const english = await mainText(page);
  assert.doesNotMatch(english, /[\u3040-\u30ff\u3400-\u9fff]/, `Japanese left: ${english}`);
  await page.click(".console-nav a:text-is('Lottery secrets')");
  await page.waitForSelector("#audit-lotteries");
  assert.doesNotMatch(await mainText(page), /[\u3040-\u30ff\u3400-\u9fff]/);
  await page.click("header button:text-is('日本語')");
  await page.waitForSelector("h1:text-is('抽選の秘密の値')");
  noProblems(a);
  await a.close();
});

test("O5: rebuild a projection from the console", async () => {
  const { page } = op;
  await page.click(".console-nav a:text-is('投影の再構築')");
  await page.waitForSelector("#projections");
  assert.match(await page.textContent("#projections"), /stays/);
  await page.click("#rebuild-stays");
  await page.waitForSelector(".alert.success");
  assert.match(await page.textContent(".alert.success"), /stays の再構築を開始しました/);
  noProblems(op);
});

test("A1–A3: the auditor verifies the log, pages through events, reads a history and replays vacancy", async () => {
  const a = await openPage(browser);
  const { page } = a;
  await page.goto(base + "/audit/login");
  await page.fill("#staffLogin", AUDITOR.login);
  await page.fill("#staffPassword", AUDITOR.password);
  await page.click("#staff-login");
  await page.waitForSelector("h1:text-is('監査コンソール')");
  assert.equal(await page.textContent("#user-name"), "demo-auditor（監査担当）");
  // An auditor is not an operator.
  await page.goto(base + "/operator/registrations");
  await page.waitForSelector("h1:has-text('権限がありません')");

  await page.goto(base + "/audit/verify");
  await page.click("#verify");
  await page.waitForSelector("#verify-ok");
  assert.equal(await page.getAttribute("#verify-ok", "data-ok"), "true");
  assert.match(await page.textContent("#verify-result"), /正常です（ok）/);
  assert.ok(Number(await page.textContent("#verify-checked")) > 20);

  await page.goto(base + "/audit/events?limit=10");
  await page.waitForSelector("#events");
  assert.equal(await page.locator("#events tbody tr").count(), 10);
  assert.match(await page.textContent("#events-range"), /位置 1 ～ 10/);
  await page.click("#events-next");
  await page.waitForSelector("#events-range:has-text('位置 11 ～')");

  await page.goto(`${base}/audit/history?kind=reservation&id=${number}`);
  await page.waitForSelector("#history");
  const history = await page.textContent("#history");
  assert.match(history, /ReservationBooked/);
  assert.match(history, /operator:demo-operator/);

  const position = (await server.api("GET", "/api/health")).position;
  await page.goto(`${base}/audit/replay?position=${position}&facilityId=seaside&from=${day}&reservationNumber=${number}`);
  await page.waitForSelector("#replay-vacancy");
  assert.match((await page.textContent("#replay-vacancy tbody tr")).replace(/\s+/g, " "), /14/);
  assert.match(await page.textContent("#replay-reservation"), new RegExp(number));
  noProblems(a);
  await a.close();
});

test("Staff account: the operator enrols TOTP, logs in with a code, changes the password, turns TOTP off", async () => {
  const { page } = op;
  await page.goto(base + "/operator");
  await page.click(".console-nav a:text-is('アカウント設定')");
  await page.waitForSelector("#totp-status[data-status=off]");
  await page.click("#totp-start");
  await page.waitForSelector("#totp-secret");
  const secret = (await page.textContent("#totp-secret")).trim();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.match(await page.textContent("#totp-uri"), new RegExp(`^otpauth://totp/Hoyo:demo-operator\\?secret=${secret}&issuer=Hoyo`));
  const recovery = (await page.locator("#recovery-codes li").allTextContents()).map((c) => c.trim());
  assert.equal(recovery.length, 10);
  assert.match(recovery[0], /^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
  // A wrong code does not turn it on; the authenticator's does.
  let now = await server.clock();
  const code = totpCode(secret, now);
  await page.fill("#totp-confirm-code", code === "000000" ? "111111" : "000000");
  await page.click("#totp-confirm");
  await page.waitForSelector("[data-field=totp] .field-error:not([hidden])");
  await page.fill("#totp-confirm-code", code);
  await page.click("#totp-confirm");
  await page.waitForSelector("#totp-status[data-status=on]");
  assert.match(await page.textContent(".alert.success"), /二段階認証を有効にしました/);

  // Log out; the password alone is not enough any more.
  await page.click("#logout");
  await page.waitForSelector("#staff-login");
  await page.fill("#staffLogin", OPERATOR.login);
  await page.fill("#staffPassword", OPERATOR.password);
  await page.click("#staff-login");
  await page.waitForSelector("#staffTotp", { state: "visible" });
  // The confirming code was used: the next 30-second step's code logs in.
  now = new Date(now.getTime() + 30000);
  await server.setClock(now);
  await page.fill("#staffTotp", totpCode(secret, now));
  await page.click("#staff-login");
  await page.waitForSelector(".console-nav");

  // The staff password change ends every session: log in again with it.
  const newPassword = "minato-ops-2027-new";
  await page.goto(base + "/operator/account");
  await page.waitForSelector("#staff-password");
  await page.fill("#staff-current-password", OPERATOR.password);
  await page.fill("#staff-new-password", newPassword);
  await page.fill("#staff-new-password-confirm", newPassword);
  await page.click("#staff-password-set");
  await page.waitForSelector("#staff-login");
  assert.match(await page.textContent(".alert.success"), /パスワードを変更しました/);
  await page.fill("#staffLogin", OPERATOR.login);
  await page.fill("#staffPassword", newPassword);
  await page.click("#staff-login");
  await page.waitForSelector("#staffTotp", { state: "visible" });
  await page.fill("#staffTotp", recovery[0].toLowerCase());  // a recovery code, once
  await page.click("#staff-login");
  await page.waitForSelector(".console-nav");

  // Turned off with the password and a recovery code.
  await page.goto(base + "/operator/account");
  await page.fill("#totp-off-password", newPassword);
  await page.fill("#totp-off-code", recovery[1]);
  await page.click("#totp-disable");
  await page.waitForSelector("#totp-status[data-status=off]");

  // Every label of the screen has its English.
  await page.click("header button:text-is('English')");
  await page.waitForSelector("h1:text-is('Account settings')");
  assert.doesNotMatch(await mainText(page), /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/);
  await page.click("#totp-start");
  await page.waitForSelector("#totp-secret");
  assert.doesNotMatch(await mainText(page), /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/);
  await page.click("#logout");
  await page.waitForSelector("#staffTotp", { state: "hidden" });
  assert.doesNotMatch(await mainText(page), /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/);
  noProblems(op);
});
