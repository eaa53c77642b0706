// Errors a user caused (bad flags, unreadable config): printed as one line, exit code 2.
export class UsageError extends Error {}
