// The English text of every message the pages show, by message id (t() in
// i18n.js), with the same ids as messages-ja.js: one module per group of
// screens under messages/en/.
import frame from "./messages/en/frame.js";
import member from "./messages/en/member.js";
import booking from "./messages/en/booking.js";
import lottery from "./messages/en/lottery.js";
import reservations from "./messages/en/reservations.js";
import passwords from "./messages/en/passwords.js";
import registration from "./messages/en/registration.js";
import consoles from "./messages/en/consoles.js";
import operations from "./messages/en/operations.js";
import rules from "./messages/en/rules.js";
import audit from "./messages/en/audit.js";
import accessibility from "./messages/en/accessibility.js";
import waitlist from "./messages/en/waitlist.js";

export const EN = {
  ...frame,
  ...member,
  ...booking,
  ...lottery,
  ...reservations,
  ...passwords,
  ...registration,
  ...consoles,
  ...operations,
  ...rules,
  ...audit,
  ...accessibility,
  ...waitlist,
};
