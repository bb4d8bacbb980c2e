// The operator console's screens (role operator).
import { operatorHome } from "./home.js";
import { registrations } from "./registrations.js";
import { postcardUser } from "./users.js";
import { facilityList, facilityEdit } from "./facilities.js";
import { lotteryList, lotteryDetail, lotteryNew } from "./lotteries.js";
import { reservationSearch, reservationEdit, guestList, bookFor } from "./reservations.js";
import { projections } from "./projections.js";
import { staffAccount } from "./account.js";
import { operatorNotices } from "./notices.js";
import { rulesScreen } from "./rules.js";

export function operatorRoutes(route) {
  const op = { auth: "operator" };
  route("/operator", operatorHome, op);
  route("/operator/registrations", registrations, op);
  route("/operator/users/new", postcardUser, op);
  route("/operator/facilities", facilityList, op);
  route("/operator/facilities/:facilityId", facilityEdit, op);
  route("/operator/lotteries", lotteryList, op);
  route("/operator/lotteries/new", lotteryNew, op);
  route("/operator/lotteries/:lotteryId", lotteryDetail, op);
  route("/operator/reservations", reservationSearch, op);
  route("/operator/reservations/:number", reservationEdit, op);
  route("/operator/guests", guestList, op);
  route("/operator/book", bookFor, op);
  route("/operator/notices", operatorNotices, op);
  route("/operator/rules", rulesScreen, op);
  route("/operator/projections", projections, op);
  route("/operator/account", staffAccount, op);
}
