// Screenshots of every page at 1280 px and 390 px for a visual check (not a test).
// Usage: BASE_URL=http://127.0.0.1:3000 OUT=/tmp/shots node shots.mjs
import { chromium } from "@playwright/test";
const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const out = process.env.OUT ?? "/tmp/shots";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
const who = {
  helios: ["staff@helios.test", ["/brands/3", "/brands/3/reports", "/brands/3/reports/new", "/brands/3/takedown", "/brands/3/inquiries", "/brands/3/lists", "/brands/3/rights", "/brands/3/api-tokens"]],
  manager: ["manager@goodfaith.test", ["/manager", "/review", "/review/rights", "/review/listings", "/review/appeals"]],
  admin: ["admin@goodfaith.test", ["/admin", "/market", "/api/docs"]],
  seller: ["seller@harbour.test", ["/seller"]],
};
const errors = [];
for (const [name, [email, paths]] of Object.entries(who)) {
  for (const width of [1280, 390]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    page.on("console", (m) => { if (m.type() === "error") errors.push(`${name} ${page.url()}: ${m.text()}`); });
    await page.goto(base + "/login");
    await page.locator("html[data-hydrated=true]").waitFor();
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password").fill("goodfaith-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    for (const path of paths) {
      await page.goto(base + path);
      await page.locator("html[data-hydrated=true]").waitFor();
      await page.waitForTimeout(400);
      const file = `${out}/${name}${path.replaceAll("/", "_")}-${width}.png`;
      await page.screenshot({ path: file, fullPage: width === 390 ? false : true });
    }
    await context.close();
  }
}
await browser.close();
console.log(errors.length ? errors.join("\n") : "no console errors");
