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
