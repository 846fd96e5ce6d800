import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, open, signIn, signInAs } from "./helpers";

const homes = [
  { email: "admin@goodfaith.test", path: /\/admin$/, heading: "All brands", nav: "All brands" },
  { email: "manager@goodfaith.test", path: /\/manager$/, heading: "My desk", nav: "My desk" },
  { email: "staff@northwind.test", path: /\/brands\/\d+$/, heading: "Northwind Apparel", nav: "Brand overview" },
  { email: "staff@aurora.test", path: /\/brands\/\d+$/, heading: "Aurora Watches", nav: "Brand overview" },
  { email: "staff@helios.test", path: /\/brands\/\d+$/, heading: "Helios Audio", nav: "Brand overview" },
  { email: "seller@bazaar.test", path: /\/seller$/, heading: "My listings", nav: "My listings" },
];

for (const home of homes) {
  test(`${home.email} signs in and lands on their home page`, async ({ page }) => {
    await signIn(page, home.email);
    await expect(page).toHaveURL(home.path);
    await expect(page.getByRole("heading", { level: 1, name: home.heading })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: home.nav })).toBeVisible();
    await expect(nav.getByRole("button", { name: "Sign out" })).toBeVisible();
  });
}

test("the navigation marks the page being shown", async ({ page }) => {
  await signIn(page, "admin@goodfaith.test");
  await expect(page).toHaveURL(/\/admin$/);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "All brands" })).toHaveAttribute("aria-current", "page");
  await nav.getByRole("link", { name: "People" }).click();
  await expect(page.getByRole("heading", { name: "People" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "People" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "All brands" })).not.toHaveAttribute("aria-current", "page");
});

test("brand staff see their tier read from the database", async ({ page }) => {
  await signIn(page, "staff@helios.test");
  await expect(page.getByRole("heading", { name: "Your tier: Joint-Force" })).toBeVisible();
  await signOut(page);
  await signIn(page, "staff@aurora.test");
  await expect(page.getByRole("heading", { name: "Your tier: Good Faith" })).toBeVisible();
});

test("a wrong password shows an error and keeps the e-mail address", async ({ page }) => {
  await signIn(page, "staff@helios.test", "not-the-password");
  await expect(page.getByText("Wrong e-mail address or password.")).toBeVisible();
  await expect(page.getByLabel("E-mail address")).toHaveValue("staff@helios.test");
  await expect(page).toHaveURL(/\/login$/);
});

test("a malformed e-mail address is explained next to the field", async ({ page }) => {
  await signIn(page, "staff-at-helios");
  await expect(page.locator("#email-error")).toHaveText(/like name@example.com/);
  await expect(page.getByLabel("E-mail address")).toHaveValue("staff-at-helios");
});

test("brand staff opening the admin page are refused", async ({ page }) => {
  await signIn(page, "staff@northwind.test");
  await expect(page).toHaveURL(/\/brands\/\d+$/);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
});

test("brand staff cannot open another brand's page", async ({ page }) => {
  await signIn(page, "staff@northwind.test");
  await expect(page).toHaveURL(/\/brands\/\d+$/);
  const own = page.url();
  const otherId = Number(own.split("/").pop()) + 2;
  const response = await page.goto(`/brands/${otherId}`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
});

test("anonymous visitors are sent to sign in", async ({ page }) => {
  await page.goto("/manager");
  await expect(page).toHaveURL(/\/login$/);
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "manager@goodfaith.test");
  await expect(page).toHaveURL(/\/manager$/);
  await signOut(page);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/manager");
  await expect(page).toHaveURL(/\/login$/);
});

