import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { open, signInAs } from "./helpers";

// axe-core's WCAG 2.2 AA rules on every page of every role: no violation at all.

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

const pages: Record<string, { email?: string; paths: string[] }> = {
  visitor: {
    paths: ["/", "/login", "/forgot-password", "/market", "/transparency", "/listings/1101", "/nowhere"],
  },
  brand: {
    email: "staff@helios.test",
    paths: [
      "/brands/3",
      "/brands/3/reports",
      "/brands/3/reports/new",
      "/brands/3/takedown",
      "/brands/3/inquiries",
      "/brands/3/rights",
      "/brands/3/lists",
      "/brands/3/api-tokens",
      "/brands/3/team",
      "/reports/109",
      "/notifications",
      "/account",
    ],
  },
  manager: {
    email: "manager@goodfaith.test",
    paths: ["/manager", "/review", "/review/appeals", "/review/listings", "/review/rights", "/analytics", "/audit"],
  },
  admin: {
    email: "admin@goodfaith.test",
    paths: [
      "/admin",
      "/admin/people",
      "/admin/brands/new",
      "/admin/integration",
      "/admin/statements",
      "/admin/policy",
      "/brands/1",
    ],
  },
  seller: { email: "seller@harbour.test", paths: ["/seller", "/market"] },
};

/** The page's violations, one line each: rule, impact and the first offending element. */
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} × e.g. ${v.nodes[0]?.target.join(" ")}`,
  );
}

for (const [role, { email, paths }] of Object.entries(pages)) {
  test(`every ${role} page passes axe's WCAG 2.2 AA rules`, async ({ page }) => {
    test.setTimeout(120_000);
    if (email) await signInAs(page, email);
    const found: string[] = [];
    for (const path of paths) {
      await open(page, path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      // Let the page's data arrive: axe reads what is on screen.
      await page.waitForLoadState("networkidle");
      for (const violation of await violations(page)) found.push(`${path}: ${violation}`);
    }
    expect(found).toEqual([]);
  });
}
