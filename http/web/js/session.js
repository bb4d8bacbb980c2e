// Who is logged in: a user (利用者) or a staff member (operator / auditor).
// Both share the one session cookie, so logging in as one ends the other.
import { api, ApiError } from "./api.js";

export const session = {
  user: undefined,   // {userNumber, name, category, mustChangePassword} | null
  staff: undefined,  // {login, role} | null
};

// Who the cookie belongs to: {loggedIn, role, ...}; never a 401.
async function status() {
  return api("GET", "/api/session");
}

export async function loadUser(force = false) {
  if (session.user !== undefined && !force) return session.user;
  const who = await status();
  if (!who.loggedIn || who.role !== "user") {
    session.user = null;
    return null;
  }
  try {
    session.user = await api("GET", "/api/me");
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) session.user = null;
    else throw e;
  }
  return session.user;
}

export async function loadStaff(force = false) {
  if (session.staff !== undefined && !force) return session.staff;
  const who = await status();
  if (!who.loggedIn || who.role === "user") {
    session.staff = null;
    return null;
  }
  try {
    session.staff = await api("GET", "/api/operator/me");
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) session.staff = null;
    else throw e;
  }
  return session.staff;
}

export async function loginUser(userNumber, password) {
  const me = await api("POST", "/api/session", { body: { userNumber, password } });
  session.user = me;
  session.staff = null;
  return me;
}

// `totp`: the authenticator's code or a recovery code, for accounts with a
// second factor (the server answers 401 totp_required when it is missing).
export async function loginStaff(login, password, totp) {
  const body = totp ? { login, password, totp } : { login, password };
  const me = await api("POST", "/api/operator/session", { body });
  session.staff = me;
  session.user = null;
  return me;
}

export async function logout() {
  const staff = !!session.staff;
  try {
    await api("DELETE", staff ? "/api/operator/session" : "/api/session");
  } finally {
    session.user = null;
    session.staff = null;
  }
}

export function forgetUser() { session.user = null; }
