import { checks, guarded, searchVal } from "@/lib/schemas/guards";
import { boundSearchSchema, type UserSearchResult } from "@/lib/schemas/users";
import { searchBoundUsers } from "@/server/gizwits/users";
import { defineRoute } from "@/server/http/route";
import { productParams } from "@/server/http/params";
import { toUserRows } from "@/server/console/users";

/**
 * GET /api/products/{pk}/users/search?type=&val=&gid=&page=&page_size= — users bound to the
 * product's devices; by did or MAC each user carries isOwner.
 */
export const GET = defineRoute(
  { permission: "read", params: productParams, query: guarded(boundSearchSchema, { gid: checks.gid, val: searchVal("uid") }) },
  async ({ params, query }): Promise<UserSearchResult> => {
    const r = await searchBoundUsers(params.pk, {
      gid: query.gid,
      type: query.val ? (query.type ?? "uid") : undefined,
      val: query.val,
      limit: query.page_size,
      skip: (query.page - 1) * query.page_size,
      priority: "interactive",
    });
    return { users: await toUserRows(r.objects), total: r.total, page: query.page, pageSize: query.page_size };
  },
);
