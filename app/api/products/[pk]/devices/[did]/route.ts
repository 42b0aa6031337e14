import { defineRoute } from "@/server/http/route";
import { deviceOrMacParams } from "@/server/http/params";
import { loadDeviceInfo } from "@/server/console/device";

// GET: the device page header (by did, or by MAC).
export const GET = defineRoute({ permission: "read", params: deviceOrMacParams }, ({ params }) => loadDeviceInfo(params.pk, params.did));
