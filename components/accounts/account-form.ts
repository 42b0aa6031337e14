import { createAccountSchema, passwordSchema } from "@/lib/schemas/accounts";
import type { accounts } from "@/lib/i18n/messages/accounts";

type Key = keyof typeof accounts.en;
export type FieldErrors = Partial<Record<"username" | "name" | "role" | "password", Key>>;

function passwordError(value: string): Key | undefined {
  if (passwordSchema.safeParse(value).success) return undefined;
  return value.length < 10 ? "passwordTooShort" : "passwordTooLong";
}

/**
 * Checks the add-account form with the same schema the route uses, and names a localized message
 * per field (the schema's own messages are English-only).
 */
export function validateNewAccount(input: { username: string; name: string; role: string; password: string }): FieldErrors {
  const r = createAccountSchema.safeParse(input);
  if (r.success) return {};
  const errors: FieldErrors = {};
  for (const issue of r.error.issues) {
    const field = issue.path[0];
    if (field === "username") errors.username = "usernameInvalid";
    else if (field === "name") errors.name = "nameRequired";
    else if (field === "password") errors.password = passwordError(input.password) ?? "passwordTooShort";
    else if (field === "role") errors.role = "failed";
  }
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
