import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, linkIn, mailTo, open, signIn, signInAs, signOut } from "./helpers";

// Addresses and names unique to this run: the journeys share one demo database.
const run = Date.now().toString(36);

test("an admin adds a brand and invites its brand admin, who invites a colleague who files a report", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const brand = `Lumen Optics ${run}`;
  const lia = `lia.${run}@lumen.test`;
  const colin = `colin.${run}@lumen.test`;

  // The admin adds the brand with its contact and manager.
  await signInAs(page, "admin@goodfaith.test");
  await page.getByRole("link", { name: "Add a brand" }).click();
  await page.getByRole("button", { name: "Add brand" }).click();
  await expect(page.getByText("Enter the brand's name, at least 2 characters.")).toBeVisible();
  await page.getByLabel("Brand name").fill(brand);
  await page.getByLabel("Contact's name").fill("Lia Lumen");
  await page.getByLabel("Contact's e-mail address").fill(lia);
  await page.getByLabel("Account manager").selectOption({ label: "Nils Manager" });
  await page.getByRole("button", { name: "Add brand" }).click();
  await expect(page.getByRole("heading", { name: brand, level: 1 })).toBeVisible();
  await expect(page.getByText(`Lia Lumen <${lia}>`)).toBeVisible();
  const brandPath = new URL(page.url()).pathname;

  // …and invites Lia as its brand admin from the People page.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  const invite = page.getByRole("form", { name: "Invite someone" });
  await invite.getByLabel("Name").fill("Lia Lumen");
  await invite.getByLabel("E-mail address").fill(lia);
  await invite.getByLabel("Role").selectOption({ label: "Brand staff" });
  await invite.getByLabel("Brand", { exact: true }).selectOption({ label: brand });
  await invite.getByLabel(/Brand admin/).check();
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${lia}`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(lia) })).toContainText(`Brand admin, ${brand}`);
  await signOut(page);

  // Lia accepts from the mail and chooses her password; she is signed in at once.
  const invitation = await mailTo(lia, { subject: "Ada Admin invited you to Goodfaith" });
  expect(invitation.subject).toBe("Ada Admin invited you to Goodfaith");
  expect(invitation.html).toContain("Accept the invitation");
  await open(page, linkIn(invitation.text));
  await expect(page.getByText(`You are invited as Brand admin of ${brand}`)).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("password1234");
  await page.getByLabel("New password again").fill("password1234");
  await page.getByRole("button", { name: "Join and sign in" }).click();
  await expect(page.getByText("That is one of the most common passwords")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("lumen lights the way");
  await page.getByLabel("New password again").fill("lumen lights the way");
  await page.getByRole("button", { name: "Join and sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${brandPath}$`));
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  // Lia invites Colin from her Team page.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" }).click();
  await expect(page.getByRole("heading", { name: "Team", level: 1 })).toBeVisible();
  const teamInvite = page.getByRole("form", { name: "Invite someone" });
  await teamInvite.getByLabel("Name").fill("Colin Lumen");
  await teamInvite.getByLabel("E-mail address").fill(colin);
  await teamInvite.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${colin}`)).toBeVisible();
  await signOut(page);

  // Colin joins, registers the brand's trademark, and Nils verifies it.
  await open(page, linkIn((await mailTo(colin)).text));
  await expect(page.getByText(`You are invited as Brand staff of ${brand}`)).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("colin's own long passphrase");
  await page.getByLabel("New password again").fill("colin's own long passphrase");
  await page.getByRole("button", { name: "Join and sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  // Plain staff have no Team page.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" })).toHaveCount(0);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "IP rights" }).click();
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  const registration = `EU0${run}`.slice(0, 14);
  await page.getByLabel("Kind of right").selectOption({ label: "Trademark" });
  await page.getByLabel("Registration number").fill(registration);
  await page.getByLabel("Jurisdiction").fill("EU");
  await page.getByLabel("Nice classes (trademarks)").fill("9");
  await page.getByLabel("Expiry date").fill("2034-01-31");
  await page.getByLabel("Proof document (registration certificate)").setInputFiles({
    name: "lumen-certificate.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n% Lumen trademark certificate\n%%EOF\n"),
  });
  await expect(page.getByText("Attached:")).toBeVisible();
  await page.getByRole("button", { name: "Register right" }).click();
  await expect(page.getByText(/Right \d+ registered/)).toBeVisible();
  await signOut(page);
  await signInAs(page, "manager2@goodfaith.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Rights to verify" }).click();
  await page.getByRole("button", { name: `Verify Trademark EU ${registration}` }).click();
  await expect(page.getByRole("heading", { name: `Trademark EU ${registration}` })).toHaveCount(0);
  await signOut(page);

  // Colin signs in with his own password and files a report.
  await signIn(page, colin, "colin's own long passphrase");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "New report" }).click();
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  await page.getByLabel("IP right").selectOption({ index: 1 });
  await page.getByLabel("Reason").selectOption({ label: "Counterfeit" });
  await page.getByLabel("Why these listings infringe").fill("Counterfeit Lumen lenses carrying our registered mark.");
  await page.getByLabel(/Listings — IDs or URLs/).fill("2301");
  await page.getByLabel(/I declare in good faith/).check();
  await page.getByLabel(/Signature/).fill("Colin Lumen");
  await page.getByRole("button", { name: "Submit report" }).click();
  await expect(page.getByRole("heading", { name: /Report \d+ received/ })).toBeVisible();
});

test("a forgotten password is reset from the mail, once", async ({ page }) => {
  // Cleo (Cobalt) is no other journey's.
  const cleo = "staff@cobalt.test";
  await open(page, "/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await expect(page.locator("html[data-hydrated=true]")).toHaveCount(1);
  await page.getByLabel("E-mail address").fill(cleo);
  const asked = new Date();
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText("If an account uses that address")).toBeVisible();

  // Cleo may have other mail (her notifications): the reset mail sent now is the one.
  const mail = await mailTo(cleo, { subject: "Reset your Goodfaith password", since: asked });
  expect(mail.text).toContain("15 minutes");
  const link = linkIn(mail.text);
  await open(page, link);
  await expect(page.getByText(`For the account ${cleo}.`)).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("cobalt blue and steady");
  await page.getByLabel("New password again").fill("cobalt blue and stead");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByText("This is not the same as the new password")).toBeVisible();
  await page.getByLabel("New password again").fill("cobalt blue and steady");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByText("Your new password is set")).toBeVisible();

  // The link works once; the new password signs in.
  await open(page, link);
  await expect(page.getByText("This link has been used already")).toBeVisible();
  await signIn(page, cleo, "cobalt blue and steady");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  // Back to the demo's password, for the other journeys.
  await open(page, "/account");
  await page.getByLabel("Current password").fill("cobalt blue and steady");
  await page.getByLabel("New password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel("New password again").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed")).toBeVisible();
});
