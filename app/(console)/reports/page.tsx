import { ComingNext } from "@/components/shell/coming-next";

export default function ReportsPage() {
  return <ComingNext section="navReports" />;
}
