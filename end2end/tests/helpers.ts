import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "goodfaith-demo";

/** Opens a page and waits until the app has hydrated, so clicks are not lost. */
export async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
}

/** Signs in through the real form. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await open(page, "/login");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in and waits until the app has moved on to the account's home page. */
export async function signInAs(page: Page, email: string): Promise<void> {
  await signIn(page, email);
  await expect(page).not.toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Signs out through the navigation's button. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}
