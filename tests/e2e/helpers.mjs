// What the browser tests share: a page that accepts confirm dialogs and
// records what would break the page (script errors, CSP violations), logins
// through the real forms, writes through a page's session, and vacancy
// look-ups to pick test dates.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import zlib from "node:zlib";

export const HANAKO = { number: "10000012", password: "demo-hanako-2026", name: "港 花子" };
export const TARO = { number: "10000020", password: "demo-taro-2026", name: "芝 太郎" };
export const OPERATOR = { login: "demo-operator", password: "demo-operator-2026" };
export const AUDITOR = { login: "demo-auditor", password: "demo-auditor-2026" };

// A fresh context and page; `problems` collects page errors and CSP reports.
// `bypassCSP` lets a test inject a script of its own (the accessibility scan
// injects axe-core); the pages' own CSP is tested everywhere else.
export async function openPage(browser, { dialogs = "accept", bypassCSP = false } = {}) {
  const context = await browser.newContext({ locale: "ja-JP", timezoneId: "Asia/Tokyo", viewport: { width: 1200, height: 900 }, bypassCSP });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const problems = [];
  const dialogTexts = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to|SyntaxError|TypeError|ReferenceError/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on("dialog", (d) => {
    dialogTexts.push(d.message());
    if (dialogs === "accept") d.accept(); else d.dismiss();
  });
  return { context, page, problems, dialogTexts, close: () => context.close() };
}

// A write through a logged-in page's session, as the pages send it: the
// answer's JSON (null for none); a refusal throws with its status and body.
export const call = (page, method, path, body) => page.evaluate(async ([m, p, b]) => {
  const res = await fetch(p, { method: m, headers: { "X-Requested-With": "e2e", ...(b ? { "Content-Type": "application/json" } : {}) },
    body: b ? JSON.stringify(b) : undefined });
  const text = await res.text();
  if (!res.ok) throw new Error(`${m} ${p}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}, [method, path, body]);

// A string's bytes in hex, as the lottery secrets are sent.
export const hex = (s) => Buffer.from(s).toString("hex");

export function noProblems(p) {
  assert.deepEqual(p.problems, [], "the page had script errors or CSP violations");
}

export async function login(page, base, user) {
  await page.goto(base + "/login");
  await page.fill("#userNumber", user.number);
  await page.fill("#password", user.password);
  await page.click("#login");
  await page.waitForSelector("h1:has-text('登録されている方の専用メニュー')");
}

export async function staffLogin(page, base, who) {
  await page.goto(base + "/operator/login");
  await page.fill("#staffLogin", who.login);
  await page.fill("#staffPassword", who.password);
  await page.click("#staff-login");
  await page.waitForSelector(".console-nav");
}

// The RFC 6238 code an authenticator app shows for a base32 secret at `date`
// (HMAC-SHA-1, 30-second steps, 6 digits), `steps` steps later.
export function totpCode(base32, date, steps = 0) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of base32) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) key.push(parseInt(bits.slice(i, i + 8), 2));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(date.getTime() / 30000) + steps));
  const mac = createHmac("sha1", Buffer.from(key)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, "0");
}

export async function mainText(page) {
  return (await page.textContent("main")).replace(/\s+/g, " ");
}

// Bookable dates (● or ▲) of a facility's calendar, at least `minDays`
// after today, as the server (and its clock) sees them.
export async function bookableDates(server, facilityId, { minDays = 7, months = 3 } = {}) {
  const today = (await server.clock()).toISOString().slice(0, 10);
  const min = addDays(today, minDays);
  const cal = await server.api("GET", `/api/vacancy/${facilityId}/calendar?months=${months}`);
  return cal.days.filter((d) => (d.symbol === "●" || d.symbol === "▲") && d.date >= min).map((d) => d.date);
}

// The centre opens facility `id` (待ちの宿), one room with the cancellation
// waitlist on, and 芝 太郎 books that room on its first bookable date at least
// `minDays` on, which it returns: a full date (×) to join the waitlist for.
// `rates`: the lodge's rate tables, when given (PUT's `rates`).
export async function soldOutLodge(server, browser, id, { minDays = 21, rates } = {}) {
  const op = await openPage(browser);
  await staffLogin(op.page, server.url, OPERATOR);
  await call(op.page, "PUT", `/api/operator/facilities/${id}`, {
    name: "待ちの宿", nameEn: "Waiting Lodge", styleWish: false,
    roomTypes: [{ style: "standard", rooms: 1, capacity: 4 }], waitlist: { enabled: true },
    ...(rates ? { rates } : {}),
  });
  await op.close();
  const [day] = await bookableDates(server, id, { minDays });
  assert.ok(day, `a bookable date at ${id}`);
  const t = await openPage(browser);
  await login(t.page, server.url, TARO);
  const booked = await call(t.page, "POST", "/api/reservations", { facilityId: id, checkIn: day, nights: 1, people: [2] });
  await t.close();
  return { day, reservationNumber: booked.reservationNumber };
}

export function addDays(s, n) {
  const d = new Date(`${s}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// CRC-32 (ISO-HDLC, as PNG chunks use it). zlib.crc32 exists only from
// Node.js 20.15; Debian 12 ships 18.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
export function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// A small valid PNG (a blue card with a yellow stripe), made here, for the
// worker's proof of employment.
export function makePng(width = 48, height = 32) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      const stripe = y > height * 0.6 && y < height * 0.75;
      const [r, g, b] = stripe ? [242, 183, 5] : [29, 79, 145];
      raw.set([r, g, b], row + 1 + x * 3);
    }
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}
