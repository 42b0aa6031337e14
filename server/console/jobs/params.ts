import "server-only";
import { z } from "zod";
import { jobIdSchema } from "@/lib/schemas/jobs";

/** The [id] segment of app/api/jobs/[id]/**. */
export const jobParams = z.object({ id: jobIdSchema });
