import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

test("brand staff make an API token, file a report with it, see it, revoke it, and are refused", async ({ page, request }) => {
  await signInAs(page, "staff@northwind.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);

  // A form mistake is explained next to its field and nothing typed is lost.
  await page.getByLabel(/Name — who or what will use it/).fill("Vendor: journey test");
  await page.getByLabel(/reports:read/).uncheck();
  await page.getByRole("button", { name: "Make token" }).click();
  await expect(page.locator("#scopes-error")).toHaveText(/at least one thing/);
  await expect(page.getByLabel(/Name — who or what will use it/)).toHaveValue("Vendor: journey test");

  await page.getByLabel(/reports:read/).check();
  await page.getByLabel(/reports:write/).check();
  await page.getByRole("button", { name: "Make token" }).click();
  const secretBox = page.getByLabel("New token");
  await expect(secretBox).toHaveValue(/^gf_[0-9a-f]{64}$/);
  const secret = await secretBox.inputValue();
  // Listed by its first characters only, never the whole secret.
  const table = page.getByRole("table", { name: "Your brand's API tokens" });
  const row = table.getByRole("row").filter({ hasText: secret.slice(0, 11) });
  await expect(row).toContainText("Not yet");
  await expect(table).not.toContainText(secret);

  // The token works from outside the browser session: no cookie, only the bearer.
  const auth = { Authorization: `Bearer ${secret}` };
  const rights = await request.get("/api/v1/rights", { headers: auth });
  expect(rights.status()).toBe(200);
  const right = (await rights.json()).rights.find((r: { usable: boolean }) => r.usable);
  const filed = await request.post("/api/v1/reports", {
    headers: { ...auth, "Idempotency-Key": `journey-${Date.now()}` },
    data: {
      ip_right_id: right.id,
      reason: "counterfeit",
      explanation: "Northwind parka copies with a misspelt label, filed by the vendor's system.",
      lines: [{ listing: "1901", note: "Label reads 'Nortwind'" }],
      declaration: { accepted: true, signature: "Noor Northwind" },
    },
  });
  expect(filed.status(), await filed.text()).toBe(201);
  const receipt = await filed.json();
  expect(receipt.items).toHaveLength(1);

  // The report is in the brand's list, filed under the token maker's name.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  const reported = `${receipt.report_id} / ${receipt.items[0].item_id}`;
  await expect(page.getByRole("link", { name: reported, exact: true })).toBeVisible();
  await page.goto(`/reports/${receipt.report_id}`);
  await expect(page.getByText("Noor Northwind").first()).toBeVisible();

  // Revoked, the token is refused at once.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API tokens" }).click();
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  await row.getByRole("button", { name: "Revoke Vendor: journey test" }).click();
  await expect(row).toContainText("Revoked");
  const refused = await request.get("/api/v1/rights", { headers: auth });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
  expect((await refused.json()).detail).toContain("revoked");
});

test("the API reference works offline from the portal", async ({ page }) => {
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: "Goodfaith Brand API", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Operations" }).getByRole("link", { name: "POST /takedowns", exact: true })).toBeVisible();
});
