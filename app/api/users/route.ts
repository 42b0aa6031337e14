import { registeredSearchSchema, type UserSearchResult } from "@/lib/schemas/users";
import { searchRegisteredUsers } from "@/server/gizwits/users";
import { productQuery } from "@/server/http/params";
import { defineRoute } from "@/server/http/route";
import { requireAppid, toUserRows } from "@/server/console/users";

/**
 * GET /api/users?product=&type=username|phone|email&val=&appid=&page=&page_size= — users
 * registered in the product's apps (/v1/users/search, enterprise header auth upstream).
 */
export const GET = defineRoute(
  { permission: "read", query: registeredSearchSchema.extend(productQuery.shape) },
  async ({ query }): Promise<UserSearchResult> => {
    if (query.appid) requireAppid(query.product, query.appid);
    const field = query.val ? (query.type ?? "username") : null;
    const r = await searchRegisteredUsers(query.product, {
      appid: query.appid,
      username: field === "username" ? query.val : undefined,
      phone: field === "phone" ? query.val : undefined,
      email: field === "email" ? query.val : undefined,
      limit: query.page_size,
      skip: (query.page - 1) * query.page_size,
      priority: "interactive",
    });
    return { users: await toUserRows(r.objects), total: r.total, page: query.page, pageSize: query.page_size };
  },
);
