import "server-only";
import bcrypt from "bcryptjs";

// 11 rounds ≈ 100-200 ms per hash in pure JS on a small server: slow for guessing, tolerable for sign-in.
const ROUNDS = 11;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, ROUNDS);
}

// Compared against when the account does not exist, so an unknown username costs the same time as a wrong password.
const DUMMY_HASH = "$2b$11$6AbwEL00EzXerhZFlYcJMOCdcuG7/mE3W4ub.OsR/IVH7GOg1cAEW";

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) {
    await bcrypt.compare(password, DUMMY_HASH);
    return false;
  }
  return bcrypt.compare(password, hash);
}
