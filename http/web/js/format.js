// Dates (business dates are Asia/Tokyo calendar dates "YYYY-MM-DD", handled
// as UTC midnights so no local time zone shifts them) and labels.
import { t, lang } from "./i18n.js";

const WEEK_JA = ["日", "月", "火", "水", "木", "金", "土"];
const WEEK_EN = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export const parseDate = (s) => new Date(`${s}T00:00:00Z`);
export const isoDate = (d) => d.toISOString().slice(0, 10);

export function addDays(s, n) {
  const d = parseDate(s);
  d.setUTCDate(d.getUTCDate() + n);
  return isoDate(d);
}

export function addMonths(month, n) { // "YYYY-MM"
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

export const weekdayIndex = (s) => parseDate(s).getUTCDay();
export const weekdayName = (s) => (lang() === "en" ? WEEK_EN : WEEK_JA)[weekdayIndex(s)];
export const weekdayNames = () => (lang() === "en" ? WEEK_EN : WEEK_JA);

// 2026年12月5日(土)
export function fmtDate(s) {
  if (!s) return "";
  const [y, m, d] = s.split("-").map(Number);
  if (lang() === "en") return `${weekdayName(s)} ${d} ${monthEn(m)} ${y}`;
  return `${y}年${m}月${d}日(${weekdayName(s)})`;
}

// 12/5(土)
export function fmtShort(s) {
  const [, m, d] = s.split("-").map(Number);
  return `${m}/${d}(${weekdayName(s)})`;
}

export function fmtMonth(month) {
  const [y, m] = month.split("-").map(Number);
  return lang() === "en" ? `${monthEn(m)} ${y}` : `${y}年${m}月`;
}

function monthEn(m) {
  return ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1];
}

// An RFC 3339 instant shown in Tokyo time: 2027年1月1日 08:59 (1 Jan 2027 08:59)
export function fmtInstant(s) {
  if (!s) return "";
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  const p = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    .formatToParts(d).reduce((o, x) => ({ ...o, [x.type]: x.value }), {});
  if (lang() === "en") return `${p.day} ${monthEn(Number(p.month))} ${p.year} ${p.hour}:${p.minute}`;
  return `${p.year}年${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
}

// Today in Tokyo (the browser's clock; the server's rules decide anyway).
export function tokyoToday() {
  const p = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  return p;
}

// Full-width digits, as the manual writes 第１希望.
export const fw = (n) => (lang() === "en" ? String(n) : String(n).replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)));

export function nightsLabel(n) { return lang() === "en" ? `${n} night${n > 1 ? "s" : ""}` : `${fw(n)}泊`; }

const STYLE = { japanese: "和室", western: "洋室", standard: "一般客室", any: "どちらでも" };
export const styleLabel = (s) => t(STYLE[s] || s || "－");

export function peopleLabel(people) {
  return people.map((p) => t("{n}名", { n: p })).join(" / ");
}

const RES_STATUS = { booked: "予約済み", cancelled: "取消済み" };
export const reservationStatus = (s) => t(RES_STATUS[s] || s);
const ORIGIN = { first_come: "先着", lottery: "抽選" };
export const originLabel = (s) => t(ORIGIN[s] || s);
const APP_STATUS = { active: "申込み中", cancelled: "取消済み", won: "当選", lost: "落選" };
export const applicationStatus = (s) => t(APP_STATUS[s] || s);
const LOT_STATUS = { upcoming: "受付前", open: "受付中", closed: "受付終了", drawn: "抽選済み", published: "結果発表済み" };
export const lotteryStatus = (s) => t(LOT_STATUS[s] || s);

export const CATEGORY = { resident: "港区内在住", worker: "港区内在勤" };
