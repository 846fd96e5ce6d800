import { expect, test } from "@playwright/test";
import { open, signInAs } from "./helpers";

// The day-to-day signals of the UI pass: what needs each reader, deadlines told the same way
// to the brand and to the manager, overdue items impossible to miss, and navigation that
// moves focus to the page it opened. Named to run early: later journeys change Helios's
// standing (an audit overturn drops it below 90 %) and answer its inquiry.

test("a brand's home says what needs it, the risk to its tier first", async ({ page }) => {
  await signInAs(page, "staff@helios.test");
  const needs = page.getByRole("region", { name: "Needs you" });
  await expect(needs).toBeVisible();
  const lines = needs.getByRole("listitem");
  // Helios is one rejection from losing Good Faith (and so Joint-Force): that comes first.
  await expect(lines.first()).toContainText("Urgent: Your tier is at risk: 1 more rejection");
  const tones = await lines.evaluateAll((all) => all.map((line) => (line.textContent ?? "").split(":")[0]));
  const rank = (tone: string) => ["Urgent", "Waiting for you", "For your information"].indexOf(tone);
  expect(tones.map(rank)).toEqual([...tones.map(rank)].sort());
  await expect(needs.getByText(/inquir(y|ies) from the marketplace (is|are) open/)).toBeVisible();
  await needs.getByRole("link", { name: "Answer" }).click();
  await expect(page).toHaveURL(/\/brands\/3\/inquiries$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
});

test("a late review reads as late to the brand, in the list, the report and on its home", async ({ page }) => {
  await signInAs(page, "staff@aurora.test");
  const needs = page.getByRole("region", { name: "Needs you" });
  await expect(needs.getByText(/past the review deadline/)).toBeVisible();
  await needs.getByRole("link", { name: "See them" }).first().click();
  await expect(page).toHaveURL(/status=pending&sort=deadline/);
  await expect(page.getByLabel("Order")).toHaveValue("deadline");
  const table = page.getByRole("table", { name: /reported listings — \d+ of \d+ decided, \d+ in review/ });
  await expect(table.getByRole("columnheader", { name: "Seller" })).toBeVisible();
  const first = table.getByRole("row").nth(1);
  await expect(first.getByText(/^Overdue by /)).toBeVisible();
  await first.getByRole("link", { name: /^\d+ \/ \d+$/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Report \d+$/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Listings: \d+ of \d+ decided, \d+ in review$/ })).toBeVisible();
  await expect(page.getByText(/^Overdue by .* \(review due by /).first()).toBeVisible();
});

test("the queue says its order and makes overdue items impossible to miss", async ({ page }) => {
  await signInAs(page, "manager@goodfaith.test");
  // The desk leads with what waits, overdue items first.
  const needs = page.getByRole("region", { name: "Needs you" });
  await expect(needs.getByRole("listitem").first()).toContainText(/Urgent: \d+ review items? (is|are) past the deadline/);
  await expect(page.getByRole("heading", { level: 2 }).nth(1)).toHaveText(/^Overdue review items \(\d+\)$/);
  await open(page, "/review");
  await expect(page.getByRole("table", { name: /Joint-Force brands' items first, then Good Faith, then Standard/ })).toBeVisible();
  const banner = page.getByRole("note").filter({ hasText: /past (its|their) deadline/ });
  await expect(banner).toBeVisible();
  await banner.getByRole("button", { name: "Show only these" }).click();
  await expect(page.getByLabel("Show")).toHaveValue("overdue");
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows.nth(1).getByText(/^Overdue by /)).toBeVisible();
  const deadlines = await page.getByRole("table").getByText(/^(Overdue by|Due in) /).allTextContents();
  expect(deadlines.length).toBeGreaterThan(0);
  expect(deadlines.every((text) => text.startsWith("Overdue by"))).toBe(true);
  // The desk's link opens the same view.
  await open(page, "/manager");
  await page.getByRole("link", { name: "Review the overdue ones" }).click();
  await expect(page.getByLabel("Show")).toHaveValue("overdue");
});

test("navigation fits one line, marks the page and moves focus to its heading", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAs(page, "staff@helios.test");
  const nav = page.getByRole("navigation", { name: "Main" });
  const links = nav.getByRole("list").first().getByRole("link");
  const tops = await links.evaluateAll((all) => all.map((link) => Math.round(link.getBoundingClientRect().top)));
  expect(tops.length).toBeGreaterThan(7);
  expect(new Set(tops).size).toBe(1);
  await nav.getByRole("link", { name: "Reports" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeFocused();
  await expect(nav.getByRole("link", { name: "Reports" })).toHaveAttribute("aria-current", "page");
  await nav.getByRole("link", { name: "Prices & sellers" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
});

test("a seller sees the removals they can still appeal first", async ({ page }) => {
  await signInAs(page, "seller@harbour.test");
  const table = page.getByRole("table", { name: /removals you can still appeal first/ });
  await expect(table.getByText(/^You can appeal until /).first()).toBeVisible();
  const appeals = await table.getByRole("row").evaluateAll((rows) =>
    rows.slice(1).map((row) => (row.textContent ?? "").includes("You can appeal until")),
  );
  const open = appeals.lastIndexOf(true);
  expect(open).toBeGreaterThanOrEqual(0);
  // Every appealable removal sits above every other row.
  expect(appeals.slice(0, open + 1).every(Boolean)).toBe(true);
  await expect(table.getByText(/^Appeal window closed /).first()).toBeVisible();
});

test("a listing of an authorised seller is filed only with its line confirmed, and the item says so", async ({
  page,
}) => {
  await signInAs(page, "staff@helios.test");
  // From the listing's page: nothing reported yet, and a way to report it.
  await open(page, "/listings/79");
  const ours = page.getByRole("region", { name: "Your brand and this listing" });
  await expect(ours.getByText("Your brand has not reported this listing.")).toBeVisible();
  await ours.getByRole("link", { name: "Report this listing" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Report infringing listings" })).toBeVisible();
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  await expect(page.getByLabel(/Listings — IDs or URLs/)).toHaveValue("79");
  // Helios has one verified right: it is chosen already.
  await expect(page.getByLabel("IP right")).not.toHaveValue("");
  await page.getByLabel("Reason").selectOption({ label: "Counterfeit" });
  await page.getByLabel("Why these listings infringe").fill("Counterfeit serial stickers on units sold as new.");
  await page.getByLabel(/I declare in good faith/).check();
  await page.getByLabel(/Signature/).fill("Hana Helios");
  // Listing 79 is sold by Pacific Audio House, on Helios's authorised list.
  await page.getByRole("button", { name: "Submit report" }).click();
  const problems = page.getByRole("list", { name: "Problems with listing lines" });
  await expect(problems).toContainText("sold by Pacific Audio House, who is on your authorised-seller list");
  await page.getByLabel(/^File line 1 anyway/).check();
  await page.getByRole("button", { name: "Submit report" }).click();
  const receipt = page.getByRole("heading", { name: /Report \d+ received/ });
  await expect(receipt).toBeVisible();
  const number = (await receipt.textContent())?.match(/Report (\d+)/)?.[1];
  await open(page, `/reports/${number}`);
  await page.getByText(/^Timeline \(\d+ events?\)$/).first().click();
  await expect(page.getByText("Filed on an authorised seller's listing")).toBeVisible();
  await expect(page.getByText(/Pacific Audio House is on the brand's authorised-seller list/)).toBeVisible();
  // The listing's page now lists the item, and offers no second report while it is in review.
  await open(page, "/listings/79");
  await expect(ours.getByRole("link", { name: new RegExp(`^Report ${number}, item \\d+$`) })).toBeVisible();
  await expect(ours.getByRole("link", { name: "Report this listing" })).toHaveCount(0);
});
