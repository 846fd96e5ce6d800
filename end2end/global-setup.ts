// cargo-leptos starts the server and runs Playwright at once; wait here until it answers.
export default async function globalSetup(): Promise<void> {
  const baseURL = process.env.BASE_URL ?? "http://127.0.0.1:3000";
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseURL}/login`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The server at ${baseURL} did not answer within 120 s`);
}
