// Starts a real hoyod on a free loopback port over a fresh data directory
// with demo data, and stops it.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export async function startHoyod() {
  const hoyod = process.env.HOYOD;
  if (!hoyod) throw new Error("set HOYOD to the hoyod executable");
  const dir = mkdtempSync(join(tmpdir(), "hoyo-e2e-"));
  const port = await freePort();
  const child = spawn(hoyod, ["--data-dir", dir, "--listen", `127.0.0.1:${port}`, "--demo-data"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("hoyod did not start:\n" + log)), 30000);
    child.stderr.on("data", (chunk) => {
      log += chunk;
      if (log.includes('"msg":"listening"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => reject(new Error(`hoyod exited with ${code}:\n${log}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
