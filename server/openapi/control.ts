import "server-only";
import { controlCommandSchema, type ControlCommand } from "@/server/gizwits/control";
import { appPath, invalidInput, openapi, type OpenApiCaller } from "./client";
import { emptyAnswerSchema } from "./devices.schema";

export type { ControlCommand } from "@/server/gizwits/control";

/** Data point values or raw bytes (decimal 0–255), exactly one of them, as Enterprise control takes them. */
export function checkedCommand(command: ControlCommand): ControlCommand {
  const parsed = controlCommandSchema.safeParse(command);
  if (!parsed.success || ("attrs" in parsed.data && Object.keys(parsed.data.attrs).length === 0)) {
    throw invalidInput("commandAttrsOrRaw");
  }
  return parsed.data;
}

// POST /app/control/{did} — the device must be bound to the calling user. A write: sent once,
// never retried (a timeout is "result unknown"). Authorize and audit it in the route.
// `invalidates`: the cache tags of what the command changes (the device's live status).
export async function controlBoundDevice(
  caller: OpenApiCaller,
  did: string,
  command: ControlCommand,
  invalidates?: string[],
): Promise<void> {
  await openapi({
    caller,
    userContext: true,
    method: "POST",
    path: appPath("control", did),
    body: checkedCommand(command),
    schema: emptyAnswerSchema,
    invalidates,
  });
}
