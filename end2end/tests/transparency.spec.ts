import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { open, signInAs } from "./helpers";

/** The number a figure of the page shows, by its term (each term and its value are grouped). */
async function figure(page: Page, term: string): Promise<string> {
  const item = page.locator("dl > div").filter({ has: page.getByRole("term").filter({ hasText: new RegExp(`^${term}$`) }) });
  await expect(item).toHaveCount(1);
  return ((await item.getByRole("definition").textContent()) ?? "").trim();
}

test("anyone reads the transparency report, and its CSV holds the figures it shows", async ({ page }) => {
  await open(page, "/transparency");
  await expect(page.getByRole("heading", { name: "Transparency report", level: 1 })).toBeVisible();
  const notices = await figure(page, "Notices received");
  const removed = await figure(page, "Removed");
  expect(Number(notices.replace(/,/g, ""))).toBeGreaterThan(0);
  // The chart's bars say their values, and the same numbers are a table.
  await expect(page.getByRole("img", { name: /: \d+ notices$/ }).first()).toBeVisible();
  await page.getByText("The numbers as a table").click();
  await expect(page.getByRole("table", { name: "Notices received and items decided, by week" })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "CSV" }).click();
  const file = await (await download).path();
  const csv = await readFile(file!, "utf8");
  const value = (section: string, name: string) =>
    csv
      .split(/\r?\n/)
      .map((line) => line.split(","))
      .find((cells) => cells[0] === section && cells[2] === name)?.[3];
  expect(value("notices", "received")).toBe(notices.replace(/,/g, ""));
  expect(value("decisions", "removed")).toBe(removed.replace(/,/g, ""));

  // A period the report does not take is refused by its field, and the form keeps it.
  await page.getByLabel("First day").fill("2020-01-01");
  await page.getByLabel("Last day").fill("2026-01-01");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText("At most 367 days at a time.")).toBeVisible();
  await expect(page.getByLabel("Last day")).toHaveValue("2026-01-01");
});

test("a brand downloads its reported listings under the list's filter", async ({ page }) => {
  await signInAs(page, "staff@northwind.test");
  await open(page, "/brands/1/reports");
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Removed" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  const link = page.getByRole("link", { name: "these reported listings and their decisions" });
  await expect(link).toHaveAttribute("href", /status=removed/);
  const download = page.waitForEvent("download");
  await link.click();
  const file = await (await download).path();
  const rows = (await readFile(file!, "utf8")).trim().split(/\r?\n/);
  expect(rows[0]).toContain("item_id,report_id");
  expect(rows.length).toBeGreaterThan(1);
  for (const row of rows.slice(1)) expect(row).toContain(",removed,");
});

test("an admin sees statements of reasons accepted by the transparency database, with their ids", async ({ page }) => {
  await signInAs(page, "admin@goodfaith.test");
  await open(page, "/admin/statements");
  await expect(page.getByRole("heading", { name: "Statements of reasons", level: 1 })).toBeVisible();
  // The demo submits to its stand-in: every statement is accepted with an id.
  await expect(page.getByRole("table", { name: "Statements, newest first" }).getByText("Submitted").first()).toBeVisible();
  await expect(page.getByText("Database id").first()).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download JSON lines" }).click();
  const lines = (await readFile((await (await download).path())!, "utf8")).trim().split("\n");
  const statement = JSON.parse(lines[0]);
  expect(statement.category).toBe("STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS");
  expect(statement.puid).toMatch(/^[A-Za-z0-9_-]+$/);
});

test("a manager reads the analytics of their brands only", async ({ page }) => {
  await signInAs(page, "manager2@goodfaith.test");
  await open(page, "/analytics");
  await expect(page.getByRole("heading", { name: "Analytics", level: 1 })).toBeVisible();
  const brands = page.getByRole("table", { name: /by brand/ });
  await expect(brands.getByRole("link", { name: "Northwind Apparel" })).toBeVisible();
  await expect(brands.getByRole("link", { name: "Helios Audio" })).toHaveCount(0);
});
