import { expect, test } from "@playwright/test";
import { open, signInAs, signOut } from "./helpers";

test("a brand's tier card shows the figures, the distance, the chart and who reports well", async ({ page }) => {
  await signInAs(page, "staff@aurora.test");
  await expect(page.getByRole("heading", { name: "Your tier: Good Faith" })).toBeVisible();
  await expect(page.getByRole("region", { name: /Your tier/ }).getByText("Accuracy", { exact: true })).toBeVisible();
  await expect(page.getByText(/^Keeping it:/)).toBeVisible();
  const chart = page.getByRole("group", { name: /Weekly accuracy and decided reports/ });
  await expect(chart).toBeVisible();
  // Every week is a focusable column that says its figures.
  await expect(chart.getByRole("img", { name: /^Week from \d{4}-\d{2}-\d{2}: \d+ decided, accuracy / }).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "By reason" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Ari Aurora/ })).toBeVisible();
});

test("a near-threshold brand drops out of Good Faith when the manager rejects one more report", async ({
  page,
}) => {
  await signInAs(page, "staff@borealis.test");
  await expect(page.getByRole("heading", { name: "Your tier: Good Faith" })).toBeVisible();
  const risk = "1 more rejection in the window would drop you below 90 % accuracy.";
  await expect(page.getByRole("region", { name: /Your tier/ }).getByText(risk)).toBeVisible();
  // The same risk leads the brand's "needs you" list, marked urgent.
  await expect(page.getByRole("region", { name: "Needs you" }).getByRole("listitem").first()).toHaveText(
    `Urgent: Your tier is at risk: ${risk}`,
  );
  await signOut(page);

  await signInAs(page, "manager@goodfaith.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review queue" }).click();
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  await page.getByLabel("Brand", { exact: true }).selectOption({ label: "Borealis Optics" });
  const firstRow = page.getByRole("row").filter({ hasText: "Borealis Optics" }).first();
  await expect(firstRow).toContainText("Good Faith");
  await firstRow.getByRole("link", { name: /Report \d+/ }).click();
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  const card = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { level: 3 }) })
    .filter({ has: page.getByRole("button", { name: "Reject this listing" }) })
    .first();
  await card.getByLabel("Rejection code").selectOption({ label: "Insufficient evidence" });
  await card.getByLabel("Explanation for the brand").fill("No test buy and the photos are not conclusive.");
  await card.getByRole("button", { name: "Reject this listing" }).click();
  await expect(page.getByText(/Rejected — Insufficient evidence/).first()).toBeVisible();

  // Its remaining items now wait as a Standard brand's: behind Good Faith ones.
  await open(page, "/review");
  await page.getByLabel("Brand", { exact: true }).selectOption({ label: "Borealis Optics" });
  await expect(page.getByRole("row").filter({ hasText: "Borealis Optics" }).first()).toContainText("Standard");
  await signOut(page);

  await signInAs(page, "staff@borealis.test");
  await expect(page.getByRole("heading", { name: "Your tier: Standard" })).toBeVisible();
  await expect(page.getByText(/^Dropped out of Good Faith: Accuracy .* is below 90 %\./)).toBeVisible();
  await expect(page.getByText(/Locked out of Good Faith until \d{4}-\d{2}-\d{2}/).first()).toBeVisible();
  const history = page.getByRole("region", { name: "Tier history" });
  await expect(history).toContainText("Good Faith → Standard");
});

test("the brands page sorts by any column and only admins see programme settings", async ({ page }) => {
  await signInAs(page, "admin@goodfaith.test");
  const table = page.getByRole("table");
  await table.getByRole("button", { name: "Accuracy" }).click();
  await expect(table.getByRole("columnheader", { name: /Accuracy/ })).toHaveAttribute("aria-sort", "ascending");
  await table.getByRole("button", { name: "Accuracy" }).click();
  await expect(table.getByRole("columnheader", { name: /Accuracy/ })).toHaveAttribute("aria-sort", "descending");
  await expect(table.getByRole("row", { name: /Cobalt Cosmetics/ })).toContainText("Misuse warning since");
  await table.getByRole("link", { name: "Northwind Apparel" }).click();
  await expect(page.getByRole("heading", { name: "Programme settings (admin)" })).toBeVisible();
  await page.getByRole("button", { name: "Override tier" }).click();
  await expect(page.getByText("Give the reason for the override")).toBeVisible();
  await page.getByLabel("Tier", { exact: true }).selectOption({ label: "Good Faith" });
  await page.getByLabel("Until (last day)").fill("2099-12-31");
  await page.getByLabel("Reason (shown to the brand)").fill("Pilot partner while volumes build up");
  await page.getByRole("button", { name: "Override tier" }).click();
  await expect(page.getByRole("heading", { name: "Your tier: Good Faith" })).toBeVisible();
  await expect(page.getByText(/Tier set to Good Faith by an admin until the end of 2099-12-31/)).toBeVisible();
  await signOut(page);
  await signInAs(page, "staff@northwind.test");
  await expect(page.getByRole("heading", { name: "Programme settings (admin)" })).toHaveCount(0);
  await expect(page.getByText(/Tier set to Good Faith by an admin/)).toBeVisible();
});
