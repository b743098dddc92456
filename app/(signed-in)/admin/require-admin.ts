import { revalidatePath } from "next/cache";
import { assertAdmin } from "@/lib/auth/access";
import { requireActorWho } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/roles";
import { askFirst, formObject, type FormState } from "@/lib/http/form-state";
import { formOutcome, succeeded, type RefusalWords } from "@/lib/http/refusal";

/** Every administration page starts here: to anyone but an administrator the pages do not exist (404). */
export const requireAdmin = (path: string): Promise<Actor> => requireActorWho(path, assertAdmin);

const ADMIN_WORDS: RefusalWords = {
  invalid: "own",
  notFound: (error) => `${error.message}: it may have been changed by someone else. Reload the page.`,
};

/**
 * Every administration action: an administrator, then the change (lib/structure authorises,
 * validates and audits again), then the shared form answer; the admin pages and team lists are
 * refreshed after a change.
 */
export async function adminAction(path: string, form: FormData, change: (actor: Actor) => Promise<string | FormState | void>): Promise<FormState> {
  const actor = await requireAdmin(path);
  const state = await formOutcome(form, () => change(actor), ADMIN_WORDS);
  if (succeeded(state)) {
    revalidatePath("/admin", "layout");
    revalidatePath("/teams");
  }
  return state;
}

type AdminService<T> = (actor: Actor, input: Record<string, unknown>) => Promise<T>;

/**
 * A server action for one administration change: the form's fields go to the lib/structure
 * service, and what it returns becomes the message the administrator reads. `lists` names the
 * fields sent as lists (checkboxes).
 */
export function adminChange<T>(
  path: string,
  service: AdminService<T>,
  done: (result: T, form: FormData) => string,
  lists: string[] = [],
  /** When the change cannot be undone by the same form: ask first (the form shows the question). */
  askWhen?: (form: FormData) => boolean,
) {
  return async (_state: FormState, form: FormData): Promise<FormState> => {
    const ask = askWhen ? askFirst(form, askWhen(form)) : null;
    if (ask) {
      await requireAdmin(path);
      return ask;
    }
    return adminAction(path, form, async (actor) => done(await service(actor, formObject(form, lists)), form));
  };
}

/** Deactivating (active=false) asks first; reactivating does not. */
export const whenDeactivating = (form: FormData) => form.get("active") === "false";
