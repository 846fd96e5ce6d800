import { expect, test, type Page } from "@playwright/test";
import { open, signInAs } from "./helpers";

/** The deadline of the first Northwind (Standard) item in the queue, as a time. */
async function firstNorthwindDeadline(page: Page): Promise<number> {
  await open(page, "/review");
  await page.getByLabel("Brand", { exact: true }).selectOption({ label: "Northwind Apparel" });
  const row = page.getByRole("row").filter({ hasText: "Northwind Apparel" }).first();
  await expect(row).toBeVisible();
  const text = (await row.getByRole("cell").last().textContent()) ?? "";
  const match = text.match(/(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC/);
  expect(match, `a deadline in "${text}"`).toBeTruthy();
  return Date.parse(`${match![1]}T${match![2]}:00Z`);
}

/** Changes one setting on the Policy page and waits for its answer. */
async function changeSetting(page: Page, label: string, value: string, reason: string): Promise<void> {
  await open(page, "/admin/policy");
  const setting = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: label, exact: true }) });
  await setting.getByText(`Change: ${label}…`).click();
  const form = setting.getByRole("form", { name: `Change: ${label}` });
  await form.getByLabel("New value").fill(value);
  await form.getByLabel(/Reason/).fill(reason);
  await form.getByRole("button", { name: "Save the change" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${label}:` })).toBeVisible();
}

test("an admin lengthens the Standard review target and the queue's deadlines move at once", async ({ page }) => {
  await signInAs(page, "admin@goodfaith.test");
  const before = await firstNorthwindDeadline(page);

  // A value out of range is refused by its field, and nothing changes.
  await open(page, "/admin/policy");
  const label = "Review target, Standard";
  const setting = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: label, exact: true }) });
  await setting.getByText(`Change: ${label}…`).click();
  const form = setting.getByRole("form", { name: `Change: ${label}` });
  await form.getByLabel("New value").fill("1000");
  await form.getByLabel(/Reason/).fill("Testing the bounds");
  await form.getByRole("button", { name: "Save the change" }).click();
  await expect(form.getByText("Choose a value between 1 hour and 720 hours.")).toBeVisible();

  await changeSetting(page, label, "48", "Two reviewers on leave in December");
  await expect(page.getByRole("row", { name: /Review target, Standard/ }).first()).toContainText(
    "24 hours → 48 hours",
  );
  const after = await firstNorthwindDeadline(page);
  expect(after - before).toBe(24 * 3_600_000);
  // The brand's page quotes the target in force.
  await open(page, "/brands/1");
  await expect(page.getByText("Reports are reviewed within 48 hours.")).toBeVisible();

  // Back to the default, for the other journeys.
  await changeSetting(page, label, "24", "Back to the default after the test");
  expect(await firstNorthwindDeadline(page)).toBe(before);
});
