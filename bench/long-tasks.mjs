// The browser's long main-thread tasks while a page loads and hydrates, and what fills them
// (wasm compiled on first call, script, layout): how decision 0009 was measured.
//
//   node bench/long-tasks.mjs http://127.0.0.1:3017 /brands/3 staff@helios.test [slowdown]
//
// Needs a running server (a release build for real figures) and end2end's Playwright; the
// CPU is slowed 4× by default, as Lighthouse's mobile run assumes.
import { chromium } from "../end2end/node_modules/@playwright/test/index.mjs";

const [base, path, email, slowdown] = process.argv.slice(2);
if (!base || !path) {
  console.error("usage: node bench/long-tasks.mjs BASE PATH [EMAIL] [SLOWDOWN]");
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium" });
const context = await browser.newContext();
if (email) {
  await context.request.post(`${base}/api/auth/login`, { form: { email, password: "goodfaith-demo" } });
}
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send("Emulation.setCPUThrottlingRate", { rate: Number(slowdown || 4) });
await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.wasm", "blink", "toplevel"] });
await page.goto(base + path);
await page.waitForSelector("html[data-hydrated=true]", { timeout: 60000 });
await page.waitForTimeout(1000);
const events = JSON.parse(await browser.stopTracing()).traceEvents;
await browser.close();

// The page's renderer main thread: the busiest of the traced ones.
let main;
let busiest = 0;
for (const t of events.filter((e) => e.name === "thread_name" && e.args.name === "CrRendererMain")) {
  const n = events.filter((e) => e.pid === t.pid && e.tid === t.tid).length;
  if (n > busiest) [main, busiest] = [t, n];
}
const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X");
const start = Math.min(...onMain.map((e) => e.ts));
const isTask = (e) => (e.name === "ThreadControllerImpl::RunTask" || e.name === "RunTask") && e.dur > 30000;
const candidates = onMain.filter(isTask).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
// Top-level tasks only (a task may be traced inside another).
const tasks = candidates.filter((t, i) => !candidates.some((o, j) => j < i && o.ts + o.dur >= t.ts + t.dur));
let blocking = 0;
for (const task of tasks) {
  const ms = task.dur / 1000;
  blocking += Math.max(0, ms - 50);
  const inside = onMain.filter((e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
  const sum = (name) => inside.filter((e) => e.name === name).reduce((s, e) => s + e.dur / 1000, 0);
  const lazy = inside.filter((e) => e.name === "wasm.CompileLazy");
  console.log(
    `${((task.ts - start) / 1000).toFixed(0).padStart(6)} ms  ${ms.toFixed(0).padStart(4)} ms long:` +
      ` script ${sum("FunctionCall").toFixed(0)} ms (wasm compiled on first call: ${lazy.length} functions,` +
      ` ${lazy.reduce((s, e) => s + e.dur / 1000, 0).toFixed(0)} ms), evaluate ${sum("EvaluateScript").toFixed(0)} ms,` +
      ` layout ${sum("Layout").toFixed(0)} ms`,
  );
}
console.log(`blocking time over 50 ms per task: ${blocking.toFixed(0)} ms`);
