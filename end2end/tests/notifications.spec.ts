import { expect, test, type Page } from "@playwright/test";
import { open, signInAs, signOut } from "./helpers";

/** The bell's unread count, read from its accessible name. */
async function unread(page: Page): Promise<number> {
  const label = (await page.getByRole("link", { name: /^Notifications, / }).getAttribute("aria-label")) ?? "";
  const match = label.match(/(\d+) unread/);
  return match ? Number(match[1]) : 0;
}

test("a brand's staff member sees the bell count rise when the manager decides their report", async ({ page }) => {
  test.setTimeout(90_000);
  // Cobalt's Cleo files a report (no other journey uses Cobalt's reports).
  await signInAs(page, "staff@cobalt.test");
  const before = await unread(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New report" }).click();
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  await page.getByLabel("IP right").selectOption({ index: 1 });
  await page.getByLabel("Reason").selectOption({ label: "Counterfeit" });
  await page.getByLabel("Why these listings infringe").fill("Counterfeit Cobalt cookware with our mark.");
  await page.getByLabel(/Listings — IDs or URLs/).fill("2311");
  await page.getByLabel(/I declare in good faith/).check();
  await page.getByLabel(/Signature/).fill("Cleo Cobalt");
  await page.getByRole("button", { name: "Submit report" }).click();
  const receipt = page.getByRole("heading", { name: /Report \d+ received/ });
  await expect(receipt).toBeVisible();
  const report = (await receipt.textContent())?.match(/Report (\d+)/)?.[1];
  await signOut(page);

  // Nils, Cobalt's manager, removes the listing: the report is decided.
  await signInAs(page, "manager2@goodfaith.test");
  await open(page, `/reports/${report}`);
  await page.getByRole("button", { name: "Remove this listing" }).click();
  await expect(page.getByText("Notice upheld: the listing was removed.")).toBeVisible();
  await signOut(page);

  // Cleo's bell counts one more within seconds (the notifier reads the trail every 2 s).
  await signInAs(page, "staff@cobalt.test");
  await expect(async () => {
    await page.reload();
    await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
    expect(await unread(page)).toBe(before + 1);
  }).toPass({ timeout: 20_000 });
  await page.getByRole("link", { name: /^Notifications, / }).click();
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  const note = page.getByRole("link", { name: `Report ${report} is decided` });
  await expect(note).toBeVisible();
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByText("All read.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Notifications, none unread" })).toBeVisible();
  await note.click();
  await expect(page).toHaveURL(new RegExp(`/reports/${report}$`));
});

test("mail settings are chosen per kind and kept", async ({ page }) => {
  await signInAs(page, "staff@cobalt.test");
  await open(page, "/account");
  const form = page.getByRole("form", { name: "Notifications by mail" });
  await form.getByLabel("A report of mine is decided").selectOption({ label: "In a daily digest" });
  await form.getByRole("button", { name: "Save notification settings" }).click();
  await expect(form.getByText("Your notification settings are saved.")).toBeVisible();
  await open(page, "/account");
  await expect(page.getByLabel("A report of mine is decided")).toHaveValue("digest");
  // Back to the default for the other journeys.
  await page.getByLabel("A report of mine is decided").selectOption({ label: "Mail me at once" });
  await page.getByRole("button", { name: "Save notification settings" }).click();
  await expect(page.getByText("Your notification settings are saved.")).toBeVisible();
});
