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
  // The two just taken down come first, above the demo's earlier ones.
  await expect(recent.getByRole("listitem").first()).toContainText("1802");
  await recent.getByRole("button", { name: /^Retract takedown of listing 1802 / }).click();
  await expect(recent.getByRole("listitem").filter({ hasText: "1802" }).getByText("Retracted")).toBeVisible();
  await expect(recent.getByText("Retracted")).toHaveCount(1);

  // The one still down explains itself to the public as decided on the brand's assertion.
  await open(page, "/listings/1801");
  await expect(page.getByRole("heading", { name: "Statement of reasons" })).toBeVisible();
  await expect(page.getByText(/decided on the rights holder's assertion/)).toBeVisible();
});

test("brands without Joint-Force standing are not offered instant takedown", async ({ page }) => {
  await signInAs(page, "staff@aurora.test");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Instant takedown" })).toHaveCount(0);
  const brandPath = new URL(page.url()).pathname;
  await open(page, `${brandPath}/takedown`);
  await expect(page.getByText(/Your brand is Good Faith now, without Joint-Force standing/)).toBeVisible();
  await expect(page.getByRole("link", { name: "File a normal report instead" })).toBeVisible();
});

test("staff of a Standard brand are refused instant takedown by the server and keep their input", async ({ page }) => {
  await signInAs(page, "staff@northwind.test");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Instant takedown" })).toHaveCount(0);
  const brandPath = new URL(page.url()).pathname;
  await open(page, `${brandPath}/takedown`);
  await page.getByLabel("IP right").selectOption({ index: 1 });
  await page.getByLabel("Reason").selectOption({ label: "Counterfeit" });
  await page.getByLabel(/Listings — IDs or URLs/).fill("1811");
  await page.getByLabel("Why these listings infringe").fill("Counterfeit Northwind parkas with our logo.");
  await page.getByLabel(/I declare in good faith/).check();
  await page.getByLabel(/Signature/).fill("Noor Northwind");
  await page.getByRole("button", { name: "Take down now" }).click();
  await expect(page.getByText(/Instant takedown is for Joint-Force brands; Northwind Apparel is Standard/)).toBeVisible();
  await expect(page.getByLabel(/Listings — IDs or URLs/)).toHaveValue("1811");
  await open(page, "/listings/1811");
  await expect(page.getByText("Statement of reasons")).toHaveCount(0);
});

test("the manager asks Helios about a flagged listing and a counterfeit answer removes it", async ({ page }) => {
  await signInAs(page, "manager@goodfaith.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Find listings" }).click();
  await expect(page.getByRole("heading", { name: "Find listings to ask about", level: 1 })).toBeVisible();
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  await page.getByLabel("Title contains").fill("Studio Pro");
  await page.getByRole("button", { name: "Search" }).click();
  const ask = page.getByRole("button", { name: /^Ask Helios Audio about listing \d+$/ }).first();
  await expect(ask).toBeVisible();
  const listing = (await ask.getAttribute("aria-label"))!.match(/(\d+)$/)![1];
  const row = page.getByRole("row").filter({
    has: page.getByRole("button", { name: `Ask Helios Audio about listing ${listing}`, exact: true }),
  });
  await expect(row).toContainText("Price below reference");
  await ask.click();
  const form = page.getByRole("region", { name: `Ask Helios Audio about listing ${listing}` });
  await form.getByLabel("Hours to answer").fill("0");
  await form.getByRole("button", { name: "Send inquiry" }).click();
  await expect(form.getByText(/between 1 and 336 hours/)).toBeVisible();
  await form.getByLabel("Hours to answer").fill("48");
  await form.getByRole("button", { name: "Send inquiry" }).click();
  await expect(form.getByText(/Inquiry \d+ sent/)).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();

  await signInAs(page, "staff@helios.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Inquiries \(\d+\)$/ }).click();
  await expect(page.getByRole("heading", { name: "Authenticity inquiries", level: 1 })).toBeVisible();
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  const card = page.getByRole("listitem").filter({ hasText: `#${listing}` });
  await card.getByLabel(/^Counterfeit/).check();
  await card.getByRole("button", { name: /^Send the answer/ }).click();
  await expect(card.getByText("Tick the good-faith declaration: the removal rests on it.")).toBeVisible();
  await card.getByLabel(/I declare in good faith/).check();
  await card.getByLabel(/Signature/).fill("Hana Helios");
  await card.getByRole("button", { name: /^Send the answer/ }).click();
  await expect(page.getByRole("status").filter({ hasText: `listing ${listing} removed on report` })).toBeVisible();
  const answered = page.getByRole("row").filter({ hasText: `Is listing ${listing}` });
  await expect(answered.getByText("Counterfeit: removed")).toBeVisible();
  await expect(answered.getByRole("link", { name: /^Report \d+, item \d+$/ })).toBeVisible();

  await open(page, `/listings/${listing}`);
  await expect(page.getByRole("heading", { name: "Statement of reasons" })).toBeVisible();
  await expect(page.getByText(/decided on the rights holder's assertion/)).toBeVisible();
});

test("an audit overturn that drops Helios below 90 % ends its instant takedown", async ({ page }) => {
  await signInAs(page, "staff@helios.test");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Instant takedown" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();

  await signInAs(page, "manager@goodfaith.test");
  await expect(page.getByRole("heading", { name: "My desk", level: 1 })).toBeVisible();
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  const sample = page.getByRole("listitem").filter({ has: page.getByRole("button", { name: /^Overturn the takedown/ }) }).first();
  await sample.getByLabel("Why it was wrong").selectOption({ label: "Not infringing" });
  await sample.getByLabel("Explanation for the brand").fill("The seller showed an invoice from Helios's distributor.");
  await sample.getByRole("button", { name: /^Overturn the takedown/ }).click();
  await expect(page.getByRole("status").filter({ hasText: /lost instant takedown/ })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();

  await signInAs(page, "staff@helios.test");
  await expect(page.getByRole("heading", { name: "Your tier: Standard" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Instant takedown" })).toHaveCount(0);
  const brandPath = new URL(page.url()).pathname;
  await open(page, `${brandPath}/takedown`);
  await expect(page.getByText(/Your brand is Standard now, without Joint-Force standing/)).toBeVisible();
  await expect(page.getByRole("link", { name: "File a normal report instead" })).toBeVisible();
});
