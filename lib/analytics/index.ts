/**
 * Wardsafe's domain analytics: pure functions from counts to run charts, p-charts and funnel plots.
 * No framework or database code belongs under lib/analytics, so every rule can be unit-tested and
 * reused by the API, exports and background jobs alike.
 */

export * from "./suppression";
export * from "./periods";
export * from "./runs-table";
export * from "./ratio";
export * from "./series";
export * from "./run-chart-types";
export * from "./run-chart";
export * from "./run-chart-wording";
export * from "./p-chart";
export * from "./funnel";
