import { isAccountName, isRole, isUsername, passwordProblem } from "@/lib/plain/accounts";
import type { accounts } from "@/lib/i18n/messages/accounts";

type Key = keyof typeof accounts.en;
export type FieldErrors = Partial<Record<"username" | "name" | "role" | "password", Key>>;

function passwordError(value: string): Key | undefined {
  const problem = passwordProblem(value);
  return problem === "tooShort" ? "passwordTooShort" : problem === "tooLong" ? "passwordTooLong" : undefined;
}

/**
 * Checks the add-account form with the rules the route's schema is built from (lib/plain/accounts.ts,
 * no zod in the browser), and names a localized message per field.
 */
export function validateNewAccount(input: { username: string; name: string; role: string; password: string }): FieldErrors {
  const errors: FieldErrors = {};
  if (!isUsername(input.username)) errors.username = "usernameInvalid";
  if (!isAccountName(input.name)) errors.name = "nameRequired";
  const password = passwordError(input.password);
  if (password) errors.password = password;
  if (!isRole(input.role)) errors.role = "failed";
  return errors;
}

export function validatePassword(value: string): Key | undefined {
  return passwordError(value);
}

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

/** 16 characters from an alphabet without look-alikes (0/O, 1/l/I), from the CSPRNG. */
export function generatePassword(length = 16): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  // 256 % 56 leaves a small bias; rejection sampling removes it.
  let out = "";
  for (let i = 0; out.length < length; i++) {
    if (i >= bytes.length) {
      crypto.getRandomValues(bytes);
      i = 0;
    }
    const b = bytes[i]!;
    if (b < 256 - (256 % ALPHABET.length)) out += ALPHABET[b % ALPHABET.length];
  }
  return out;
}
