import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/errors";

/**
 * For pages and actions: the thing, or Next's 404 page when it is outside the caller's scope or
 * gone (lib/auth answers both with NotFoundError, so an id reveals nothing). Other errors throw.
 */
export async function orNotFound<T>(work: Promise<T> | (() => Promise<T>)): Promise<T> {
  try {
    return await (typeof work === "function" ? work() : work);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
