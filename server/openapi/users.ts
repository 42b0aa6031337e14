import "server-only";
import { appPath, invalidInput, openapi, type OpenApiCaller } from "./client";
import { appUserSchema, sessionSchema, type AppSession, type AppUser } from "./users.schema";

export interface Credentials {
  username: string;
  password: string;
  lang?: "en" | "zh-cn";
}

function checked(c: Credentials): Credentials {
  if (!c.username || !c.password) throw invalidInput("openApiCredentialsRequired");
  return c;
}

// POST /app/users — register by username + password (AppID only). Never retried: a second
// attempt of a registration whose answer was lost would meet 9019 "username unavailable".
export async function registerUser(appid: string, c: Credentials): Promise<AppSession> {
  const { username, password, lang } = checked(c);
  return openapi({ caller: { appid }, method: "POST", path: appPath("users"), body: { username, password, lang }, schema: sessionSchema });
}

// POST /app/login — username/email/phone + password → a new token (older tokens stay valid).
export async function loginUser(appid: string, c: Credentials): Promise<AppSession> {
  const { username, password, lang } = checked(c);
  return openapi({ caller: { appid }, method: "POST", path: appPath("login"), body: { username, password, lang }, schema: sessionSchema });
}

// GET /app/users — the calling user's profile.
export function getCurrentUser(caller: OpenApiCaller): Promise<AppUser> {
  return openapi({ caller, userContext: true, method: "GET", path: appPath("users"), schema: appUserSchema });
}
