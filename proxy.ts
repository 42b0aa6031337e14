import { withAuth } from "next-auth/middleware";
import { sessionExpired } from "@/lib/session-policy";

/**
 * Sends signed-out visitors of console pages to /signin?callbackUrl=…. This is a convenience
 * for pages only: API routes are not matched and authorize every request themselves
 * (defineRoute), so a proxy bypass such as a forged x-middleware-subrequest opens nothing.
 */
export default withAuth({
  pages: { signIn: "/signin" },
  callbacks: { authorized: ({ token }) => !!token?.uid && !sessionExpired(token.loginAt) },
});

export const config = {
  matcher: [
    "/((?!api/|signin|_next/static|_next/image|favicon\\.ico|robots\\.txt|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|css|js|map|txt|woff2?)$).*)",
  ],
};
