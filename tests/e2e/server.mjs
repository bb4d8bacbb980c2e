// Starts a real hoyod on a free loopback port over a fresh data directory
// with demo data (and the settable test clock), and stops it. Tests read the
// mails it writes (DATA_DIR/mail/*.eml) and move its clock forward.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The executable may be missing for a moment while it is being relinked.
async function executable() {
  const hoyod = process.env.HOYOD;
  if (!hoyod) throw new Error("set HOYOD to the hoyod executable");
  for (let i = 0; i < 120 && !existsSync(hoyod); i++) await new Promise((r) => setTimeout(r, 1000));
  return hoyod;
}

// Decodes an RFC 2047 encoded-word header (=?UTF-8?B?...?=).
function decodeHeader(v) {
  return v.replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b) => Buffer.from(b, "base64").toString("utf8"));
}

function parseEml(text) {
  const [head, ...rest] = text.split(/\r?\n\r?\n/);
  const headers = {};
  for (const line of head.split(/\r?\n(?![ \t])/)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = decodeHeader(line.slice(i + 1).trim().replace(/\r?\n[ \t]+/g, " "));
  }
  let body = rest.join("\n\n");
  if ((headers["content-transfer-encoding"] || "").toLowerCase() === "base64") body = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return { to: headers.to, subject: headers.subject, headers, body };
}

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Starts hoyod on `port` over a fresh data directory; resolves once it is
// listening, or rejects (with `busy` set when the port was taken meanwhile).
function launch(hoyod, port, testClock) {
  const dir = mkdtempSync(join(tmpdir(), "hoyo-e2e-"));
  const args = ["--data-dir", dir, "--listen", `127.0.0.1:${port}`, "--demo-data"];
  if (testClock) args.push("--test-clock");
  const child = spawn(hoyod, args, { stdio: ["ignore", "ignore", "pipe"] });
  const run = { child, dir, log: "" };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("hoyod did not start:\n" + run.log)), 30000);
    child.stderr.on("data", (chunk) => {
      if (run.log.length < 200000) run.log += chunk;
      if (!run.listening && run.log.includes('"msg":"listening"')) {
        run.listening = true;
        clearTimeout(timer);
        resolve(run);
      }
    });
    child.on("exit", (code) => {
      if (run.listening) return;  // stopped later: stop() cleans up
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      const e = new Error(`hoyod exited with ${code}:\n${run.log}`);
      e.busy = run.log.includes("cannot listen");
      reject(e);
    });
  });
}

export async function startHoyod({ testClock = true } = {}) {
  const hoyod = await executable();
  // The port is found free, closed, then given to hoyod (its mail links name
  // it, so it must be known before it starts): another process may take it in
  // between, and then another port is tried.
  let run;
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      run = await launch(hoyod, port, testClock);
      run.url = `http://127.0.0.1:${port}`;
      break;
    } catch (e) {
      if (!e.busy || attempt >= 5) throw e;
    }
  }
  const { child, dir } = run;
  const url = run.url;
  const server = {
    url,
    dataDir: dir,
    log: () => run.log,
    // The mails written so far, oldest first: [{to, subject, body, file}].
    mails() {
      const mailDir = join(dir, "mail");
      if (!existsSync(mailDir)) return [];
      return readdirSync(mailDir).filter((f) => f.endsWith(".eml"))
        .map((f) => ({ f, t: statSync(join(mailDir, f)).mtimeMs }))
        .sort((a, b) => a.t - b.t)
        .map(({ f }) => ({ file: f, ...parseEml(readFileSync(join(mailDir, f), "utf8")) }));
    },
    // Waits for a mail matching `pred`.
    async waitForMail(pred, timeout = 10000) {
      const end = Date.now() + timeout;
      for (;;) {
        const m = server.mails().find(pred);
        if (m) return m;
        if (Date.now() > end) throw new Error("no such mail; have: " + server.mails().map((x) => `${x.to} ${x.subject}`).join("; "));
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async api(method, path, body) {
      const res = await fetch(url + path, {
        method, headers: { "X-Requested-With": "e2e", ...(body ? { "Content-Type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    async clock() {
      return new Date((await server.api("GET", "/api/test/clock")).now);
    },
    // Moves the test clock forward to `when` (a Date or RFC 3339 string).
    async setClock(when) {
      const iso = when instanceof Date ? when.toISOString() : when;
      return server.api("PUT", "/api/test/clock", { now: iso });
    },
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}
