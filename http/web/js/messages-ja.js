// The Japanese text of every message the pages show, by message id (t() in
// i18n.js). Japanese is the default language. The texts live in one module
// per group of screens under messages/ja/; messages-en.js gathers the same
// groups with the same ids.
import frame from "./messages/ja/frame.js";
import member from "./messages/ja/member.js";
import booking from "./messages/ja/booking.js";
import lottery from "./messages/ja/lottery.js";
import reservations from "./messages/ja/reservations.js";
import passwords from "./messages/ja/passwords.js";
import registration from "./messages/ja/registration.js";
import consoles from "./messages/ja/consoles.js";
import operations from "./messages/ja/operations.js";
import rules from "./messages/ja/rules.js";
import audit from "./messages/ja/audit.js";
import accessibility from "./messages/ja/accessibility.js";
import waitlist from "./messages/ja/waitlist.js";

export const JA = {
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
