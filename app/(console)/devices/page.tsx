import { ComingNext } from "@/components/shell/coming-next";

export default function DevicesPage() {
  return <ComingNext section="navDevices" />;
}
