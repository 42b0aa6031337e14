import { ComingNext } from "@/components/shell/coming-next";

export default function UsersPage() {
  return <ComingNext section="navUsers" />;
}
