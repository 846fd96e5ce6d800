import { expect, type Page, test } from "@playwright/test";
import { open, signInAs, signOut } from "./helpers";

/** The accuracy figure on the signed-in brand's tier card. */
async function accuracy(page: Page): Promise<string> {
  const card = page.getByRole("region", { name: /^Your tier/ });
  const row = card.getByRole("definition").first();
  return (await row.textContent()) ?? "";
}

/** A tiny but valid PDF, as a seller's supplier invoice. */
const INVOICE = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);

test("a seller appeals a removal on Northwind's notice and the manager restores the listing", async ({ page }) => {
  await signInAs(page, "staff@northwind.test");
  const before = await accuracy(page);
  expect(before).toMatch(/%/);
  await signOut(page);

  // The seller reads why the listing was removed, from the strike it cost them.
  await signInAs(page, "seller@bazaar.test");
  await expect(page.getByRole("heading", { name: "Strikes: 1 of 3" })).toBeVisible();
  const strikes = page.getByRole("table", { name: "Your strikes, newest first" });
  const link = strikes.getByRole("link").first();
  const listing = (await link.textContent())!.match(/#(\d+)\)$/)![1];
  await link.click();
  await expect(page.getByRole("heading", { name: "Why your listing was removed" })).toBeVisible();
  await expect(page.getByText("A notice from the rights holder Northwind Apparel", { exact: false })).toBeVisible();
  // The brand's explanation is shown without its contact address.
  await expect(page.getByText(/\[e-mail removed\]/)).toBeVisible();

  // Bad input is refused next to its field, and what was typed stays.
  const statement = "Genuine Northwind stock bought from the brand's UK wholesaler; invoice attached.";
  await page.getByLabel("Your statement").fill(statement);
  await page.getByRole("button", { name: "File counter-notice" }).click();
  await expect(page.getByText("Choose why the removal is wrong.")).toBeVisible();
  await expect(page.getByText(/Confirm the declaration/)).toBeVisible();
  await expect(page.getByLabel("Your statement")).toHaveValue(statement);

  await page.getByLabel("Why the removal is wrong").selectOption({ label: "Genuine goods (e.g. with a supplier invoice)" });
  await page.getByLabel("Contact name").fill("Sam Seller");
  await page.getByLabel("Contact e-mail").fill("sam@bazaar.example");
  await page.getByLabel("Postal address for service").fill("4 Market Row, Leeds LS1 6AB, United Kingdom");
  await page
    .getByLabel(/Evidence \(optional\)/)
    .setInputFiles({ name: "invoice.pdf", mimeType: "application/pdf", buffer: INVOICE });
  await expect(page.getByRole("list", { name: "Attached evidence" }).getByRole("link", { name: "invoice.pdf" })).toBeVisible();
  await page.getByLabel(/I declare under penalty of perjury/).check();
  await page.getByLabel(/Signature/).fill("Sam Seller");
  await page.getByRole("button", { name: "File counter-notice" }).click();
  await expect(page.getByRole("heading", { name: "Your counter-notice" })).toBeVisible();
  await expect(page.getByText("Under review")).toBeVisible();
  // The seller follows the case in the listing's audit trail.
  const ownTrail = page.getByRole("region", { name: "Audit trail" });
  await ownTrail.getByText(/^Timeline \(\d+ events?\)$/).click();
  await expect(ownTrail.getByText(/Counter-notice \d+ filed by the seller/)).toBeVisible();
  await signOut(page);

  // Northwind is told and responds with further evidence.
  await signInAs(page, "staff@northwind.test");
  await page
    .getByRole("region", { name: "Needs you" })
    .getByRole("listitem")
    .filter({ hasText: "1 counter-notice awaits your response" })
    .getByRole("link", { name: "Respond" })
    .click();
  await page.getByRole("row").filter({ hasText: "Counter-notice filed" }).getByRole("link").first().click();
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /^Counter-notice \d+$/ }) });
  await expect(card.getByText(statement)).toBeVisible();
  await card.getByLabel("Response", { exact: true }).selectOption({ label: "Further evidence" });
  await card.getByLabel("Statement for the account manager").fill("The stitching on the seller's photos is not ours.");
  await card.getByRole("button", { name: /^Send the response to counter-notice/ }).click();
  await expect(card.getByRole("heading", { name: "Rights holder's response: Further evidence" })).toBeVisible();
  await signOut(page);

  // Northwind's account manager restores the listing.
  await signInAs(page, "manager2@goodfaith.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Appeals" }).click();
  const appeal = page.getByRole("listitem").filter({ hasText: `listing ${listing}` });
  await expect(appeal.getByText("The stitching on the seller's photos is not ours.")).toBeVisible();
  await appeal.getByRole("button", { name: /^Restore the listing of counter-notice/ }).click();
  await expect(page.getByRole("status").filter({ hasText: `Listing ${listing} restored` })).toBeVisible();
  await open(page, `/listings/${listing}`);
  const trail = page.getByRole("region", { name: "Audit trail" });
  await trail.getByText(/^Timeline \(\d+ events?\)$/).click();
  await expect(trail.getByText(/Counter-notice \d+ filed by the seller/)).toBeVisible();
  await expect(trail.getByText(/Strike on the seller removed/)).toBeVisible();
  await signOut(page);

  // The listing is on sale again, Northwind's accuracy has changed, and the strike is gone.
  await open(page, `/listings/${listing}`);
  await expect(page.getByText("Restored", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Statement of reasons" })).toHaveCount(0);
  await signInAs(page, "staff@northwind.test");
  expect(await accuracy(page)).not.toEqual(before);
  await signOut(page);
  await signInAs(page, "seller@bazaar.test");
  await expect(page.getByRole("heading", { name: "Strikes: 0 of 3" })).toBeVisible();
});

