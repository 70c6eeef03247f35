import { randomBytes } from "node:crypto";

export default async function globalSetup(): Promise<void> {
  process.env.ZEREN_TEST_RUN = randomBytes(3).toString("hex");
}
