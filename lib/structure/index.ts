// The collaborative's structure as administrators change it: one module per thing administered.
export * from "./schemas";
export * from "./trusts";
export * from "./wards";
export * from "./teams";
export * from "./users";
export * from "./audit-log";
export { uniqueViolationIndex } from "./writes";