test("a third strike suspends a seller and hides their listings until an admin lifts it", async ({ page }) => {
  await signInAs(page, "seller@harbour.test");
  await expect(page.getByRole("heading", { name: "Strikes: 2 of 3" })).toBeVisible();
  const live = page.getByRole("row").filter({ hasText: "Live" }).first();
  const title = (await live.getByRole("rowheader").textContent())!.trim();
  const id = (await live.getByRole("cell").first().textContent())!.trim();
  await signOut(page);

  // Other sellers may sell under the same title: the row is found by the listing number.
  const onSale = () => page.getByRole("row").filter({ has: page.getByRole("cell", { name: id, exact: true }) });
  await open(page, `/market?q=${encodeURIComponent(title)}`);
  await expect(onSale()).toHaveCount(1);

  // Aurora's account manager upholds a third notice against the seller.
  await signInAs(page, "manager@goodfaith.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review queue" }).click();
  await page
    .getByRole("row")
    .filter({ hasText: "Aurora Dive 300 Watch (New)" })
    .filter({ hasText: "Harbour Goods" })
    .getByRole("link", { name: /^Report \d+$/ })
    .click();
  await page.getByRole("button", { name: "Remove this listing" }).click();
  await expect(page.getByText("Notice upheld").first()).toBeVisible();
  await signOut(page);

  // The seller's listings are gone from the public pages, with a notice.
  await open(page, `/market?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("heading", { name: "Marketplace", level: 1 })).toBeVisible();
  await expect(onSale()).toHaveCount(0);
  await open(page, `/listings/${id}`);
  await expect(page.getByText(/its seller is suspended from the marketplace/)).toBeVisible();

  // The seller sees why and until when.
  await signInAs(page, "seller@harbour.test");
  await expect(page.getByRole("alert").filter({ hasText: "Your account is suspended" })).toContainText(
    "3 removals that stand within 90 days",
  );
  await expect(page.getByRole("heading", { name: "Strikes: 3 of 3" })).toBeVisible();
  await signOut(page);

  // An admin lifts the suspension with a reason; the listings are back.
  await signInAs(page, "admin@goodfaith.test");
  const suspended = page.getByRole("listitem", { name: "Suspended seller Harbour Goods" });
  await suspended.getByRole("button", { name: "Lift the suspension of Harbour Goods" }).click();
  await expect(suspended.getByText(/Give the reason/)).toBeVisible();
  await suspended.getByLabel("Reason for lifting the suspension").fill("Seller proved the third listing was a relabelled return.");
  await suspended.getByRole("button", { name: "Lift the suspension of Harbour Goods" }).click();
  await expect(suspended).toHaveCount(0);
  await signOut(page);
  await open(page, `/listings/${id}`);
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
});
