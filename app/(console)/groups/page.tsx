import { ComingNext } from "@/components/shell/coming-next";

export default function GroupsPage() {
  return <ComingNext section="navGroups" />;
}
