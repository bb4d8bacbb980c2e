// Dates (business dates are Asia/Tokyo calendar dates "YYYY-MM-DD", handled
// as UTC midnights so no local time zone shifts them) and labels. The
// patterns and names are messages (format.*), in the page's language.
import { t, msgid, lang } from "./i18n.js";

const WEEKDAYS = [msgid("format.weekday.sun"), msgid("format.weekday.mon"), msgid("format.weekday.tue"),
  msgid("format.weekday.wed"), msgid("format.weekday.thu"), msgid("format.weekday.fri"), msgid("format.weekday.sat")];
const MONTHS = [msgid("format.monthName.jan"), msgid("format.monthName.feb"), msgid("format.monthName.mar"),
  msgid("format.monthName.apr"), msgid("format.monthName.may"), msgid("format.monthName.jun"),
  msgid("format.monthName.jul"), msgid("format.monthName.aug"), msgid("format.monthName.sep"),
  msgid("format.monthName.oct"), msgid("format.monthName.nov"), msgid("format.monthName.dec")];
const monthName = (m) => t(MONTHS[m - 1]);

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
export const weekdayName = (s) => t(WEEKDAYS[weekdayIndex(s)]);
export const weekdayNames = () => WEEKDAYS.map((id) => t(id));

// 2026年12月5日(土)
export function fmtDate(s) {
  if (!s) return "";
  const [y, m, d] = s.split("-").map(Number);
  return t("format.date", { y, m, d, month: monthName(m), weekday: weekdayName(s) });
}

// 12/5(土)
export function fmtShort(s) {
  const [, m, d] = s.split("-").map(Number);
  return `${m}/${d}(${weekdayName(s)})`;
}

export function fmtMonth(month) {
  const [y, m] = month.split("-").map(Number);
  return t("format.yearMonth", { y, m, month: monthName(m) });
}

// An RFC 3339 instant shown in Tokyo time: 2027年1月1日 08:59 (1 Jan 2027 08:59)
export function fmtInstant(s) {
  if (!s) return "";
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  const p = new Intl.DateTimeFormat("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    .formatToParts(d).reduce((o, x) => ({ ...o, [x.type]: x.value }), {});
  return t("format.instant", { y: p.year, m: p.month, d: p.day, month: monthName(Number(p.month)), hh: p.hour, mm: p.minute });
}

// Today in Tokyo (the browser's clock; the server's rules decide anyway).
export function tokyoToday() {
  const p = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  return p;
}

// Full-width digits, as the manual writes 第１希望.
export const fw = (n) => (lang() === "en" ? String(n) : String(n).replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)));

export function nightsLabel(n) { return Number(n) === 1 ? t("format.nights.one", { n: fw(n) }) : t("format.nights.other", { n: fw(n) }); }

// A code's label from a table of message ids; an unknown code as it is.
const labelOf = (table, code) => (table[code] ? t(table[code]) : code);

const STYLE = { japanese: msgid("style.japanese"), western: msgid("style.western"), standard: msgid("style.standard"), any: msgid("style.any") };
export const styleLabel = (s) => labelOf(STYLE, s) || "－";

// A reduction claim ("none", "senior", "disability") as the forms name it.
const REDUCTION = { none: msgid("reduction.none"), senior: msgid("reduction.senior"), disability: msgid("reduction.disability") };
export const reductionLabel = (r) => labelOf(REDUCTION, r);

export function peopleLabel(people) {
  return people.map((p) => t("common.persons", { n: p })).join(" / ");
}

const RES_STATUS = { booked: msgid("status.reservation.booked"), cancelled: msgid("status.reservation.cancelled"),
  lapsed: msgid("status.reservation.lapsed") };
export const reservationStatus = (s) => labelOf(RES_STATUS, s);

// A lottery win's confirmation as the lists show it: lapsed (cancelled at its
// deadline), cancelled (by the winner or the centre), confirmed, or awaiting
// it with its deadline; "－" for a stay that needs none. `status` is the reservation's, `confirmation` and
// `confirmBy` as the API gives them.
export function confirmationState(status, confirmation, confirmBy) {
  if (status === "lapsed") return t("confirm.state.lapsed");
  if (status === "cancelled" && confirmation !== "none") return t("status.reservation.cancelled");
  if (confirmation === "confirmed") return t("confirm.state.confirmed");
  if (confirmation === "required" && status === "booked") return t("confirm.state.required", { by: fmtInstant(confirmBy) });
  return "－";
}
const ORIGIN = { first_come: msgid("origin.firstCome"), lottery: msgid("origin.lottery"), runner_up: msgid("origin.runnerUp"), waitlist: msgid("origin.waitlist") };
export const originLabel = (s) => labelOf(ORIGIN, s);
const ATTENDANCE = { unknown: msgid("op.attendance.unknown"), stayed: msgid("op.attendance.stayed"), no_show: msgid("op.attendance.noShow") };
export const attendanceLabel = (s) => labelOf(ATTENDANCE, s || "unknown");
// Why a user is suspended (利用停止), naming the reservation `n`.
const SUSPENSION = { late_cancellation: msgid("suspension.reason.lateCancellation"), no_show: msgid("suspension.reason.noShow") };
export const suspensionReason = (s, n) => t(SUSPENSION[s] || SUSPENSION.late_cancellation, { n });
const APP_STATUS = { active: msgid("status.application.active"), cancelled: msgid("status.application.cancelled"),
  won: msgid("status.application.won"), lost: msgid("status.application.lost") };
export const applicationStatus = (s) => labelOf(APP_STATUS, s);
const LOT_STATUS = { upcoming: msgid("status.lottery.upcoming"), open: msgid("status.lottery.open"), closed: msgid("status.lottery.closed"),
  drawn: msgid("status.lottery.drawn"), published: msgid("status.lottery.published") };
export const lotteryStatus = (s) => labelOf(LOT_STATUS, s);

// 港区内在住 (resident) or 港区内在勤 (worker).
const CATEGORY = { resident: msgid("category.resident"), worker: msgid("category.worker") };
export const categoryLabel = (c) => labelOf(CATEGORY, c);
