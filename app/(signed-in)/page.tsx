import { redirect } from "next/navigation";

// Home is the list of the user's project teams (for a lead with one team, that team's run chart).
export default function Home() {
  redirect("/teams");
}
