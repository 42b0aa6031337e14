"use client";

import { lazyClient } from "./lazy-client";

/**
 * ErrorState (components/ui/error-state.tsx) for first-load components such as the data table:
 * an error view shows only after a request failed, so its code (the error-code texts) loads then,
 * not with every page (issue 17). Code that needs useErrorText at once imports error-state itself.
 */
export const ErrorState = lazyClient(() => import("./error-state").then((m) => m.ErrorState));
