import { Skeleton, SkeletonLines } from "@/components/ui/skeleton";

export default function ConsoleLoading() {
  return (
    <div aria-busy="true" className="space-y-4">
      <div className="space-y-2">
        <Skeleton className="h-6 w-48" />
        <Skeleton className="h-3.5 w-80" />
      </div>
      <div className="rounded-lg border border-line bg-panel p-4 shadow-panel">
        <SkeletonLines lines={8} />
      </div>
    </div>
  );
}