test("the account manager sees only assigned brands", async ({ page }) => {
  await signIn(page, "manager@goodfaith.test");
  const table = page.getByRole("table", { name: "Brands assigned to you" });
  await expect(table.getByRole("link", { name: "Helios Audio" })).toBeVisible();
  await expect(table.getByRole("link", { name: "Aurora Watches" })).toBeVisible();
  await expect(table.getByRole("link", { name: "Northwind Apparel" })).toHaveCount(0);
  await table.getByRole("link", { name: "Helios Audio" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Helios Audio" })).toBeVisible();
});

test("a seller sees their listings and opens a public listing page", async ({ page }) => {
  await signIn(page, "seller@bazaar.test");
  const table = page.getByRole("table", { name: /listings · page/ });
  await expect(table.getByRole("row")).not.toHaveCount(0);
  const first = table.getByRole("rowheader").first().getByRole("link");
  const title = (await first.textContent()) ?? "";
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Bazaar Outlet")).toBeVisible();
});

test("the sign-in form works from the keyboard", async ({ page }) => {
  await open(page, "/login");
  await page.getByLabel("E-mail address").focus();
  await page.keyboard.type("admin@goodfaith.test");
  await page.keyboard.press("Tab");
  await page.keyboard.type("goodfaith-demo");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/admin$/);
});

async function signOut(page: import("@playwright/test").Page): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

test("a person changes their password on their account page and signs in with it", async ({ page }) => {
  // Cobalt's account is used by no other journey, and the password is put back at the end.
  const email = "staff@cobalt.test";
  const changed = "lantern orchard velvet 42";
  const change = async (current: string, next: string) => {
    await open(page, "/account");
    await page.getByLabel("Current password").fill(current);
    await page.getByLabel("New password", { exact: true }).fill(next);
    await page.getByLabel("New password again").fill(next);
    await page.getByRole("button", { name: "Change password" }).click();
  };
  await signInAs(page, email);
  await change(DEMO_PASSWORD, "too short");
  await expect(page.getByText("Use at least 12 characters (this has 9)")).toBeVisible();
  // Refused, what was typed stays.
  await expect(page.getByLabel("Current password")).toHaveValue(DEMO_PASSWORD);
  await change(DEMO_PASSWORD, changed);
  await expect(page.getByRole("status").filter({ hasText: "Password changed" })).toBeVisible();
  await expect(page.getByLabel("Current password")).toHaveValue("");
  await signOut(page);
  await signIn(page, email, changed);
  await expect(page).not.toHaveURL(/\/login$/);
  await change(changed, DEMO_PASSWORD);
  await expect(page.getByRole("status").filter({ hasText: "Password changed" })).toBeVisible();
});

test("an admin deactivates an account, which then cannot sign in, reactivates it and finds both in the audit log", async ({ page }) => {
  const people = async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
    await expect(page.getByRole("heading", { name: "People" })).toBeVisible();
    await page.getByLabel("Name, e-mail, brand or seller").fill("cobalt");
    await expect(page.getByRole("row", { name: /Cleo Cobalt/ })).toBeVisible();
  };
  await signIn(page, "admin@goodfaith.test");
  await expect(page).toHaveURL(/\/admin$/);
  await people();
  await page.getByRole("button", { name: "Deactivate Cleo Cobalt…" }).click();
  // A reason is required, and said so next to its field.
  await page.getByRole("button", { name: "Deactivate and sign out" }).click();
  await expect(page.getByText("Say why, in a few words")).toBeVisible();
  await page.getByLabel("Why deactivate Cleo Cobalt?").fill("Left Cobalt in November");
  await page.getByRole("button", { name: "Deactivate and sign out" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Cleo Cobalt is deactivated" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Cleo Cobalt/ })).toContainText("Left Cobalt in November");
  await signOut(page);

  await signIn(page, "staff@cobalt.test");
  await expect(page.getByRole("alert")).toContainText("This account has been deactivated");
  await expect(page).toHaveURL(/\/login$/);

  await signIn(page, "admin@goodfaith.test");
  await expect(page).toHaveURL(/\/admin$/);
  await people();
  await page.getByRole("button", { name: "Reactivate Cleo Cobalt" }).click();
  await expect(page.getByRole("status").filter({ hasText: "active again" })).toBeVisible();
  // Both changes are in the audit log, with the reason, and in its CSV link's filter.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await page.getByLabel("Kind of event").selectOption({ label: "Accounts" });
  await page.getByLabel("Who (name or e-mail)").fill("ada");
  const events = page.getByRole("table", { name: "Events, newest first" });
  await expect(events.getByRole("row", { name: /user\.reactivated/ }).first()).toBeVisible();
  await expect(events.getByRole("row", { name: /Left Cobalt in November/ }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Download these events as CSV" })).toHaveAttribute(
    "href",
    /kind=user&?.*actor=ada|actor=ada.*kind=user/,
  );
  await signOut(page);
  await signIn(page, "staff@cobalt.test");
  await expect(page).not.toHaveURL(/\/login$/);
});

test("an admin hands a brand to another account manager and back", async ({ page }) => {
  const assign = async (name: string) => {
    await page.getByLabel("New account manager").selectOption({ label: name });
    await page.getByRole("button", { name: "Assign manager" }).click();
    await expect(page.getByText(`Reviewed by ${name}.`)).toBeVisible();
  };
  await signIn(page, "admin@goodfaith.test");
  await expect(page).toHaveURL(/\/admin$/);
  // Borealis, reviewed by Mara in the demo data: to Nils, then back.
  await open(page, "/brands/4");
  await expect(page.getByText("Reviewed by Mara Manager.")).toBeVisible();
  await assign("Nils Manager");
  await assign("Mara Manager");
});

test("sign-in says who the portal is for, answers an empty form by each field and puts focus back", async ({
  page,
}) => {
  await open(page, "/login");
  await expect(page.getByText("Goodfaith is the marketplace's brand-protection portal.")).toBeVisible();
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /brand-protection portal/);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your e-mail address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await expect(page.getByLabel("E-mail address")).toBeFocused();
  await page.getByLabel("E-mail address").fill("staff@northwind.test");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong e-mail address or password.")).toBeVisible();
  await expect(page.getByLabel("Password")).toBeFocused();
});

test("sign-in edges: both empty fields flagged, focus where to type again, the product named", async ({ page }) => {
  await open(page, "/login");
  await expect(page.getByText(/brand-protection portal/)).toBeVisible();
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /brand-protection portal/);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#email-error")).toHaveText("Enter your e-mail address.");
  await expect(page.locator("#password-error")).toHaveText("Enter your password.");
  await expect(page.getByLabel("E-mail address")).toBeFocused();
  await expect(page.getByLabel("E-mail address")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("E-mail address").fill("staff@helios.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong e-mail address or password.")).toBeVisible();
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.getByLabel("Password").fill("goodfaith-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Until the home page is there, the button says so, never "Sign in" again.
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toHaveCount(0);
  await expect(page).toHaveURL(/\/brands\/3$/);
});
