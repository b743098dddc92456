// What a benchmark started (servers, databases) is stopped and dropped when it ends, and also when
// it is interrupted with Ctrl-C, last in first out: servers stop before their databases are dropped.

const cleanups: (() => Promise<unknown>)[] = [];
let cleaning: Promise<void> | undefined;

export function onCleanUp(fn: () => Promise<unknown>): void {
  cleanups.push(fn);
}

export function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) await fn().catch((error: unknown) => console.error("cleanup:", error));
  })();
  return cleaning;
}

export function cleanUpOnInterrupt(what: string): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: ${what}…`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
}
