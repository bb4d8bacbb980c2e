// The auditor console's screens (role auditor).
import { auditHome, auditEvents, auditVerify, auditRedraw, auditHistory, auditReplay } from "./audit.js";
import { staffAccount } from "../operator/account.js";
import { auditLotteryList, auditLotteryDetail } from "./lotteries.js";

export function auditRoutes(route) {
  const a = { auth: "auditor" };
  route("/audit", auditHome, a);
  route("/audit/events", auditEvents, a);
  route("/audit/verify", auditVerify, a);
  route("/audit/lotteries", auditLotteryList, a);
  route("/audit/lotteries/:lotteryId", auditLotteryDetail, a);
  route("/audit/redraw", auditRedraw, a);
  route("/audit/history", auditHistory, a);
  route("/audit/replay", auditReplay, a);
  route("/audit/account", staffAccount, a);
}
