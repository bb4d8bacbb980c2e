// Screens by real paths (History API). route("/vacancy/:facilityId", fn):
// fn(ctx) renders into <main>; ctx.params, ctx.query, ctx.onLeave(cleanup),
// ctx.live() (false once the user has moved on). Same-origin links are
// intercepted; back/forward re-run the screen.

const routes = [];
let current = null;   // {token, cleanups}
let token = 0;
let notFound = null;
let onError = null;
let beforeEach = null;

export function route(pattern, screen, meta = {}) {
  const keys = [];
  const re = new RegExp("^" + pattern.replace(/\/:(\w+)/g, (_, k) => { keys.push(k); return "/([^/]+)"; }) + "/?$");
  routes.push({ re, keys, screen, meta });
}

export function setNotFound(fn) { notFound = fn; }
export function setErrorHandler(fn) { onError = fn; }
export function setBeforeEach(fn) { beforeEach = fn; }

export function navigate(path, { replace = false, state } = {}) {
  if (replace) history.replaceState(state || null, "", path);
  else history.pushState(state || null, "", path);
  return run();
}

export function reload() { return run(); }

export function currentPath() { return location.pathname + location.search; }

async function run() {
  if (current) for (const fn of current.cleanups.splice(0)) { try { fn(); } catch { /* ignore */ } }
  const my = ++token;
  const ctx = {
    path: location.pathname,
    query: new URLSearchParams(location.search),
    state: history.state,
    params: {},
    cleanups: [],
    live: () => my === token,
    onLeave(fn) { this.cleanups.push(fn); },
  };
  current = ctx;
  let found = null;
  for (const r of routes) {
    const m = r.re.exec(location.pathname);
    if (m) {
      found = r;
      r.keys.forEach((k, i) => { ctx.params[k] = decodeURIComponent(m[i + 1]); });
      break;
    }
  }
  ctx.meta = found ? found.meta : {};
  try {
    if (beforeEach && (await beforeEach(ctx)) === false) return;
    if (!ctx.live()) return;
    if (found) await found.screen(ctx);
    else if (notFound) await notFound(ctx);
  } catch (e) {
    if (ctx.live() && onError) onError(e, ctx);
    else if (ctx.live()) throw e;
  }
}

export function start() {
  window.addEventListener("popstate", () => run());
  document.addEventListener("click", (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = ev.target.closest("a[href]");
    if (!a || a.target || a.hasAttribute("download") || a.dataset.external !== undefined) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith("/api/")) return;
    if (/\.[a-z0-9]+$/i.test(url.pathname)) return;
    ev.preventDefault();
    if (url.pathname + url.search === location.pathname + location.search && !url.hash) { run(); return; }
    navigate(url.pathname + url.search);
  });
  return run();
}
