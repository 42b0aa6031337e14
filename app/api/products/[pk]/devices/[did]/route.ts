import { defineRoute } from "@/server/http/route";
import { deviceParamsSchema } from "@/lib/schemas/device-detail";
import { loadDeviceInfo } from "./_device";

// GET: the device page header (by did, or by MAC).
export const GET = defineRoute({ permission: "read", params: deviceParamsSchema }, ({ params }) => loadDeviceInfo(params.pk, params.did));
