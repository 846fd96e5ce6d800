import { expect, test } from "@playwright/test";
import { open, signInAs } from "./helpers";

test("Joint-Force staff take listings down at once and can retract within 7 days", async ({ page }) => {
  await signInAs(page, "staff@helios.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Instant takedown" }).click();
  await expect(page.getByRole("heading", { name: "Instant takedown", level: 1 })).toBeVisible();
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  await page.getByLabel("IP right").selectOption({ index: 1 });
  await page.getByLabel("Reason").selectOption({ label: "Counterfeit" });
  await page.getByLabel(/Listings — IDs or URLs/).fill("1801\n1802\nnot-a-listing");
  await page.getByLabel("Why these listings infringe").fill("Counterfeit Helios headphones: fake serial numbers.");
  await page.getByLabel(/I declare in good faith/).check();
  await page.getByLabel(/Signature/).fill("Hana Helios");
  await page.getByRole("button", { name: "Take down now" }).click();
  await expect(page.getByRole("heading", { name: "1 of 3 lines need attention" })).toBeVisible();
  await page.getByRole("button", { name: "Submit the 2 good lines now" }).click();
  await expect(page.getByRole("heading", { name: "2 listings taken down" })).toBeVisible();
  await expect(page.getByLabel(/Listings — IDs or URLs/)).toHaveValue("not-a-listing");

  const recent = page.getByRole("region", { name: "Your takedowns, last 7 days" });
  await expect(recent.getByRole("listitem")).toHaveCount(2);
  await recent.getByRole("button", { name: /^Retract takedown of/ }).first().click();
  await expect(recent.getByText("Retracted")).toHaveCount(1);

  // The one still down explains itself to the public as decided on the brand's assertion.
  await open(page, "/listings/1801");
  await expect(page.getByRole("heading", { name: "Statement of reasons" })).toBeVisible();
  await expect(page.getByText(/decided on the rights holder's assertion/)).toBeVisible();
});

test("brands without Joint-Force standing are not offered instant takedown", async ({ page }) => {
  await signInAs(page, "staff@aurora.test");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Instant takedown" })).toHaveCount(0);
});
