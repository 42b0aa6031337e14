import { registeredCriteria, registeredSearchSchema, type UserSearchResult } from "@/lib/schemas/users";
import { searchRegisteredUsers } from "@/server/gizwits/users";
import { productQuery } from "@/server/http/params";
import { defineRoute } from "@/server/http/route";
import { requireAppid, toUserRows } from "@/server/console/users";

/**
 * GET /api/users?product=&type=username|phone|email&val=&username=&phone=&email=&appid=&page=&page_size= — users
 * registered in the product's apps (/v1/users/search, enterprise header auth upstream).
 */
export const GET = defineRoute(
  { permission: "read", query: registeredSearchSchema.extend(productQuery.shape) },
  async ({ query }): Promise<UserSearchResult> => {
    if (query.appid) requireAppid(query.product, query.appid);
    const r = await searchRegisteredUsers(query.product, {
      appid: query.appid,
      ...registeredCriteria(query),
      limit: query.page_size,
      skip: (query.page - 1) * query.page_size,
      priority: "interactive",
    });
    return { users: await toUserRows(r.objects), total: r.total, page: query.page, pageSize: query.page_size };
  },
);
