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

/** MailDev's web API, where `make test` has the portal's SMTP mail delivered. */
const MAILDEV = process.env.MAILDEV_URL ?? "http://127.0.0.1:1080";

/**
 * The newest mail MailDev holds for `address` — with `subject`, and sent at or after `since`
 * when given — waiting up to 15 s for the mailer to send it.
 */
export async function mailTo(
  address: string,
  options: { subject?: string; since?: Date } = {},
): Promise<{ subject: string; text: string; html: string }> {
  const deadline = Date.now() + 15_000;
  const since = options.since ? options.since.getTime() - 1_000 : 0;
  while (Date.now() < deadline) {
    const response = await fetch(`${MAILDEV}/email`);
    const mails = (await response.json()) as Array<{
      subject: string;
      text: string;
      html: string;
      date: string;
      to: Array<{ address: string }>;
    }>;
    const found = mails.filter(
      (mail) =>
        mail.to.some((to) => to.address === address) &&
        (options.subject === undefined || mail.subject === options.subject) &&
        Date.parse(mail.date) >= since,
    );
    if (found.length > 0) return found[found.length - 1];
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`No mail to ${address} (${options.subject ?? "any subject"}) reached MailDev within 15 s`);
}

/** The portal link of a mail's plain-text part (its one-time link), as a path. */
export function linkIn(text: string): string {
  const match = text.match(/https?:\/\/[^\s]+\/(reset-password|invitation)\?token=[0-9a-f]{64}/);
  if (!match) throw new Error(`No one-time link in: ${text}`);
  return new URL(match[0]).pathname + new URL(match[0]).search;
}
