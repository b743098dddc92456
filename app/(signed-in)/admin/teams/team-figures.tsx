import { cell } from "@/components/table";
import { Status } from "@/components/ui";

/** The cells every list of project teams ends with: its wards, members, target and status. */
export function TeamFigures({ team }: { team: { active: boolean; targetPercent: number | null; _count: { wards: number; members: number } } }) {
  return (
    <>
      <td className={cell}>{team._count.wards}</td>
      <td className={cell}>{team._count.members}</td>
      <td className={cell}>{team.targetPercent === null ? "None" : `${team.targetPercent}%`}</td>
      <td className={cell}>
        <Status active={team.active} />
      </td>
    </>
  );
}
