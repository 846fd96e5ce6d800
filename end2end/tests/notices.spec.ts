import { expect, test, type Page } from "@playwright/test";
import { open, signInAs, signOut } from "./helpers";

/** Fills everything but the listing lines, as Northwind's staff would. */
async function fillNotice(page: Page): Promise<void> {
  await page.getByLabel("IP right").selectOption({ index: 1 });
  await page.getByLabel("Reason").selectOption({ label: "Counterfeit" });
  await page
    .getByLabel("Why these listings infringe")
    .fill("Counterfeit Northwind parkas: our logo on jackets we never made.");
  await page.getByLabel(/I declare in good faith/).check();
  await page.getByLabel(/Signature/).fill("Noor Northwind");
}

/** The item cards of a report page. */
function itemCards(page: Page) {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) });
}

test("a notice goes from five lines to a decision, a public statement and a resubmission", async ({
  page,
}) => {
  await signInAs(page, "staff@northwind.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New report" }).click();
  await expect(page.getByRole("heading", { name: "Report infringing listings" })).toBeVisible();
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  const lines = "1101\nitem #3\n1102\nhttps://market.example/listings/1103\n1101";
  await fillNotice(page);
  await page.getByLabel(/Listings — IDs or URLs/).fill(lines);
  await page.getByRole("button", { name: "Submit report" }).click();

  // Both bad lines are explained, and everything typed is still there.
  await expect(page.getByRole("heading", { name: "2 of 5 lines need attention" })).toBeVisible();
  const problems = page.getByRole("list", { name: "Problems with listing lines" });
  await expect(problems.getByRole("listitem")).toHaveCount(2);
  await expect(problems).toContainText("Line 2");
  await expect(problems).toContainText("Enter a listing ID");
  await expect(problems).toContainText("Line 5");
  await expect(problems).toContainText("Repeated: listing 1101 is already on line 1");
  await expect(page.getByLabel(/Listings — IDs or URLs/)).toHaveValue(lines);
  await expect(page.getByLabel("Why these listings infringe")).toHaveValue(/Counterfeit Northwind parkas/);

  await page.getByRole("button", { name: "Submit the 3 good lines now" }).click();
  const receipt = page.getByRole("heading", { name: /Report \d+ received/ });
  await expect(receipt).toBeVisible();
  const reportNumber = (await receipt.textContent())?.match(/Report (\d+)/)?.[1];
  expect(reportNumber).toBeTruthy();
  await expect(page.getByText("with 3 listings")).toBeVisible();
  // The two bad lines stay behind for correction.
  await expect(page.getByLabel(/Listings — IDs or URLs/)).toHaveValue("item #3\n1101");
  await signOut(page);

  // Northwind's account manager finds the items in the queue and decides two of them.
  await signInAs(page, "manager2@goodfaith.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review queue" }).click();
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  await expect(page.getByRole("link", { name: `Report ${reportNumber}` }).first()).toBeVisible();
  await open(page, `/reports/${reportNumber}`);
  const cards = itemCards(page);
  await expect(cards).toHaveCount(3);
  await cards.nth(0).getByRole("button", { name: "Remove this listing" }).click();
  await expect(cards.nth(0).getByText("Notice upheld: the listing was removed.")).toBeVisible();
  await cards.nth(1).getByLabel("Rejection code").selectOption({ label: "Not infringing" });
  await cards.nth(1).getByLabel("Explanation for the brand").fill("The photos show a different logo.");
  await cards.nth(1).getByRole("button", { name: "Reject this listing" }).click();
  await expect(cards.nth(1).getByText("Rejected — Not infringing: The photos show a different logo.")).toBeVisible();
  await signOut(page);

  // Northwind sees both outcomes and the explanation.
  await signInAs(page, "staff@northwind.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Removed: \d+/ })).toBeVisible();
  const rows = page.getByRole("row").filter({ hasText: `${reportNumber} / ` });
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "Removed" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Rejected" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Pending review" })).toHaveCount(1);
  await open(page, `/reports/${reportNumber}`);
  await expect(page.getByText("Rejected — Not infringing: The photos show a different logo.")).toBeVisible();
  await expect(page.getByText("Notice upheld: the listing was removed.")).toBeVisible();
  await signOut(page);

  // The public page of the removed listing explains the removal.
  await open(page, "/listings/1101");
  await expect(page.getByRole("heading", { name: "Statement of reasons" })).toBeVisible();
  await expect(page.getByText("Northwind Apparel")).toBeVisible();
  await expect(page.getByRole("heading", { name: "How to appeal" })).toBeVisible();

  // Northwind fixes and resubmits the rejected item.
  await signInAs(page, "staff@northwind.test");
  await open(page, `/reports/${reportNumber}`);
  await page.getByRole("link", { name: "Fix and resubmit" }).click();
  await expect(page.getByText(/Resubmitting item \d+ of report/)).toBeVisible();
  await expect(page.getByLabel(/Listings — IDs or URLs/)).toHaveValue("1102");
  await expect(page.getByLabel("Why these listings infringe")).toHaveValue(/Counterfeit Northwind parkas/);
  await page
    .getByLabel("Why these listings infringe")
    .fill("Counterfeit: the zip pull and the inner label copy our registered mark; see the test buy.");
  await page.getByLabel("Test-buy order number (optional)").fill("TB-2026-0042");
  await page.getByLabel(/I declare in good faith/).check();
  await page.getByLabel(/Signature/).fill("Noor Northwind");
  await page.getByRole("button", { name: "Submit report" }).click();
  const second = page.getByRole("heading", { name: /Report \d+ received/ });
  await expect(second).toBeVisible();
  await page.getByRole("link", { name: "Follow this report" }).click();
  await expect(page.getByText(/Rejected item \d+/)).toBeVisible();
});

