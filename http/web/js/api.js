// Every call to the JSON API. Writes carry X-Requested-With (the server's CSRF
// rule); after a write the answer's X-Log-Position is remembered and sent as
// X-Min-Position on later reads, so the next screen shows what we just did.
// Errors come back as ApiError with the problem+json fields (as the server
// words them, in the page's language); a failed connection as status 0 with
// the catalogue's network-error text.
import { t, lang } from "./i18n.js";

const POS_KEY = "hoyo.position";
let lastPosition = Number(sessionStorage.getItem(POS_KEY) || 0);

export class ApiError extends Error {
  constructor(status, problem, path = "") {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.path = path;
    this.code = problem?.code || "";
    this.title = problem?.title || "";
    this.detail = problem?.detail || "";
    this.errors = problem?.errors || [];
  }
}

export function position() { return lastPosition; }

export function notePosition(p) {
  const n = Number(p || 0);
  if (n > lastPosition) {
    lastPosition = n;
    sessionStorage.setItem(POS_KEY, String(n));
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// api("GET", "/api/me"); api("POST", "/api/reservations", {body: {...}});
// options: body (JSON) or form (FormData), as: "json" | "text" | "response",
// read: a POST that changes nothing (the quotes), read at our last write's
// position as a GET is (a cluster node answers it from its own copy).
export async function api(method, path, { body, form, as = "json", headers: extra, read = false } = {}) {
  const write = !read && !["GET", "HEAD"].includes(method);
  const headers = { "X-Requested-With": "hoyo", ...extra };
  if (lang() === "en") headers["Accept-Language"] = "en";
  if (!write && lastPosition) headers["X-Min-Position"] = String(lastPosition);
  let payload;
  if (form) payload = form;
  else if (body !== undefined) { headers["Content-Type"] = "application/json"; payload = JSON.stringify(body); }
  for (let attempt = 0; ; attempt++) {
    let res;
    try {
      res = await fetch(path, { method, headers, body: payload, credentials: "same-origin", cache: "no-store" });
    } catch (e) {
      throw new ApiError(0, { title: t("api.network.title"), detail: t("api.network.detail") });
    }
    if (write && res.ok) notePosition(res.headers.get("X-Log-Position"));
    if (res.status === 503 && !write && headers["X-Min-Position"]) {
      // "stale": our own write is not applied yet; the server asks to retry.
      if (attempt < 4) {
        await sleep(1000 * Number(res.headers.get("Retry-After") || 1));
        continue;
      }
      // A position this log never reaches (e.g. a restored server): forget it.
      lastPosition = 0;
      sessionStorage.removeItem(POS_KEY);
      delete headers["X-Min-Position"];
      continue;
    }
    if (!res.ok) {
      let problem = null;
      try { problem = await res.json(); } catch { /* not JSON */ }
      if (res.status === 409 && problem?.code === "position_ahead" && headers["X-Min-Position"]) {
        // A position this log has not written (e.g. a restored server): forget it.
        lastPosition = 0;
        sessionStorage.removeItem(POS_KEY);
        delete headers["X-Min-Position"];
        continue;
      }
      throw new ApiError(res.status, problem, path);
    }
    if (as === "response") return res;
    if (res.status === 204) return null;
    const textBody = await res.text();
    if (as === "text") return textBody;
    return textBody ? JSON.parse(textBody) : null;
  }
}

export const get = (path, opts) => api("GET", path, opts);
export const post = (path, body, opts) => api("POST", path, { ...opts, body });

export function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") u.set(k, v);
  const s = u.toString();
  return s ? `?${s}` : "";
}

// A GET that also tells the log position the answer is current to (the
// `since` for live updates).
export async function getWithPosition(path) {
  const res = await api("GET", path, { as: "response" });
  const data = await res.json();
  return { data, position: Number(res.headers.get("X-Log-Position") || 0) };
}

// A2, the auditor's part of the two-party draw: the periods with both
// commitments; the commitment (only the hex SHA-256 of the secret is sent);
// the reveal of the secret (hex) once the window has closed.
export const auditLotteries = () => api("GET", "/api/audit/lotteries");
export const commitAuditorSeed = (lotteryId, seedHash) =>
  api("POST", `/api/audit/lotteries/${encodeURIComponent(lotteryId)}/commitment`, { body: { seedHash } });
export const revealAuditorSecret = (lotteryId, secretHex) =>
  api("POST", `/api/audit/lotteries/${encodeURIComponent(lotteryId)}/reveal`, { body: { secret: secretHex } });
