// The server's account policy the pages word themselves by (GET /api/settings):
// whether a new account's first password is a mailed activation code (the
// default) or the legacy 8-digit birth date. Loaded once.
import { api } from "./api.js";

let settingsPromise = null;

export function settings() {
  if (!settingsPromise) {
    settingsPromise = api("GET", "/api/settings").catch((e) => { settingsPromise = null; throw e; });
  }
  return settingsPromise;
}

// True unless the server runs the legacy birth-date rule (also while the
// settings cannot be read: the safer wording).
export async function usesActivationCodes() {
  try {
    return (await settings()).initialPassword !== "birth_date";
  } catch {
    return true;
  }
}