test("a CSV of 300 listings is checked with visible progress and accepted", async ({ page }) => {
  await signInAs(page, "staff@northwind.test");
  await open(page, "/brands/1/reports/new");
  // A slower connection, so the progress between chunks is there to be seen.
  await page.route("**/api/reports/check_lines", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 250));
    await route.continue();
  });
  await fillNotice(page);
  const rows = Array.from({ length: 300 }, (_, i) => `${1201 + i},seen in test buy ${i + 1}`);
  const csv = ["listing_reference,note", ...rows].join("\n");
  await page.getByLabel(/Or upload a CSV/).setInputFiles({
    name: "northwind-fakes.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv),
  });
  await expect(page.getByRole("progressbar")).toBeVisible();
  await expect(page.getByText(/Checking lines: \d+ of 300/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "All 300 lines can be reported" })).toBeVisible();
  await page.getByRole("button", { name: "Submit report" }).click();
  await expect(page.getByRole("heading", { name: /Report \d+ received/ })).toBeVisible();
  await expect(page.getByText("with 300 listings")).toBeVisible();
});

test("a malformed CSV is explained next to the upload", async ({ page }) => {
  await signInAs(page, "staff@northwind.test");
  await open(page, "/brands/1/reports/new");
  await page.getByLabel(/Or upload a CSV/).setInputFiles({
    name: "wrong.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("1201,a,b\n"),
  });
  await expect(page.getByText("Line 1 has 3 columns")).toBeVisible();
});

test("brand staff register a right with its proof and the account manager verifies it", async ({
  page,
}) => {
  await signInAs(page, "staff@northwind.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "IP rights" }).click();
  await expect(page.getByRole("heading", { name: "IP rights", level: 1 })).toBeVisible();
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  // A file that is not a PDF or image is refused at the field.
  await page.getByLabel("Proof document (registration certificate)").setInputFiles({
    name: "certificate.exe",
    mimeType: "application/octet-stream",
    buffer: Buffer.from("MZ not really a certificate"),
  });
  await expect(page.getByText("Only PDF and image files")).toBeVisible();
  await page.getByRole("button", { name: "Register right" }).click();
  await expect(page.getByText("Enter the registration number")).toBeVisible();

  await page.getByLabel("Kind of right").selectOption({ label: "Trademark" });
  await page.getByLabel("Registration number").fill("UK00003999001");
  await page.getByLabel("Jurisdiction").fill("UK");
  await page.getByLabel("Nice classes (trademarks)").fill("25");
  await page.getByLabel("Expiry date").fill("2033-06-30");
  await page.getByLabel("Proof document (registration certificate)").setInputFiles({
    name: "uk-certificate.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n% UK trademark certificate\n%%EOF\n"),
  });
  await expect(page.getByText("Attached:")).toBeVisible();
  await page.getByRole("button", { name: "Register right" }).click();
  await expect(page.getByText(/Right \d+ registered/)).toBeVisible();
  await expect(page.getByRole("row", { name: /UK00003999001/ })).toContainText("Awaiting verification");
  await signOut(page);

  await signInAs(page, "manager2@goodfaith.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Rights to verify" }).click();
  await page.getByRole("button", { name: "Verify Trademark UK UK00003999001" }).click();
  await expect(page.getByRole("heading", { name: "Trademark UK UK00003999001" })).toHaveCount(0);
  await signOut(page);

  await signInAs(page, "staff@northwind.test");
  await open(page, "/brands/1/rights");
  await expect(page.getByRole("row", { name: /UK00003999001/ })).toContainText("Verified");
});
