import { expect, test } from "@playwright/test";
import { open, signInAs, signOut } from "./helpers";

test("a takedown leaves the portal as a signed webhook the admin sees delivered", async ({ page }) => {
  await signInAs(page, "staff@helios.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Instant takedown" }).click();
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  await page.getByLabel("IP right").selectOption({ index: 1 });
  await page.getByLabel("Reason").selectOption({ label: "Counterfeit" });
  await page.getByLabel(/Listings — IDs or URLs/).fill("1806");
  await page.getByLabel("Why these listings infringe").fill("Counterfeit Helios earbuds: no serial number.");
  await page.getByLabel(/I declare in good faith/).check();
  await page.getByLabel(/Signature/).fill("Hana Helios");
  await page.getByRole("button", { name: "Take down now" }).click();
  await expect(page.getByRole("heading", { name: "1 listing taken down" })).toBeVisible();
  await signOut(page);

  await signInAs(page, "admin@goodfaith.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integration" }).click();
  await expect(page.getByRole("heading", { name: "Marketplace integration", level: 1 })).toBeVisible();
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  await page.getByLabel("Listing ID").fill("1806");
  const events = page.getByRole("table", { name: "Events, newest first" });
  const row = events.getByRole("row").filter({ has: page.getByRole("link", { name: "Listing 1806" }) });
  // The dispatcher sends it within a moment; the page shows it once it has.
  await expect(async () => {
    await page.getByLabel("State").selectOption("pending");
    await page.getByLabel("State").selectOption("delivered");
    await expect(row.getByText("Delivered", { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(row).toContainText("listing.removed");
  await row.getByText(/HTTP 204/).click();
  await expect(row.getByText(/webhook-signature: v1,/)).toBeVisible();
  // The demo's marketplace checked the signature.
  const received = page.getByRole("table", { name: "Latest webhooks received, newest first" });
  const id = (await row.getByRole("rowheader").innerText()).trim();
  await open(page, "/admin/integration");
  await expect(received.getByRole("row").filter({ hasText: id })).toContainText("Signature verified");

  // Redeliver: the same message goes again.
  await page.getByLabel("Listing ID").fill("1806");
  await page.getByRole("button", { name: `Redeliver ${id}` }).click();
  await expect(async () => {
    await open(page, "/admin/integration");
    await expect(received.getByRole("row").filter({ hasText: id })).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
});

test("an admin makes an integration key, shown once, and a bad webhook address is refused by its field", async ({ page }) => {
  await signInAs(page, "admin@goodfaith.test");
  await open(page, "/admin/integration");
  await page.getByLabel("Name — the system that will use it").fill("Listings sync");
  await page.getByRole("button", { name: "Make key" }).click();
  await expect(page.getByLabel("New key")).toHaveValue(/^gfm_[0-9a-f]{64}$/);
  const keys = page.getByRole("table", { name: "Integration keys, newest first" });
  await expect(keys.getByRole("row", { name: /Listings sync/ })).toBeVisible();

  const address = page.getByLabel(/Webhook address/);
  await address.fill("ftp://market.example/hooks");
  await page.getByRole("button", { name: "Save address" }).click();
  await expect(page.getByText("The address must start with https:// (or http:// on a private network).")).toBeVisible();
  await expect(address).toHaveValue("ftp://market.example/hooks");
  await expect(address).toHaveAttribute("aria-describedby", "webhook-url-error");

  await page.getByRole("button", { name: "Revoke Listings sync" }).click();
  await expect(keys.getByRole("row", { name: /Listings sync/ })).toContainText("Revoked");
  // The secret shown once is still on screen until the admin leaves.
  await expect(page.getByLabel("New key")).toHaveValue(/^gfm_/);
});
