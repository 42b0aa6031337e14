// See register.mjs. Runs in Node's loader thread, before tsx's own resolve hook.
const stub = new URL("./session-stub.ts", import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", format: "module", shortCircuit: true };
  // Handed on to tsx's resolver, so the TypeScript file is compiled like any other.
  if (specifier === "@/server/auth/session") return next(stub, context);
  return next(specifier, context);
}
